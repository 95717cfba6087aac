#!/usr/bin/env bash
# Starts or stops a broker instance made by create-broker.sh, in the background, by its PID.
#
#   broker.sh start <instance-dir> [port]   starts it and waits (up to 120 s) until its acceptor answers on port
#   broker.sh stop <instance-dir>           stops it by the PID in <instance-dir>/data/artemis.pid and waits
#   broker.sh status <instance-dir>
#
# A backup broker's acceptor answers only once it has taken over: start a backup without a port.
set -euo pipefail

[[ $# -ge 2 ]] || { sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
action=$1
instance=$(cd "$2" && pwd)
port=${3:-}
pid_file=$instance/data/artemis.pid

running() {
    [[ -f $pid_file ]] && kill -0 "$(cat "$pid_file")" 2> /dev/null
}

case $action in
    start)
        if running; then
            echo "broker.sh: $instance already runs (PID $(cat "$pid_file"))"
            exit 0
        fi
        mkdir -p "$instance/data" "$instance/log"
        nohup "$instance/bin/artemis" run > "$instance/log/console.out" 2>&1 &
        echo $! > "$pid_file"
        if [[ -n $port ]]; then
            deadline=$((SECONDS + 120))
            until (exec 3<> "/dev/tcp/127.0.0.1/$port") 2> /dev/null; do
                running || { tail -20 "$instance/log/console.out" >&2; echo "broker.sh: the broker exited" >&2; exit 1; }
                ((SECONDS < deadline)) || { echo "broker.sh: port $port did not open within 120 s" >&2; exit 1; }
                sleep 0.5
            done
        fi
        echo "broker.sh: started $instance (PID $(cat "$pid_file"))"
        ;;
    stop)
        if ! running; then
            echo "broker.sh: $instance is not running"
            exit 0
        fi
        pid=$(cat "$pid_file")
        kill "$pid"
        deadline=$((SECONDS + 60))
        while kill -0 "$pid" 2> /dev/null; do
            if ((SECONDS >= deadline)); then
                echo "broker.sh: PID $pid still runs after 60 s; killing it" >&2
                kill -9 "$pid" 2> /dev/null || true
                break
            fi
            sleep 0.5
        done
        rm -f "$pid_file"
        echo "broker.sh: stopped $instance (PID $pid)"
        ;;
    status)
        if running; then echo "running (PID $(cat "$pid_file"))"; else echo "stopped"; exit 3; fi
        ;;
    *) echo "broker.sh: unknown action $action" >&2; exit 2 ;;
esac
