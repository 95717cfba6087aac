# The cluster of bin/agentqueue (sourced by it): an Artemis primary/backup pair with replication, made by
# server-config/artemis/create-broker.sh, and two WildFly nodes in remote-broker mode
# (server-config/wildfly/configure-remote-broker.cli) sharing one Redis. Everything lives in $state/cluster:
#   broker-primary/, broker-backup/  the broker instances (etc/broker.xml, data/ with the journal, log/)
#   node-1/, node-2/                 each node's server copy, log, pidfile and data directory (transaction logs only)
#   broker.env                       the broker logins this script generated (mode 600), unless given by environment

cluster_dir=$state/cluster
cluster_size=2
# Node n runs at the base offset + (n-1) * 100: agentqueue-1 on 8080/9990, agentqueue-2 on 8180/10090 by default.
cluster_offset=${AGENTQUEUE_PORT_OFFSET:-0}
broker_port=${AGENTQUEUE_BROKER_PORT:-61616}
broker_console_port=${AGENTQUEUE_BROKER_CONSOLE_PORT:-8161}

# Prints the Artemis installation the brokers run from: AGENTQUEUE_ARTEMIS_HOME, or the one the build unpacks.
artemis_home() {
    local home=${AGENTQUEUE_ARTEMIS_HOME:-$repo/reliability/target/artemis}
    [[ -x $home/bin/artemis ]] || die "no Artemis in $home; build first (bin/agentqueue cluster without --no-build)"
    echo "$home"
}

# Selects cluster node $1 (1 or 2) for the WildFly functions of bin/agentqueue.
use_cluster_node() {
    use_node "agentqueue-$1" $((cluster_offset + ($1 - 1) * 100)) "$cluster_dir/node-$1"
    node_cli=("$repo/server-config/wildfly/configure-remote-broker.cli")
    node_opts=(-Dagentqueue.broker.host=127.0.0.1 -Dagentqueue.broker.port="$broker_port"
        -Dagentqueue.broker.backup.host=127.0.0.1 -Dagentqueue.broker.backup.port=$((broker_port + 1)))
}

# broker $1 (primary or backup): its instance directory, acceptor port and console port.
broker_dir() { echo "$cluster_dir/broker-$1"; }
broker_acceptor() { [[ $1 == primary ]] && echo "$broker_port" || echo $((broker_port + 1)); }
broker_console() { [[ $1 == primary ]] && echo "$broker_console_port" || echo $((broker_console_port + 1)); }
broker_pid() { live_pid "$(broker_dir "$1")/data/artemis.pid" "$(broker_dir "$1")"; }

# Exports the broker logins: from the environment, else from broker.env, else generated now and kept there.
load_broker_secrets() {
    local env_file=$cluster_dir/broker.env
    if [[ -z ${AGENTQUEUE_BROKER_PASSWORD:-} || -z ${AGENTQUEUE_BROKER_CLUSTER_PASSWORD:-} ]] && [[ ! -f $env_file ]]; then
        mkdir -p "$cluster_dir"
        (umask 077
            echo "AGENTQUEUE_BROKER_PASSWORD=$(head -c 32 /dev/urandom | base64 | tr -d '/+=\n' | head -c 24)"
            echo "AGENTQUEUE_BROKER_CLUSTER_PASSWORD=$(head -c 32 /dev/urandom | base64 | tr -d '/+=\n' | head -c 24)"
        ) > "$env_file"
    fi
    if [[ -f $env_file ]]; then
        AGENTQUEUE_BROKER_PASSWORD=${AGENTQUEUE_BROKER_PASSWORD:-$(sed -n 's/^AGENTQUEUE_BROKER_PASSWORD=//p' "$env_file")}
        AGENTQUEUE_BROKER_CLUSTER_PASSWORD=${AGENTQUEUE_BROKER_CLUSTER_PASSWORD:-$(sed -n 's/^AGENTQUEUE_BROKER_CLUSTER_PASSWORD=//p' "$env_file")}
    fi
    # The WildFly nodes read the login from their environment (configure-remote-broker.cli).
    export AGENTQUEUE_BROKER_PASSWORD AGENTQUEUE_BROKER_CLUSTER_PASSWORD
}

# Creates the primary and the backup broker, unless they exist (their journals hold the queue).
create_brokers() {
    local home role peer
    home=$(artemis_home)
    for role in primary backup; do
        [[ -f $(broker_dir $role)/etc/broker.xml ]] && continue
        peer=$([[ $role == primary ]] && broker_acceptor backup || broker_acceptor primary)
        "$repo/server-config/artemis/create-broker.sh" "$home" "$(broker_dir $role)" --name="agentqueue-$role" \
            --host=127.0.0.1 --port="$(broker_acceptor $role)" --http-port="$(broker_console $role)" \
            --ha=$role --peer="127.0.0.1:$peer" --java-memory=512M > /dev/null
        say "Broker $role: created in ${cluster_dir#"$repo"/}/broker-$role"
    done
}

# Starts the primary (waits for its acceptor), then the backup (waits until it has copied the primary's journal).
start_brokers() {
    local role port log deadline
    for role in primary backup; do
        broker_pid $role > /dev/null && continue
        for port in "$(broker_acceptor $role)" "$(broker_console $role)"; do
            port_in_use "$port" \
                && die "port $port is in use by another process; set AGENTQUEUE_BROKER_PORT / AGENTQUEUE_BROKER_CONSOLE_PORT"
        done
    done
    "$repo/server-config/artemis/broker.sh" start "$(broker_dir primary)" "$(broker_acceptor primary)" > /dev/null
    say "Broker primary: pid $(broker_pid primary), acceptor 127.0.0.1:$(broker_acceptor primary)"
    log=$(broker_dir backup)/log/artemis.log
    if ! broker_pid backup > /dev/null; then
        : > "$log" 2> /dev/null || true
        "$repo/server-config/artemis/broker.sh" start "$(broker_dir backup)" > /dev/null
    fi
    deadline=$((SECONDS + 120))
    # AMQ221024: the backup holds a full copy of the primary's journal and receives every write from now on.
    until grep -q AMQ221024 "$log" 2> /dev/null; do
        broker_pid backup > /dev/null || { tail -n 20 "$log" >&2; die "the backup broker exited"; }
        ((SECONDS < deadline)) || { tail -n 20 "$log" >&2; die "the backup did not synchronize within 120 s"; }
        sleep 0.5
    done
    say "Broker backup: pid $(broker_pid backup), synchronized with the primary (takes over on 127.0.0.1:$(broker_acceptor backup))"
}

# Stops the backup first, so that stopping the primary hands nothing over, then the primary.
stop_brokers() {
    local role
    for role in backup primary; do
        if broker_pid $role > /dev/null; then
            "$repo/server-config/artemis/broker.sh" stop "$(broker_dir $role)" | sed 's/^broker.sh: /Broker: /'
        fi
    done
}

# Prints which broker serves the queue now: its acceptor answers only while it is active.
active_broker() {
    if port_in_use "$(broker_acceptor primary)"; then echo primary
    elif port_in_use "$(broker_acceptor backup)"; then echo backup
    else echo none; fi
}

cmd_cluster() {
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
    for role in primary backup; do
        if pid=$(broker_pid $role); then
            echo "Broker $role: running, pid $pid, acceptor 127.0.0.1:$(broker_acceptor $role)" \
                "($([[ $(active_broker) == "$role" ]] && echo active || echo 'standing by'))"
        elif [[ -d $(broker_dir $role) ]]; then
            echo "Broker $role: not running (instance in ${cluster_dir#"$repo"/}/broker-$role)"
        fi
    done
}
