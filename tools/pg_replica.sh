#!/usr/bin/env bash
# A throwaway PostgreSQL primary and a streaming replica of it, for the read replica's tests.
#
#   tools/pg_replica.sh COMMAND [ARGS...]
#
# Makes both clusters in a fresh folder under ${TMPDIR:-/tmp} (initdb, then pg_basebackup -R of
# the primary), on two free ports of 127.0.0.1, each with its Unix socket in that folder; runs
# COMMAND with
#   DATABASE_URL               the primary    (postgres://postgres@127.0.0.1:PORT/degs_replica)
#   DEGS_REPLICA_URL           the replica    (the same database on the replica's port)
#   DEGS_TEST_REPLICA_CTL      a script taking start | stop, that starts or stops the replica
# and then stops both clusters and removes the folder, whatever COMMAND did (trap), exiting with
# COMMAND's status. No containers: the PostgreSQL binaries of the machine (PG_BIN, by default
# the newest /usr/lib/postgresql/*/bin). Run as root, the clusters run as the postgres user.
# The clusters are for tests only: trust authentication, fsync off.
set -euo pipefail

if [ $# -eq 0 ]; then
    echo "usage: $0 COMMAND [ARGS...]" >&2
    exit 2
fi

PG_BIN=${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)}
if [ -z "$PG_BIN" ] || [ ! -x "$PG_BIN/initdb" ]; then
    echo "pg_replica: no PostgreSQL binaries found (set PG_BIN to the folder of initdb)" >&2
    exit 2
fi

DIR=$(mktemp -d "${TMPDIR:-/tmp}/degs-pg-replica.XXXXXX")
if [ "$(id -u)" = 0 ]; then
    chown postgres:postgres "$DIR"
    as_pg() { runuser -u postgres -- "$@"; }
else
    as_pg() { "$@"; }
fi

cleanup() {
    local status=$?
    trap - EXIT INT TERM
    for cluster in replica primary; do
        if [ -f "$DIR/$cluster/postmaster.pid" ]; then
            as_pg "$PG_BIN/pg_ctl" -D "$DIR/$cluster" -m immediate -w stop >/dev/null 2>&1 || true
        fi
    done
    rm -rf "$DIR"
    exit "$status"
}
# A signal ends the command too (run in the background, so that the signal is not held until
# it ends), then the clusters go with the EXIT trap.
child=
on_signal() {
    if [ -n "$child" ]; then
        kill -TERM "$child" 2>/dev/null || true
        wait "$child" 2>/dev/null || true
    fi
    exit "$1"
}
trap cleanup EXIT
trap 'on_signal 130' INT
trap 'on_signal 143' TERM

# A free port: one the kernel chose on 127.0.0.1, let go for PostgreSQL (taken meanwhile by
# someone else, the start fails and is tried again on another).
free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

as_pg "$PG_BIN/initdb" -D "$DIR/primary" --auth=trust --username=postgres --encoding=UTF8 \
    --locale=C.UTF-8 --no-sync >"$DIR/initdb.log" 2>&1 || { cat "$DIR/initdb.log" >&2; exit 1; }
cat >>"$DIR/primary/postgresql.conf" <<EOF
listen_addresses = '127.0.0.1'
unix_socket_directories = '$DIR'
wal_level = replica
max_wal_senders = 4
hot_standby = on
fsync = off
full_page_writes = off
max_connections = 60
shared_buffers = 32MB
EOF

start() {  # cluster; sets PORT to the port it listens on
    for try in 1 2 3; do
        PORT=$(free_port)
        as_pg "$PG_BIN/pg_ctl" -D "$DIR/$1" -o "-p $PORT" -l "$DIR/$1.log" -w -t 60 start 2>/dev/null \
            >/dev/null && return 0
    done
    cat "$DIR/$1.log" >&2
    exit 1
}
start primary
PRIMARY_PORT=$PORT
as_pg "$PG_BIN/createdb" -h 127.0.0.1 -p "$PRIMARY_PORT" -U postgres degs_replica
as_pg "$PG_BIN/pg_basebackup" -h 127.0.0.1 -p "$PRIMARY_PORT" -U postgres -D "$DIR/replica" \
    --write-recovery-conf --wal-method=stream --checkpoint=fast --no-sync
start replica
REPLICA_PORT=$PORT

# Wait until the replica streams from the primary.
for _ in $(seq 1 100); do
    streaming=$(as_pg "$PG_BIN/psql" -h 127.0.0.1 -p "$PRIMARY_PORT" -U postgres -d postgres -Atqc \
        "SELECT count(*) FROM pg_stat_replication WHERE state = 'streaming'" 2>/dev/null || echo 0)
    [ "$streaming" = 1 ] && break
    sleep 0.1
done
if [ "$streaming" != 1 ]; then
    echo "pg_replica: the replica did not start streaming" >&2
    cat "$DIR/replica.log" >&2
    exit 1
fi

cat >"$DIR/replica_ctl" <<EOF
#!/usr/bin/env bash
# start | stop the throwaway replica of $DIR
set -euo pipefail
case "\${1:-}" in
    start) $( [ "$(id -u)" = 0 ] && echo "runuser -u postgres --" ) "$PG_BIN/pg_ctl" -D "$DIR/replica" -o "-p $REPLICA_PORT" -l "$DIR/replica.log" -w -t 60 start >/dev/null ;;
    stop) $( [ "$(id -u)" = 0 ] && echo "runuser -u postgres --" ) "$PG_BIN/pg_ctl" -D "$DIR/replica" -m fast -w stop >/dev/null ;;
    *) echo "usage: \$0 start|stop" >&2; exit 2 ;;
esac
EOF
chmod 755 "$DIR/replica_ctl"

echo "pg_replica: primary on 127.0.0.1:$PRIMARY_PORT, replica on 127.0.0.1:$REPLICA_PORT ($DIR)"
DATABASE_URL="postgres://postgres@127.0.0.1:$PRIMARY_PORT/degs_replica" \
DEGS_REPLICA_URL="postgres://postgres@127.0.0.1:$REPLICA_PORT/degs_replica" \
DEGS_TEST_REPLICA_CTL="$DIR/replica_ctl" \
    "$@" &
child=$!
set +e
wait "$child"
status=$?
set -e
exit "$status"
