# Sourced by the scripts beside it (which set $payara and $admin_port). Every asadmin call starts a JVM, which is
# slow on a busy machine, so the scripts read the domain's state once and send their changes as one batch.
#
#   asadmin [--secret NAME=value] <subcommand> ...
#       asadmin of $payara against the domain on $admin_port; quiet on success, its output on failure. The password
#       file holds $AS_ADMIN_PASSWORDFILE (the admin's, when there is one) and NAME=value, so that no secret is
#       ever on a command line; it is written with mode 600 and removed at once.
#   domain_state <pattern>...  the domain's dotted names and values matching the 'asadmin get' patterns, in one call
#   asadmin_batch <file>   runs the subcommands in <file>, one a line, in one asadmin (multimode); fails when one of
#                          them fails (multimode itself does not). A line's '\\' escapes for --property values
#                          are read as one '\' by multimode, as a shell would.

asadmin() {
    local options=(--port "$admin_port" --interactive=false) secret= out status=0
    if [[ $1 == --secret ]]; then
        secret=$(umask 077 && mktemp)
        { [[ -n ${AS_ADMIN_PASSWORDFILE:-} ]] && cat "$AS_ADMIN_PASSWORDFILE"; printf '%s\n' "$2"; } > "$secret"
        options+=(--passwordfile "$secret")
        shift 2
    elif [[ -n ${AS_ADMIN_PASSWORDFILE:-} ]]; then
        options+=(--passwordfile "$AS_ADMIN_PASSWORDFILE")
    fi
    out=$("$payara/bin/asadmin" "${options[@]}" "$@" 2>&1) || status=$?
    [[ -n $secret ]] && rm -f "$secret"
    if ((status != 0)); then
        echo "$out" >&2
        echo "asadmin $1 failed" >&2
        return 1
    fi
    grep -v '^Command .* executed successfully\.$' <<< "$out" || true
}

asadmin_batch() {
    [[ -s $1 ]] || return 0
    local out
    out=$(asadmin multimode --file "$1") || return 1
    echo "$out"
    ! grep -q '^Command .* failed\.$' <<< "$out" || { echo "asadmin: a command of the batch failed" >&2; return 1; }
}

domain_state() {
    local file
    file=$(mktemp)
    printf 'get %s\n' "$@" > "$file"
    asadmin multimode --file "$file" || true
    rm -f "$file"
}
