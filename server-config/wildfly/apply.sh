#!/usr/bin/env bash
# Applies configure.cli or remove.cli to a WildFly installation.
#
#   apply.sh <jboss-home> <configure|remove|configure-remote-broker|remove-remote-broker> [--offline]
#            [--server-config=standalone-full.xml] [--controller=HOST:PORT] [-- extra jboss-cli args]
#
# configure-remote-broker (after configure) points the server at an external Artemis broker instead of its embedded
# one; remove-remote-broker brings the embedded broker back (run configure again after it).
#
# --offline edits the configuration file through an embedded server (no running server
# needed; this is what the build does). Without it the script talks to a running server's
# management interface (default localhost:9990) and reloads it if the changes need that.
set -euo pipefail

usage() {
    sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//' >&2
    exit 2
}

[[ $# -ge 2 ]] || usage
jboss_home=$1
action=$2
shift 2
offline=false
server_config=standalone-full.xml
controller=localhost:9990
extra=()
while [[ $# -gt 0 ]]; do
    case $1 in
        --offline) offline=true ;;
        --server-config=*) server_config=${1#*=} ;;
        --controller=*) controller=${1#*=} ;;
        --) shift; extra=("$@"); break ;;
        *) usage ;;
    esac
    shift
done

case $action in
    configure | remove | configure-remote-broker | remove-remote-broker) ;;
    *) usage ;;
esac
script="$(cd "$(dirname "$0")" && pwd)/$action.cli"
cli="$jboss_home/bin/jboss-cli.sh"
[[ -x $cli ]] || { echo "apply.sh: $cli not found or not executable" >&2; exit 1; }

# jboss-cli honours JAVA_OPTS; a caller's server tuning has no business here.
unset JAVA_OPTS

if $offline; then
    tmp=$(mktemp "${TMPDIR:-/tmp}/agentqueue-$action.XXXXXX.cli")
    trap 'rm -f "$tmp"' EXIT
    {
        echo "embed-server --server-config=$server_config --std-out=echo"
        cat "$script"
        echo
        echo "stop-embedded-server"
    } > "$tmp"
    "$cli" --file="$tmp" "${extra[@]}"
else
    "$cli" -c --controller="$controller" --file="$script" "${extra[@]}"
    state=$("$cli" -c --controller="$controller" "${extra[@]}" --command=':read-attribute(name=server-state)' \
        | sed -n 's/.*"result" => "\(.*\)".*/\1/p')
    if [[ $state == reload-required ]]; then
        echo "apply.sh: server state is reload-required, reloading"
        "$cli" -c --controller="$controller" "${extra[@]}" --command=':reload'
    fi
fi
echo "apply.sh: $action applied to $jboss_home ($server_config$($offline && echo ', offline'))"
