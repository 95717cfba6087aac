#!/usr/bin/env bash
# Undoes configure.sh in a running Payara domain: removes agentqueue's queues, connection factories and pools, the
# Artemis resource adapter and its configuration, the broker password alias and the system properties. Undeploy the
# application first. Idempotent: what is already gone is skipped.
#
#   remove.sh <payara-home> [--admin-port=4848]
#
#   AS_ADMIN_PASSWORDFILE  an asadmin password file, when the domain's admin has a password
set -euo pipefail

[[ $# -ge 1 ]] || { sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
payara=$1
admin_port=4848
[[ ${2:-} == --admin-port=* ]] && admin_port=${2#*=}
here="$(cd "$(dirname "$0")" && pwd)"
# shellcheck source=asadmin.sh
source "$here/asadmin.sh"
ra=artemis-ra

state=$(domain_state 'resources.*' 'applications.*' 'servers.server.server.system-property.*')
has() { grep -q "^$1\." <<< "$state"; }
batch=$(mktemp)
trap 'rm -f "$batch"' EXIT
{
    for property in agentqueue.broker.management agentqueue.broker.user agentqueue.broker.password \
        agentqueue.broker.management.connection-factory agentqueue.broker.management.queue; do
        has "servers.server.server.system-property.$property" && echo "delete-system-property $property"
    done
    for queue in jms/agentqueue/tasks jms/agentqueue/tasks-dlq jms/agentqueue/tasks-dlq-redriving \
        jms/agentqueue/tasks-dlq-purging jms/agentqueue/tasks-expiry \
        jms/agentqueue/broker-management; do
        has "resources.admin-object-resource.$queue" && echo "delete-admin-object $queue"
    done
    # Payara's own default JMS connection factory goes back to its OpenMQ pool.
    echo "set resources.connector-resource.jms/__defaultConnectionFactory.pool-name=jms/__defaultConnectionFactory-Connection-Pool"
    has resources.custom-resource.jms/agentqueue/direct-connection-factory \
        && echo "delete-custom-resource jms/agentqueue/direct-connection-factory"
    for pool in agentqueue-xa-pool agentqueue-direct-pool; do
        has "resources.connector-connection-pool.$pool" && echo "delete-connector-connection-pool $pool"
    done
    has "applications.application.$ra" && echo "undeploy $ra"
    has "resources.resource-adapter-config.$ra" && echo "delete-resource-adapter-config $ra"
    true
} > "$batch"
asadmin_batch "$batch"
if asadmin list-password-aliases | grep -qx agentqueue-broker; then
    asadmin delete-password-alias agentqueue-broker
fi
echo "remove.sh: agentqueue's broker resources are gone from Payara on admin port $admin_port"
