#!/usr/bin/env bash
# Configures a running Payara 6 domain for agentqueue against an external Artemis broker (one made by
# server-config/artemis/create-broker.sh): deploys the Artemis resource adapter, creates its connection pools,
# connection factories and queues, and sets the application's system properties. Idempotent: run it again after
# changing a setting, it creates what is missing and updates the rest.
#
#   configure.sh <payara-home> <artemis-ra.rar> [--admin-port=4848] [--broker-host=localhost] [--broker-port=61616]
#
# Credentials come from the environment, never from arguments or files in the repository:
#   AGENTQUEUE_BROKER_USER      the broker login (default agentqueue-server)
#   AGENTQUEUE_BROKER_PASSWORD  its password (required); kept in the domain as the password alias agentqueue-broker,
#                               so domain.xml holds ${ALIAS=agentqueue-broker}, never the password
#   AS_ADMIN_PASSWORDFILE       an asadmin password file, when the domain's admin has a password
set -euo pipefail

usage() {
    sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//' >&2
    exit 2
}
[[ $# -ge 2 ]] || usage
payara=$1
rar=$(realpath "$2")
shift 2
admin_port=4848
broker_host=localhost
broker_port=61616
while [[ $# -gt 0 ]]; do
    case $1 in
        --admin-port=*) admin_port=${1#*=} ;;
        --broker-host=*) broker_host=${1#*=} ;;
        --broker-port=*) broker_port=${1#*=} ;;
        *) usage ;;
    esac
    shift
done
: "${AGENTQUEUE_BROKER_PASSWORD:?configure.sh: set AGENTQUEUE_BROKER_PASSWORD (the password of the broker login)}"
broker_user=${AGENTQUEUE_BROKER_USER:-agentqueue-server}
here="$(cd "$(dirname "$0")" && pwd)"
# shellcheck source=asadmin.sh
source "$here/asadmin.sh"

ra=artemis-ra
alias='${ALIAS=agentqueue-broker}'
# asadmin's --property syntax separates name=value pairs with ':', so '=' and ':' inside a value are escaped (and
# the escape itself doubled in a batch file, see asadmin.sh).
escaped_alias=${alias//=/\\\\=}
credentials="UserName=$broker_user:Password=$escaped_alias"

# The broker password, as an alias.
if asadmin list-password-aliases | grep -qx agentqueue-broker; then
    asadmin --secret "AS_ADMIN_ALIASPASSWORD=$AGENTQUEUE_BROKER_PASSWORD" update-password-alias agentqueue-broker
else
    asadmin --secret "AS_ADMIN_ALIASPASSWORD=$AGENTQUEUE_BROKER_PASSWORD" create-password-alias agentqueue-broker
fi

# What is there already: the domain's resources and applications as dotted names.
state=$(domain_state 'resources.*' 'applications.*')
has() { grep -q "^$1\." <<< "$state"; }
batch=$(mktemp)
trap 'rm -f "$batch"' EXIT

# The adapter's configuration comes first: the adapter reads it when it starts.
if has "resources.resource-adapter-config.$ra"; then
    echo "set resources.resource-adapter-config.$ra.property.ConnectionParameters=host=$broker_host;port=$broker_port"
    echo "set resources.resource-adapter-config.$ra.property.UserName=$broker_user"
    echo "set resources.resource-adapter-config.$ra.property.Password=$alias"
else
    echo "create-resource-adapter-config --property ConnectionParameters=host\\\\=$broker_host;port\\\\=$broker_port:$credentials $ra"
fi >> "$batch"
has "applications.application.$ra" || echo "deploy --type rar --name $ra $rar" >> "$batch"

# Two pools of the same connection definition: XA for the server's default JMS connection factory (enqueues join
# the caller's transaction), none for sends outside a transaction by other applications.
for pool in agentqueue-xa-pool:XATransaction agentqueue-direct-pool:NoTransaction; do
    has "resources.connector-connection-pool.${pool%%:*}" \
        || echo "create-connector-connection-pool --raname $ra" \
            "--connectiondefinition org.apache.activemq.artemis.ra.ActiveMQRAConnectionFactory" \
            "--transactionsupport ${pool#*:} --maxpoolsize 64 --property $credentials ${pool%%:*}" >> "$batch"
done
# java:comp/DefaultJMSConnectionFactory resolves to jms/__defaultConnectionFactory, a system resource Payara creates
# on OpenMQ: it gets our pool instead.
if asadmin get resources.connector-resource.jms/__defaultConnectionFactory.pool-name > /dev/null 2>&1; then
    echo "set resources.connector-resource.jms/__defaultConnectionFactory.pool-name=agentqueue-xa-pool"
else
    echo "create-connector-resource --poolname agentqueue-xa-pool jms/__defaultConnectionFactory"
fi >> "$batch"
# The application's direct factory is a plain Artemis factory, not a connector resource: the application opens one
# connection and makes many contexts of it, which the resource adapter forbids inside the server. Payara builds it
# from the adapter's classes with its JavaBean factory.
direct="brokerURL=tcp\\\\://$broker_host\\\\:$broker_port?reconnectAttempts\\\\=-1"
if has resources.custom-resource.jms/agentqueue/direct-connection-factory; then
    echo "set resources.custom-resource.jms/agentqueue/direct-connection-factory.property.brokerURL=tcp://$broker_host:$broker_port?reconnectAttempts=-1"
else
    echo "create-custom-resource --restype org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory" \
        "--factoryclass org.glassfish.resources.custom.factory.JavaBeanFactory --property $direct" \
        "jms/agentqueue/direct-connection-factory"
fi >> "$batch"
# Users are file-realm groups named like the roles (add-users.sh).
echo "set configs.config.server-config.security-service.activate-default-principal-to-role-mapping=true" >> "$batch"
for queue in jms/agentqueue/tasks:jms.queue.AgentQueueTasks jms/agentqueue/tasks-dlq:jms.queue.AgentQueueTasksDLQ \
    jms/agentqueue/tasks-dlq-redriving:jms.queue.AgentQueueTasksDLQRedriving \
    jms/agentqueue/tasks-dlq-purging:jms.queue.AgentQueueTasksDLQPurging \
    jms/agentqueue/tasks-expiry:jms.queue.AgentQueueTasksExpiry jms/agentqueue/broker-management:activemq.management; do
    has "resources.admin-object-resource.${queue%%:*}" \
        || echo "create-admin-object --raname $ra --restype jakarta.jms.Queue --property Address=${queue#*:} ${queue%%:*}" \
            >> "$batch"
done

# The application manages a remote broker through management messages, over the direct factory, and logs in to it
# with the same alias.
echo "create-system-properties agentqueue.broker.management=remote:agentqueue.broker.user=$broker_user:agentqueue.broker.password=$escaped_alias:agentqueue.broker.management.connection-factory=jms/agentqueue/direct-connection-factory:agentqueue.broker.management.queue=jms/agentqueue/broker-management" \
    >> "$batch"
asadmin_batch "$batch"
echo "configure.sh: Payara on admin port $admin_port uses the Artemis broker at $broker_host:$broker_port"
