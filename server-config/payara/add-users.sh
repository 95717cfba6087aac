#!/usr/bin/env bash
# Creates or updates agentqueue's API users in a running Payara domain's file realm, from environment variables,
# in the groups that the EAR's glassfish-application.xml maps to the roles of the same names. Nothing about a user
# is stored in this repository; a variable pair that is not set is skipped.
#
#   add-users.sh <payara-home> [--admin-port=4848]
#
#   AGENTQUEUE_ADMIN_USER / AGENTQUEUE_ADMIN_PASSWORD        group agentqueue-admin (everything)
#   AGENTQUEUE_VIEWER_USER / AGENTQUEUE_VIEWER_PASSWORD      group agentqueue-viewer (reads)
#   AGENTQUEUE_PRODUCER_USER / AGENTQUEUE_PRODUCER_PASSWORD  group agentqueue-producer (enqueue)
#   AGENTQUEUE_CLIENT_USER / AGENTQUEUE_CLIENT_PASSWORD      groups producer + viewer (enqueue and poll)
#   AS_ADMIN_PASSWORDFILE                                    an asadmin password file, when the admin has a password
#
# Passwords reach asadmin through a temporary file only the current user can read, never a command line.
set -euo pipefail

[[ $# -ge 1 ]] || { sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
payara=$1
admin_port=4848
[[ ${2:-} == --admin-port=* ]] && admin_port=${2#*=}
here="$(cd "$(dirname "$0")" && pwd)"
# shellcheck source=asadmin.sh
source "$here/asadmin.sh"

existing=$(asadmin list-file-users | awk '{print $1}')
added=0
for kind in ADMIN VIEWER PRODUCER CLIENT; do
    user_var=AGENTQUEUE_${kind}_USER
    password_var=AGENTQUEUE_${kind}_PASSWORD
    user=${!user_var:-}
    password=${!password_var:-}
    [[ -n $user || -n $password ]] || continue
    [[ -n $user && -n $password ]] || { echo "add-users.sh: set both $user_var and $password_var" >&2; exit 1; }
    [[ $user =~ ^[A-Za-z0-9._@-]+$ ]] || { echo "add-users.sh: $user_var may hold only letters, digits and . _ @ -" >&2; exit 1; }
    case $kind in
        ADMIN) groups=agentqueue-admin ;;
        VIEWER) groups=agentqueue-viewer ;;
        PRODUCER) groups=agentqueue-producer ;;
        CLIENT) groups=agentqueue-producer:agentqueue-viewer ;;
    esac
    if grep -qx "$user" <<< "$existing"; then
        asadmin --secret "AS_ADMIN_USERPASSWORD=$password" update-file-user --groups "$groups" "$user"
    else
        asadmin --secret "AS_ADMIN_USERPASSWORD=$password" create-file-user --groups "$groups" "$user"
    fi
    echo "add-users.sh: $user (${groups//:/,})"
    added=$((added + 1))
done
((added > 0)) || echo "add-users.sh: no AGENTQUEUE_*_USER/_PASSWORD set; no users changed" >&2
