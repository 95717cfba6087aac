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
# The user $1 with password $2 in the groups $3... (named like the roles).
add_user() {
    local user=$1 password=$2 groups
    shift 2
    groups=$(IFS=:; echo "$*")
    if grep -qx "$user" <<< "$existing"; then
        asadmin --secret "AS_ADMIN_USERPASSWORD=$password" update-file-user --groups "$groups" "$user"
    else
        asadmin --secret "AS_ADMIN_USERPASSWORD=$password" create-file-user --groups "$groups" "$user"
    fi
    echo "add-users.sh: $user (${groups//:/,})"
}

# shellcheck source=../api-users.sh
source "$here/../api-users.sh"
api_users add_user
