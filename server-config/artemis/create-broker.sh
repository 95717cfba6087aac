#!/usr/bin/env bash
# Creates an Apache Artemis broker instance for agentqueue with `artemis create`, then adds agentqueue's queues,
# redelivery policy and security settings (the *.xml files beside this script) to its etc/broker.xml.
#
#   create-broker.sh <artemis-home> <instance-dir> [--name=NAME] [--port=61616] [--http-port=8161]
#                    [--host=localhost] [--ha=primary|backup --peer=HOST:PORT] [--shared-store=DIR]
#                    [--java-memory=1G] [--no-console] [--force]
#
# --ha=primary / --ha=backup make one node of a replicated primary/backup pair; --peer names the other node's
# acceptor. With --shared-store=DIR the pair shares the journal in DIR instead of replicating it (both nodes must
# see DIR, e.g. on an NFS v4 mount). --no-console leaves out the web console (and its Jolokia endpoint).
# Credentials come from the environment, never from arguments or files in the repository:
#   AGENTQUEUE_BROKER_USER      the login WildFly uses (default agentqueue-server; role agentqueue-server)
#   AGENTQUEUE_BROKER_PASSWORD  its password (required)
#   AGENTQUEUE_BROKER_CLUSTER_PASSWORD  the password the two nodes of a pair share (required with --ha)
set -euo pipefail

usage() {
    sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//' >&2
    exit 2
}

[[ $# -ge 2 ]] || usage
artemis_home=$1
instance=$2
shift 2
name=agentqueue-broker
port=61616
http_port=8161
host=localhost
ha=
peer=
shared_store=
java_memory=1G
force=()
console=()
while [[ $# -gt 0 ]]; do
    case $1 in
        --name=*) name=${1#*=} ;;
        --port=*) port=${1#*=} ;;
        --http-port=*) http_port=${1#*=} ;;
        --host=*) host=${1#*=} ;;
        --ha=primary | --ha=backup) ha=${1#*=} ;;
        --peer=*) peer=${1#*=} ;;
        --shared-store=*) shared_store=${1#*=} ;;
        --java-memory=*) java_memory=${1#*=} ;;
        --force) force=(--force) ;;
        --no-console) console=(--no-web) ;;
        *) usage ;;
    esac
    shift
done
: "${AGENTQUEUE_BROKER_PASSWORD:?create-broker.sh: set AGENTQUEUE_BROKER_PASSWORD (the password of the broker login WildFly uses)}"
here="$(cd "$(dirname "$0")" && pwd)"

args=(--silent "${force[@]}" "${console[@]}" --name="$name" --host="$host" --default-port="$port" --http-port="$http_port"
    --user="${AGENTQUEUE_BROKER_USER:-agentqueue-server}" --password="$AGENTQUEUE_BROKER_PASSWORD"
    --role=agentqueue-server --require-login --no-autocreate --nio --no-autotune --java-memory="$java_memory"
    --no-amqp-acceptor --no-mqtt-acceptor --no-stomp-acceptor --no-hornetq-acceptor)
if [[ -n $ha ]]; then
    [[ -n $peer ]] || { echo "create-broker.sh: --ha needs --peer=HOST:PORT (the other node's acceptor)" >&2; exit 2; }
    : "${AGENTQUEUE_BROKER_CLUSTER_PASSWORD:?create-broker.sh: set AGENTQUEUE_BROKER_CLUSTER_PASSWORD for a pair}"
    # A primary that is stopped hands over to its backup (failover-on-shutdown), not only one that dies.
    args+=(--clustered --static-cluster="tcp://$peer" --cluster-user=agentqueue-cluster
        --cluster-password="$AGENTQUEUE_BROKER_CLUSTER_PASSWORD" --failover-on-shutdown)
    if [[ -n $shared_store ]]; then
        args+=(--shared-store --data="$shared_store")
    else
        args+=(--replicated)
    fi
    [[ $ha == backup ]] && args+=(--backup)
fi
"$artemis_home/bin/artemis" create "${args[@]}" "$instance" > "$instance.create.log" 2>&1 \
    || { cat "$instance.create.log" >&2; exit 1; }
rm -f "$instance.create.log"

# The generated broker.xml keeps its own address-settings and addresses (the catch-all '#', DLQ, ExpiryQueue); ours
# go in front of them, and our security settings replace the generated catch-all one.
broker_xml=$instance/etc/broker.xml
sed -i \
    -e '/<security-settings>/,/<\/security-settings>/d' \
    -e "/<\/acceptors>/r $here/security-settings.xml" \
    -e "/<persistence-enabled>/r $here/core-settings.xml" \
    -e "/<address-settings>/r $here/address-settings.xml" \
    -e "/<addresses>/r $here/addresses.xml" \
    "$broker_xml"
if [[ $ha == primary && -z $shared_store ]]; then
    # A primary that comes back after its backup took over must look for the active node first and join it as its
    # backup, not start as a second active broker with an old journal (split brain).
    sed -i '/<replication>/,/<\/replication>/ s|<primary>|<primary>\n               <check-for-active-server>true</check-for-active-server>|' \
        "$broker_xml"
    grep -q '<check-for-active-server>true' "$broker_xml" \
        || { echo "create-broker.sh: could not set check-for-active-server in $broker_xml" >&2; exit 1; }
fi
for element in security-settings persist-delivery-count-before-delivery 'address-setting match="jms.queue.AgentQueueTasks"' \
    'address name="jms.queue.AgentQueueTasks"'; do
    grep -q "<$element" "$broker_xml" || { echo "create-broker.sh: could not add <$element> to $broker_xml" >&2; exit 1; }
done
where="acceptor $host:$port"
((${#console[@]})) || where+=", console $host:$http_port"
echo "create-broker.sh: broker '$name' created in $instance ($where${ha:+, $ha})"
