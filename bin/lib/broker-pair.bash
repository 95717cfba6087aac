# The Artemis primary/backup pair of 'bin/agentqueue cluster' (sourced by lib/cluster.bash): creating, starting and
# stopping it, telling which broker serves the queue, and bringing a broker that died back into the pair. Both
# instances are made by server-config/artemis/create-broker.sh and run by server-config/artemis/broker.sh.
#
# How the pair behaves (broker.xml of each instance): the primary serves the queue and replicates every write to the
# backup. When the primary dies or stops, the backup takes over on its own acceptor. When the primary comes back it
# looks for an active broker first (check-for-active-server), copies the journal from the backup, and then takes the
# queue back (the backup's allow-failback), while the backup restarts as its replica and copies the journal again.

broker_port=${AGENTQUEUE_BROKER_PORT:-61616}
broker_console_port=${AGENTQUEUE_BROKER_CONSOLE_PORT:-8161}

# Prints the Artemis installation the brokers run from: AGENTQUEUE_ARTEMIS_HOME, or the one the build unpacks.
artemis_home() {
    local home=${AGENTQUEUE_ARTEMIS_HOME:-$repo/reliability/target/artemis}
    [[ -x $home/bin/artemis ]] || die "no Artemis in $home; build first (bin/agentqueue cluster without --no-build)"
    echo "$home"
}

# broker $1 (primary or backup): its instance directory, acceptor port, console port, PID and the other broker.
broker_dir() { echo "$cluster_dir/broker-$1"; }
broker_acceptor() { [[ $1 == primary ]] && echo "$broker_port" || echo $((broker_port + 1)); }
broker_console() { [[ $1 == primary ]] && echo "$broker_console_port" || echo $((broker_console_port + 1)); }
broker_pid() { live_pid "$(broker_dir "$1")/data/artemis.pid" "$(broker_dir "$1")"; }
broker_peer() { [[ $1 == primary ]] && echo backup || echo primary; }
broker_log() { echo "$(broker_dir "$1")/log/artemis.log"; }

# Prints what broker $1 does now:
#   active   its acceptor answers: it serves the queue (a backup's acceptor opens only when it takes over)
#   in-sync  it stands by with a full copy of the active broker's journal and receives every write (AMQ221024)
#   syncing  it stands by but has no full copy yet: still starting, or still copying the journal
#   down     not running
broker_state() {
    local pid log age
    pid=$(broker_pid "$1") || { echo down; return; }
    if port_in_use "$(broker_acceptor "$1")"; then
        echo active
        return
    fi
    log=$(broker_log "$1")
    age=$(ps -o etimes= -p "$pid" | tr -d ' ') || age=0
    # Only the lines after the broker last started count: AMQ101000 is the first line of a new JVM, AMQ221000 is also
    # logged when a backup restarts in the same JVM after failback; a log last written before the process started is
    # the previous run's.
    if [[ -f $log ]] && (($(stat -c %Y "$log") >= $(date +%s) - ${age:-0})) \
        && [[ $(grep -oE 'AMQ(101000|221000|221024)' "$log" | tail -n 1) == AMQ221024 ]]; then
        echo in-sync
    else
        echo syncing
    fi
}

# True if the backup's last run ended while it served the queue: its log shows it becoming active (AMQ221007) after
# it last started. Its journal then holds tasks that the primary's lacks.
backup_served_last() {
    [[ $(grep -oE 'AMQ(101000|221000|221007)' "$(broker_log backup)" 2> /dev/null | tail -n 1) == AMQ221007 ]]
}

# True if broker $1 serves the queue without having copied the journal since it started: a returning primary that
# missed the active backup and came up on its old journal. Artemis gives it 5 seconds to see the cluster's topology
# (check-for-active-server), which a machine under heavy load can miss; both brokers then log AMQ222294.
activated_unsynced() {
    [[ $(broker_state "$1") == active \
        && $(grep -oE 'AMQ(101000|221000|221024)' "$(broker_log "$1")" | tail -n 1) != AMQ221024 ]]
}

# True unless the backup's broker.xml turns failback off.
failback_allowed() { ! grep -q '<allow-failback>false' "$(broker_dir backup)/etc/broker.xml"; }

# Waits up to $3 seconds until broker $1's state matches the regular expression $2; dies with its log if not.
await_broker_state() {
    local deadline=$((SECONDS + $3))
    until [[ $(broker_state "$1") =~ ^($2)$ ]]; do
        broker_pid "$1" > /dev/null || { tail -n 20 "$(broker_log "$1")" >&2; die "the $1 broker exited"; }
        ((SECONDS < deadline)) \
            || { tail -n 20 "$(broker_log "$1")" >&2; die "the $1 broker is $(broker_state "$1"), not $2, after $3 s"; }
        sleep 0.5
    done
}

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
    # The WildFly nodes read the login, and both brokers the cluster password, from their environment.
    export AGENTQUEUE_BROKER_PASSWORD AGENTQUEUE_BROKER_CLUSTER_PASSWORD
}

# Creates the primary and the backup broker, unless they exist (their journals hold the queue).
create_brokers() {
    local home role
    home=$(artemis_home)
    for role in primary backup; do
        [[ -f $(broker_dir $role)/etc/broker.xml ]] && continue
        "$repo/server-config/artemis/create-broker.sh" "$home" "$(broker_dir $role)" --name="agentqueue-$role" \
            --host=127.0.0.1 --port="$(broker_acceptor $role)" --http-port="$(broker_console $role)" \
            --ha=$role --peer="127.0.0.1:$(broker_acceptor "$(broker_peer $role)")" --java-memory=512M > /dev/null
        say "Broker $role: created in ${cluster_dir#"$repo"/}/broker-$role"
    done
}

# Dies unless broker $1's acceptor and console ports are free.
check_broker_ports() {
    local port
    for port in "$(broker_acceptor "$1")" "$(broker_console "$1")"; do
        if port_in_use "$port"; then
            die "port $port is in use by another process; set AGENTQUEUE_BROKER_PORT / AGENTQUEUE_BROKER_CONSOLE_PORT"
        fi
    done
}

# Starts the pair: the primary (waits for its acceptor), then the backup (waits until it has copied the journal).
# A pair whose primary died while the backup runs on is made whole by failback instead.
start_brokers() {
    if ! broker_pid primary > /dev/null && [[ $(broker_state backup) == active ]]; then
        restart_broker primary
        return
    fi
    if ! broker_pid primary > /dev/null && ! broker_pid backup > /dev/null && backup_served_last; then
        die "the backup broker served the queue alone when it stopped, so its journal holds tasks the primary's" \
            "lacks; starting the primary first would drop them. Recover as in docs/OPERATIONS.md" \
            "(\"Both brokers stopped after a failover\")"
    fi
    local role
    for role in primary backup; do
        broker_pid $role > /dev/null || check_broker_ports $role
    done
    "$repo/server-config/artemis/broker.sh" start "$(broker_dir primary)" > /dev/null
    await_broker_state primary active 300
    say "Broker primary: pid $(broker_pid primary), acceptor 127.0.0.1:$(broker_acceptor primary)"
    if ! broker_pid backup > /dev/null; then
        "$repo/server-config/artemis/broker.sh" start "$(broker_dir backup)" > /dev/null
    fi
    await_broker_state backup in-sync 300
    say "Broker backup: pid $(broker_pid backup), synchronized with the primary (takes over on 127.0.0.1:$(broker_acceptor backup))"
}

# Starts broker $1 again after it died or was stopped while the other one kept serving the queue, and waits until
# the pair is whole: it copies the journal from the active broker, then (a primary, with failback allowed) takes the
# queue back while the backup copies the journal from it in turn.
restart_broker() {
    local role=$1 peer
    peer=$(broker_peer "$1")
    if broker_pid "$role" > /dev/null; then
        say "Broker $role: runs already ($(broker_state "$role"))"
        return
    fi
    [[ $(broker_state "$peer") == active ]] \
        || die "the $peer broker does not serve the queue ($(broker_state "$peer")): start the whole pair with bin/agentqueue cluster"
    check_broker_ports "$role"
    "$repo/server-config/artemis/broker.sh" start "$(broker_dir "$role")" > /dev/null
    say "Broker $role: started, pid $(broker_pid "$role"); copying the journal from the active $peer"
    await_broker_state "$role" 'in-sync|active' 300
    if [[ $role == primary ]] && activated_unsynced primary; then
        kill -9 "$(broker_pid primary)"
        die "the primary did not see the active backup in time and started on its old journal next to it (split" \
            "brain); it was killed at once. The backup still serves the queue; try again when the machine is less busy"
    fi
    if [[ $role == primary ]] && failback_allowed; then
        await_broker_state primary active 120
        say "Broker primary: serves the queue again (failback); the backup restarts as its replica"
        await_broker_state backup in-sync 300
        say "Broker backup: synchronized with the primary again"
    else
        say "Broker $role: synchronized with the active $peer; it takes over if the $peer goes"
    fi
}

# Stops broker $1 on its own; an active broker hands the queue to the other one, which must hold a full copy.
stop_broker() {
    local role=$1 peer
    peer=$(broker_peer "$1")
    broker_pid "$role" > /dev/null || { say "Broker $role: not running"; return; }
    if [[ $(broker_state "$role") == active && $(broker_state "$peer") != in-sync ]]; then
        die "the $role broker serves the queue and the $peer has no full copy ($(broker_state "$peer")):" \
            "stopping it would stop the queue; use bin/agentqueue stop to stop everything"
    fi
    local was
    was=$(broker_state "$role")
    "$repo/server-config/artemis/broker.sh" stop "$(broker_dir "$role")" | sed 's/^broker.sh: /Broker: /'
    if [[ $was == active ]]; then
        await_broker_state "$peer" active 120
        say "Broker $peer: took over the queue; bring the $role back with bin/agentqueue cluster start-broker $role"
    fi
}

# Stops the pair: the backup first, so that stopping the primary hands nothing over, then the primary. If the primary
# is gone and the backup serves alone, the primary comes back first and takes the queue back, so that the primary's
# journal is the newest one when the pair starts again.
stop_brokers() {
    if ! broker_pid primary > /dev/null && [[ $(broker_state backup) == active ]]; then
        say "Broker backup: serves the queue alone; bringing the primary back before stopping the pair"
        failback_allowed || die "failback is off in the backup's broker.xml; stop the pair by hand"
        load_broker_secrets
        restart_broker primary
    fi
    local role
    for role in backup primary; do
        if broker_pid $role > /dev/null; then
            "$repo/server-config/artemis/broker.sh" stop "$(broker_dir $role)" | sed 's/^broker.sh: /Broker: /'
        fi
    done
}

# Prints one line per broker, and what to do when the pair is not whole.
brokers_status() {
    local role pid what primary backup
    # Each state is read once, so that the lines agree with each other even while a failover goes on.
    primary=$(broker_state primary)
    backup=$(broker_state backup)
    for role in primary backup; do
        case ${!role} in
            active) what="active: serves the queue" ;;
            in-sync)
                what="standing by with a full copy of the journal: takes over if the $(broker_peer $role) goes"
                [[ $role == backup && $primary == down ]] && what="taking over the queue: the primary is gone"
                ;;
            syncing) what="standing by, still starting or copying the journal: no full copy yet" ;;
            *) what=${!role} ;;
        esac
        if pid=$(broker_pid $role); then
            echo "Broker $role: running, pid $pid, acceptor 127.0.0.1:$(broker_acceptor $role) ($what)"
        elif [[ -d $(broker_dir $role) ]]; then
            echo "Broker $role: not running (instance in ${cluster_dir#"$repo"/}/broker-$role)"
        fi
    done
    if [[ $primary == down && $backup == active ]]; then
        echo "  The backup serves the queue alone, with no copy: bring the primary back with" \
            "'bin/agentqueue cluster start-broker primary' (it copies the journal, then takes the queue back)."
    elif [[ $backup == down && $primary == active ]]; then
        echo "  The primary serves the queue with no copy: 'bin/agentqueue cluster start-broker backup' starts a new one."
    elif [[ $primary != active && $backup != active && ($primary != down || $backup != down) ]]; then
        echo "  No broker serves the queue right now: a broker is starting or a failover is under way."
    fi
}
