#!/usr/bin/env bash
# Creates or updates agentqueue's API users in a WildFly's application realm (ApplicationRealm, the
# 'other'/ApplicationDomain security domain), from environment variables. Nothing about a user is
# stored in this repository; a variable pair that is not set is skipped.
#
#   add-users.sh <jboss-home>
#
#   AGENTQUEUE_ADMIN_USER / AGENTQUEUE_ADMIN_PASSWORD        role agentqueue-admin (everything)
#   AGENTQUEUE_VIEWER_USER / AGENTQUEUE_VIEWER_PASSWORD      role agentqueue-viewer (reads)
#   AGENTQUEUE_PRODUCER_USER / AGENTQUEUE_PRODUCER_PASSWORD  role agentqueue-producer (enqueue)
#   AGENTQUEUE_CLIENT_USER / AGENTQUEUE_CLIENT_PASSWORD      roles producer + viewer (enqueue and poll)
#
# It writes standalone/configuration/application-{users,roles}.properties the way add-user.sh -a
# does (HEX(MD5(user:ApplicationRealm:password))), without putting passwords on a command line.
# Run it before starting the server, or reload the server afterwards (jboss-cli: :reload).
set -euo pipefail

[[ $# -eq 1 ]] || { sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
config=$1/standalone/configuration
users=$config/application-users.properties
roles=$config/application-roles.properties
[[ -f $users && -f $roles ]] || { echo "add-users.sh: no $users or $roles" >&2; exit 1; }

# Replaces the line of user $2 in properties file $1 with "$2=$3".
put() {
    local tmp
    tmp=$(mktemp "$1.XXXXXX")
    awk -F= -v user="$2" '$1 != user' "$1" > "$tmp"
    printf '%s=%s\n' "$2" "$3" >> "$tmp"
    chmod 600 "$tmp"
    mv "$tmp" "$1"
}

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
        CLIENT) groups=agentqueue-producer,agentqueue-viewer ;;
    esac
    # printf is a shell builtin: the password never appears in a process list.
    hash=$(printf '%s:ApplicationRealm:%s' "$user" "$password" | md5sum | cut -d' ' -f1)
    put "$users" "$user" "$hash"
    put "$roles" "$user" "$groups"
    echo "add-users.sh: $user ($groups)"
    added=$((added + 1))
done
((added > 0)) || echo "add-users.sh: no AGENTQUEUE_*_USER/_PASSWORD set; no users changed" >&2
