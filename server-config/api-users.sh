# Sourced by each server's add-users.sh: agentqueue's API users as the environment gives them.
#
#   api_users <command>   runs "<command> <user> <password> <role>..." for every AGENTQUEUE_{ADMIN,VIEWER,PRODUCER,
#                         CLIENT}_USER / _PASSWORD pair that is set (a client gets the producer and viewer roles);
#                         exits when only half of a pair is set or a name holds other than letters, digits and . _ @ -,
#                         and says so when no pair is set.

api_users() {
    local kind user_var password_var user password roles added=0
    for kind in ADMIN VIEWER PRODUCER CLIENT; do
        user_var=AGENTQUEUE_${kind}_USER
        password_var=AGENTQUEUE_${kind}_PASSWORD
        user=${!user_var:-}
        password=${!password_var:-}
        [[ -n $user || -n $password ]] || continue
        [[ -n $user && -n $password ]] || { echo "add-users.sh: set both $user_var and $password_var" >&2; exit 1; }
        [[ $user =~ ^[A-Za-z0-9._@-]+$ ]] \
            || { echo "add-users.sh: $user_var may hold only letters, digits and . _ @ -" >&2; exit 1; }
        case $kind in
            ADMIN) roles=(agentqueue-admin) ;;
            VIEWER) roles=(agentqueue-viewer) ;;
            PRODUCER) roles=(agentqueue-producer) ;;
            CLIENT) roles=(agentqueue-producer agentqueue-viewer) ;;
        esac
        "$1" "$user" "$password" "${roles[@]}"
        added=$((added + 1))
    done
    ((added > 0)) || echo "add-users.sh: no AGENTQUEUE_*_USER/_PASSWORD set; no users changed" >&2
}
