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
roles_file=$config/application-roles.properties
[[ -f $users && -f $roles_file ]] || { echo "add-users.sh: no $users or $roles_file" >&2; exit 1; }

# Replaces the line of user $2 in properties file $1 with "$2=$3".
put() {
    local tmp
    tmp=$(mktemp "$1.XXXXXX")
    awk -F= -v user="$2" '$1 != user' "$1" > "$tmp"
    printf '%s=%s\n' "$2" "$3" >> "$tmp"
    chmod 600 "$tmp"
    mv "$tmp" "$1"
}

# The user $1 with password $2 in the roles $3...
add_user() {
    local user=$1 password=$2 roles hash
    shift 2
    roles=$(IFS=,; echo "$*")
    # printf is a shell builtin: the password never appears in a process list.
    hash=$(printf '%s:ApplicationRealm:%s' "$user" "$password" | md5sum | cut -d' ' -f1)
    put "$users" "$user" "$hash"
    put "$roles_file" "$user" "$roles"
    echo "add-users.sh: $user ($roles)"
}

# shellcheck source=../api-users.sh
source "$(dirname "$0")/../api-users.sh"
api_users add_user
