# The cluster of bin/agentqueue (sourced by it): an Artemis primary/backup pair with replication (lib/broker-pair.bash)
# and two WildFly nodes in remote-broker mode (server-config/wildfly/configure-remote-broker.cli) sharing one Redis. Everything lives in $state/cluster:
#   broker-primary/, broker-backup/  the broker instances (etc/broker.xml, data/ with the journal, log/)
#   node-1/, node-2/                 each node's server copy, log, pidfile and data directory (transaction logs only)
#   broker.env                       the broker logins this script generated (mode 600), unless given by environment

cluster_dir=$state/cluster
cluster_size=2
# Node n runs at the base offset + (n-1) * 100: agentqueue-1 on 8080/9990, agentqueue-2 on 8180/10090 by default.
cluster_offset=${AGENTQUEUE_PORT_OFFSET:-0}

# Selects cluster node $1 (1 or 2) for the WildFly functions of bin/agentqueue.
use_cluster_node() {
    use_node "agentqueue-$1" $((cluster_offset + ($1 - 1) * 100)) "$cluster_dir/node-$1"
    node_cli=("$repo/server-config/wildfly/configure-remote-broker.cli")
    node_opts=(-Dagentqueue.broker.host=127.0.0.1 -Dagentqueue.broker.port="$broker_port"
        -Dagentqueue.broker.backup.host=127.0.0.1 -Dagentqueue.broker.backup.port=$((broker_port + 1)))
}

# shellcheck source=broker-pair.bash
source "$repo/bin/lib/broker-pair.bash"

cmd_cluster() {
    case ${1:-} in
        start-broker | stop-broker)
            [[ ${2:-} == primary || ${2:-} == backup ]] || die "cluster $1: name the broker: primary or backup"
            [[ -f $(broker_dir "$2")/etc/broker.xml ]] || die "no $2 broker in ${cluster_dir#"$repo"/}; run bin/agentqueue cluster first"
            load_broker_secrets
            if [[ $1 == start-broker ]]; then restart_broker "$2"; else stop_broker "$2"; fi
            brokers_status
            return
            ;;
    esac
    local fresh build n
    read_run_options cluster "$@"
    mkdir -p "$cluster_dir"
    start_redis
    if $fresh; then
        cluster_stop_servers
        rm -rf "$(broker_dir primary)" "$(broker_dir backup)" "$cluster_dir"/node-*/data
        say "Cluster: brokers and node data deleted"
        empty_redis
    fi
    if $build; then
        say "Building (./mvnw -B -q package -Dmaven.test.skip=true; also unpacks Artemis and prepares WildFly)"
        build_all -DskipPayaraITs
    fi
    load_broker_secrets
    create_brokers
    start_brokers
    # Both nodes boot at once; then each must deploy and answer. jboss-cli configures the first copy only.
    for n in $(seq "$cluster_size"); do
        use_cluster_node "$n"
        ((n == 1)) || node_config_from=$cluster_dir/node-1/wildfly/standalone/configuration/standalone-full.xml
        launch_wildfly
    done
    node_config_from=
    local urls=()
    for n in $(seq "$cluster_size"); do
        use_cluster_node "$n"
        await_wildfly
        urls+=("$base_url")
    done

    say "Demo: java bin/Demo.java ${urls[*]} (enqueues through both nodes)"
    AGENTQUEUE_USER=$admin_user AGENTQUEUE_PASSWORD=$admin_password java "$repo/bin/Demo.java" "${urls[@]}" \
        || die "the demo did not end as expected (server logs: $cluster_dir/node-*/wildfly.log)"
    cluster_summary
}

cluster_summary() {
    local n shown_password='$AGENTQUEUE_ADMIN_PASSWORD'
    $admin_password_generated && shown_password=$admin_password
    echo
    echo "agentqueue cluster is running."
    for n in $(seq "$cluster_size"); do
        use_cluster_node "$n"
        echo "  Node $node_name  API $base_url/agentqueue/api/v1, management 127.0.0.1:$mgmt_port, pid $(cat "$wildfly_pidfile"),"
        echo "                      log ${wildfly_log#"$repo"/}"
    done
    local role
    for role in primary backup; do
        printf '  Broker %-8s acceptor 127.0.0.1:%s, console http://127.0.0.1:%s/console, pid %s, log %s\n' "$role" \
            "$(broker_acceptor $role)" "$(broker_console $role)" "$(broker_pid $role || echo -)" \
            "${cluster_dir#"$repo"/}/broker-$role/log/artemis.log"
    done
    echo "  Redis            $redis_url"
    echo "  Log in           export AQ_AUTH=\"$admin_user:$shown_password\"  (the same user on both nodes)"
    echo "  Status / stop    bin/agentqueue status / bin/agentqueue stop"
}

# Stops both nodes (gracefully, by PID), then the brokers.
cluster_stop_servers() {
    local n
    for n in $(seq "$cluster_size" -1 1); do
        use_cluster_node "$n"
        stop_wildfly | sed "s/^WildFly:/WildFly $node_name:/"
    done
    stop_brokers
}

cluster_status() {
    local n pid role
    for n in $(seq "$cluster_size"); do
        use_cluster_node "$n"
        if pid=$(live_pid "$wildfly_pidfile" "$wildfly"); then
            echo "WildFly $node_name: running, pid $pid, API $base_url/agentqueue/api/v1" \
                "(health: $(http_status "$http_port" /agentqueue/api/v1/health || true)), log ${wildfly_log#"$repo"/}"
        else
            echo "WildFly $node_name: not running"
        fi
    done
    brokers_status
}
