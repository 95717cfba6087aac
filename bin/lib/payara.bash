# The Payara server of bin/agentqueue (sourced by it): 'run --server payara' runs the same EAR in a Payara 6 domain
# against an external Artemis broker (server-config/artemis) and the Redis 'run' starts, configured by
# server-config/payara. Everything lives in $state/payara:
#   domains/agentqueue/  the domain, made afresh by each run (its log: logs/server.log; its PID: config/pid)
#   broker/              the broker instance (etc/broker.xml, data/ with the journal: the queue, kept across runs)
#   broker.env           the broker login's password this script generated (mode 600), unless given by environment
#   run.env              the ports of the last run, for 'status' and 'stop'

payara_dir=$state/payara
payara_domain=agentqueue
payara_domains=$payara_dir/domains
payara_pidfile=$payara_domains/$payara_domain/config/pid
payara_log=$payara_domains/$payara_domain/logs/server.log
payara_broker=$payara_dir/broker
payara_env=$payara_dir/run.env
# Payara numbers its ports from a base: admin + 48, HTTP + 80 (the API on 8080 by default), the rest up to + 99.
payara_portbase=${AGENTQUEUE_PAYARA_PORTBASE:-8000}
payara_broker_port=${AGENTQUEUE_BROKER_PORT:-61616}
payara_console_port=${AGENTQUEUE_BROKER_CONSOLE_PORT:-8161}

# Prints a value saved by the last 'run --server payara', or $2.
payara_saved() {
    local value=""
    [[ -f $payara_env ]] && value=$(sed -n "s/^$1=//p" "$payara_env")
    echo "${value:-$2}"
}

# Prints the Payara installation: AGENTQUEUE_PAYARA_HOME, or the one the build unpacks.
payara_home() {
    local home=${AGENTQUEUE_PAYARA_HOME:-$repo/ear/target/payara6}
    [[ -x $home/bin/asadmin ]] || die "no Payara in $home; build first (bin/agentqueue run --server payara without --no-build)"
    echo "$home"
}

# The PIDs of the domain and the broker, if they run.
payara_pid() { live_pid "$payara_pidfile" "$payara_domains"; }
payara_broker_pid() { live_pid "$payara_broker/data/artemis.pid" "$payara_broker"; }

# Exports the broker login's password: from the environment, else from broker.env, else generated now and kept there.
payara_broker_secret() {
    local env_file=$payara_dir/broker.env
    if [[ -z ${AGENTQUEUE_BROKER_PASSWORD:-} && ! -f $env_file ]]; then
        (umask 077
            echo "AGENTQUEUE_BROKER_PASSWORD=$(head -c 32 /dev/urandom | base64 | tr -d '/+=\n' | head -c 24)") > "$env_file"
    fi
    [[ -n ${AGENTQUEUE_BROKER_PASSWORD:-} ]] \
        || AGENTQUEUE_BROKER_PASSWORD=$(sed -n 's/^AGENTQUEUE_BROKER_PASSWORD=//p' "$env_file")
    export AGENTQUEUE_BROKER_PASSWORD
}

# Creates the broker unless it exists (its journal holds the queue), and starts it unless it runs.
payara_start_broker() {
    local home=${AGENTQUEUE_ARTEMIS_HOME:-$repo/ear/target/apache-artemis}
    if [[ ! -f $payara_broker/etc/broker.xml ]]; then
        [[ -x $home/bin/artemis ]] || die "no Artemis in $home; build first (without --no-build)"
        "$repo/server-config/artemis/create-broker.sh" "$home" "$payara_broker" --host=127.0.0.1 \
            --port="$payara_broker_port" --http-port="$payara_console_port" --java-memory=512M > /dev/null
        say "Broker: created in ${payara_broker#"$repo"/}"
    fi
    if ! payara_broker_pid > /dev/null; then
        for port in "$payara_broker_port" "$payara_console_port"; do
            port_in_use "$port" \
                && die "port $port is in use by another process; set AGENTQUEUE_BROKER_PORT / AGENTQUEUE_BROKER_CONSOLE_PORT"
        done
        "$repo/server-config/artemis/broker.sh" start "$payara_broker" "$payara_broker_port" > /dev/null
    fi
    say "Broker: pid $(payara_broker_pid), acceptor 127.0.0.1:$payara_broker_port"
}

# Stops the domain: asadmin's stop-domain first (in-flight tasks roll back for redelivery), then by its PID.
payara_stop_domain() {
    local pid
    pid=$(payara_pid) || { echo "Payara: not running (started by this script)"; return 0; }
    "$(payara_home)/bin/asadmin" stop-domain --domaindir "$payara_domains" "$payara_domain" > /dev/null 2>&1 || true
    if ! wait_gone "$pid" 40; then
        echo "Payara: pid $pid did not stop within 40 s; killing it" >&2
        kill -TERM "$pid" 2> /dev/null || true
        wait_gone "$pid" 10 || kill -KILL "$pid" 2> /dev/null || true
    fi
    echo "Payara: stopped pid $pid"
}

payara_stop() {
    payara_stop_domain
    if payara_broker_pid > /dev/null; then
        "$repo/server-config/artemis/broker.sh" stop "$payara_broker" | sed 's/^broker.sh: /Broker: /'
    fi
}

# Creates the domain afresh (a kept domain would keep an old resource adapter), starts it, configures it and
# deploys the EAR, then waits until the API is healthy.
payara_start_domain() {
    local home admin_port=$((payara_portbase + 48)) port
    home=$(payara_home)
    [[ -f $repo/ear/target/agentqueue.ear && -f $repo/rar/target/artemis-ra.rar ]] \
        || die "the build did not produce ear/target/agentqueue.ear and rar/target/artemis-ra.rar"
    payara_stop_domain > /dev/null
    for port in "$admin_port" "$http_port"; do
        port_in_use "$port" && die "port $port is in use by another process; set AGENTQUEUE_PAYARA_PORTBASE (e.g. 12000)"
    done
    rm -rf "${payara_domains:?}/$payara_domain"
    mkdir -p "$payara_domains"
    "$home/bin/asadmin" --interactive=false create-domain --nopassword --portbase "$payara_portbase" \
        --domaindir "$payara_domains" "$payara_domain" > "$payara_dir/create-domain.log" 2>&1 \
        || { cat "$payara_dir/create-domain.log" >&2; die "asadmin create-domain failed"; }
    cat > "$payara_env" << EOF
HTTP_PORT=$http_port
ADMIN_PORT=$admin_port
BROKER_PORT=$payara_broker_port
BROKER_CONSOLE_PORT=$payara_console_port
REDIS_PORT=$redis_port
REDIS_OURS=$redis_ours
EOF
    # MicroProfile Config maps the domain's environment variable AGENTQUEUE_REDIS_URL to agentqueue.redis.url, so
    # a Redis password never lands in domain.xml.
    AGENTQUEUE_REDIS_URL=$redis_url "$home/bin/asadmin" start-domain --domaindir "$payara_domains" "$payara_domain" \
        > "$payara_dir/start-domain.log" 2>&1 \
        || { cat "$payara_dir/start-domain.log" >&2; die "asadmin start-domain failed"; }
    say "Payara: domain started, pid $(payara_pid), ports $http_port (HTTP) / $admin_port (admin)"
    "$repo/server-config/payara/configure.sh" "$home" "$repo/rar/target/artemis-ra.rar" --admin-port="$admin_port" \
        --broker-host=127.0.0.1 --broker-port="$payara_broker_port" > "$payara_dir/configure.log" 2>&1 \
        || { tail -n 20 "$payara_dir/configure.log" >&2; die "server-config/payara/configure.sh failed"; }
    say "Payara: configured by server-config/payara/configure.sh"
    payara_create_users "$home" "$admin_port"
    # asadmin stops waiting for an answer after 10 minutes (AS_ADMIN_READTIMEOUT, in ms); a deployment on a busy
    # machine has taken longer.
    AS_ADMIN_READTIMEOUT=1800000 "$home/bin/asadmin" --port "$admin_port" deploy --name agentqueue \
        "$repo/ear/target/agentqueue.ear" > "$payara_dir/deploy.log" 2>&1 \
        || { cat "$payara_dir/deploy.log" >&2; tail -n 40 "$payara_log" >&2; die "deploying agentqueue.ear failed"; }
    say "Payara: agentqueue.ear deployed"
    local deadline=$((SECONDS + 60))
    until [[ $(http_status "$http_port" /agentqueue/api/v1/health) == 200 ]]; do
        if ((SECONDS >= deadline)); then
            tail -n 20 "$payara_log" >&2
            die "GET $base_url/agentqueue/api/v1/health did not return 200 within 60 s"
        fi
        sleep 0.5
    done
    say "Payara: $base_url/agentqueue/api/v1/health is 200"
}

# Creates the API admin user (and any other AGENTQUEUE_*_USER users) in the domain's file realm; the password as
# create_users makes it for WildFly.
payara_create_users() {
    admin_user=${AGENTQUEUE_ADMIN_USER:-agentqueue-admin}
    admin_password=${AGENTQUEUE_ADMIN_PASSWORD:-}
    admin_password_generated=false
    if [[ -z $admin_password ]]; then
        admin_password=$(head -c 32 /dev/urandom | base64 | tr -d '/+=\n' | head -c 20)
        admin_password_generated=true
    fi
    AGENTQUEUE_ADMIN_USER=$admin_user AGENTQUEUE_ADMIN_PASSWORD=$admin_password \
        "$repo/server-config/payara/add-users.sh" "$1" --admin-port="$2" > /dev/null
    say "Payara: API user $admin_user (group agentqueue-admin) created"
}

cmd_payara() {
    local fresh build
    read_run_options "run --server payara" "$@"
    # The API on the domain's HTTP port; the WildFly functions' names, so the demo and the summary read alike.
    http_port=$((payara_portbase + 80))
    base_url=http://127.0.0.1:$http_port
    mkdir -p "$payara_dir"
    start_redis
    if $fresh; then
        payara_stop
        rm -rf "$payara_broker"
        say "Broker: ${payara_broker#"$repo"/} deleted"
        empty_redis
    fi
    if $build; then
        say "Building (./mvnw -B -q package -Dmaven.test.skip=true -DskipPayaraITs=false; also unpacks Payara and Artemis)"
        build_all -DskipPayaraITs=false
    fi
    payara_broker_secret
    payara_start_broker
    payara_start_domain

    say "Demo: java bin/Demo.java $base_url"
    AGENTQUEUE_USER=$admin_user AGENTQUEUE_PASSWORD=$admin_password java "$repo/bin/Demo.java" "$base_url" \
        || die "the demo did not end as expected (server log: $payara_log)"
    payara_summary
}

payara_summary() {
    local api=$base_url/agentqueue/api/v1 shown_password='$AGENTQUEUE_ADMIN_PASSWORD'
    $admin_password_generated && shown_password=$admin_password
    cat << EOF

agentqueue is running on Payara.
  API          $api   (HTTP Basic; OpenAPI document: $api/openapi)
  Log in       export AQ_AUTH="$admin_user:$shown_password"$($admin_password_generated && echo "   (generated for this run, shown only here)")
  Dashboard    $base_url/agentqueue/
  Health       curl -s $api/health   (probes: $base_url/health/live, $base_url/health/ready)
  Metrics      $base_url/metrics: Payara's own; agentqueue's meters are WildFly's only (docs/PAYARA.md)
  Payara       admin console http://127.0.0.1:$((payara_portbase + 48)), pid $(payara_pid), log ${payara_log#"$repo"/}
  Broker       acceptor 127.0.0.1:$payara_broker_port, console http://127.0.0.1:$payara_console_port/console,
               pid $(payara_broker_pid || echo -), log ${payara_broker#"$repo"/}/log/artemis.log
  Redis        $redis_url$($redis_ours && echo " (log ${redis_dir#"$repo"/}/redis.log)")
  Status       bin/agentqueue status
  Stop         bin/agentqueue stop
EOF
}

payara_status() {
    local pid port
    [[ -d $payara_dir ]] || return 0
    if pid=$(payara_pid); then
        port=$(payara_saved HTTP_PORT $((payara_portbase + 80)))
        echo "Payara:  running, pid $pid, API http://127.0.0.1:$port/agentqueue/api/v1" \
            "(health: $(http_status "$port" /agentqueue/api/v1/health || true)), log ${payara_log#"$repo"/}"
        echo "         admin console http://127.0.0.1:$(payara_saved ADMIN_PORT $((payara_portbase + 48)))"
    else
        echo "Payara:  not running"
    fi
    if pid=$(payara_broker_pid); then
        echo "Broker:  running (Payara's), pid $pid, acceptor 127.0.0.1:$(payara_saved BROKER_PORT "$payara_broker_port")," \
            "console http://127.0.0.1:$(payara_saved BROKER_CONSOLE_PORT "$payara_console_port")/console"
    elif [[ -d $payara_broker ]]; then
        echo "Broker:  not running (Payara's; its queue is kept in ${payara_broker#"$repo"/}/data)"
    fi
}
