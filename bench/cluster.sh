#!/usr/bin/env bash
# A Tollgate cluster on this machine (issue 20): three nodes (the built jar) on one PostgreSQL (Debian's server,
# started standalone on a loopback port) behind HAProxy (or nginx: BALANCER=nginx), from Debian's packages, every
# process listening on 127.0.0.1. HAProxy sends traffic only to nodes whose /actuator/health/readiness answers 200
# (checked every second), so a starting or draining node gets none; nginx (open source) cannot check actively.
#
#   TOLLGATE_ROOT_PASSWORD='…' bench/cluster.sh up     # prints the balancer's base URL as its last line
#   bench/cluster.sh down                              # stops every process `up` started; logs kept in bench/results
#   bench/cluster.sh status | env                      # what runs / the cluster's variables (sourceable)
#   bench/cluster.sh node-kill N | node-stop N | node-start N [JAR] | db-stop | db-start   (used by bench/faults/)
#   node-stop drains the node at HAProxy first (DRAIN_SECONDS, 5), so that a rolling restart loses no request
#
# TOLLGATE_ROOT_PASSWORD is required (no default password); CLUSTER_GENERATE_PASSWORD=1 generates one and prints it.
# NODES (3), NODE_HEAP (384m), NODE_ARGS (extra Spring arguments for every node), CLUSTER_JAR (default
# bootstrap/target/tollgate.jar, built when missing). State: a temporary directory named in bench/results/cluster.state
# (pid files, logs, the database's files); `down` copies the logs to bench/results/<time>-cluster/ and removes it.
# Needs: a JDK >= 21, curl, python3, Debian's postgresql and haproxy or nginx-light
# (apt-get install postgresql haproxy).
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=.ci/select-jdk.sh
source .ci/select-jdk.sh

STATE_POINTER=bench/results/cluster.state
die() { echo "cluster: ERROR: $*" >&2; exit 1; }
note() { echo "cluster: $*" >&2; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }
# PostgreSQL refuses to run as root: as root, its programs run as the 'postgres' user of Debian's package
as_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

load_state() {
  [ -f "$STATE_POINTER" ] || die "no cluster is running (no $STATE_POINTER)"
  dir=$(cat "$STATE_POINTER")
  [ -d "$dir" ] || die "the cluster's directory $dir is gone"
  # shellcheck source=/dev/null
  source "$dir/cluster.env"
}

wait_ready() { # url seconds pid-file
  local deadline=$((SECONDS + $2))
  until [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$1" || true)" = 200 ]; do
    [ -z "${3:-}" ] || alive "$3" || return 2
    [ $SECONDS -lt $deadline ] || return 1
    sleep 0.3
  done
}

db_start() {
  as_pg "$PG_BIN/pg_ctl" -D "$dir/pg" -l "$dir/postgres.log" -w -t 60 start \
    -o "-c listen_addresses=127.0.0.1 -p $DB_PORT -k $dir/pg-socket -c max_connections=200 -c synchronous_commit=on" \
    >/dev/null || die "PostgreSQL did not start (log: $dir/postgres.log)"
}

db_stop() { as_pg "$PG_BIN/pg_ctl" -D "$dir/pg" -m fast -w -t 60 stop >/dev/null 2>&1 || true; }

node_start() { # N [jar]
  local n=$1 jar=${2:-$dir/tollgate.jar} port
  port=$(cat "$dir/node$n.port")
  alive "$dir/node$n.pid" && die "node $n already runs"
  mkdir -p "$dir/node$n"
  # shellcheck disable=SC2086
  TOLLGATE_PORT=$port TOLLGATE_DATA_DIR="$dir/node$n" TOLLGATE_DB_URL="$DB_URL" TOLLGATE_DB_USER=tollgate \
    TOLLGATE_DB_PASSWORD="$DB_PASSWORD" TOLLGATE_SECRET_KEY="$SECRET_KEY" TOLLGATE_ROOT_PASSWORD="$ROOT_PASSWORD" \
    nohup setsid java -Xmx"$NODE_HEAP" -XX:+ExitOnOutOfMemoryError -jar "$jar" \
    --tollgate.relay.trusted-proxies=127.0.0.1/32 $NODE_ARGS >> "$dir/node$n.log" 2>&1 < /dev/null &
  echo $! > "$dir/node$n.pid"
}

node_wait() { # N
  wait_ready "http://127.0.0.1:$(cat "$dir/node$1.port")/actuator/health/readiness" 180 "$dir/node$1.pid" \
    || { tail -n 30 "$dir/node$1.log" >&2; die "node $1 did not become ready"; }
}

# HAProxy's runtime API: "set server nodes/nodeN state drain|ready" (no new requests to a draining node)
haproxy_command() {
  [ "${BALANCER:-}" = haproxy ] && [ -S "$dir/haproxy.sock" ] || return 0
  python3 -c 'import socket, sys
s = socket.socket(socket.AF_UNIX); s.connect(sys.argv[1]); s.sendall((sys.argv[2] + "\n").encode()); s.recv(4096)' \
    "$dir/haproxy.sock" "$1" || true
}

node_stop() { # N: drained at the balancer, then SIGTERM (graceful: streams end within
  # spring.lifecycle.timeout-per-shutdown-phase), then SIGKILL after 45 s
  local pid_file=$dir/node$1.pid pid
  alive "$pid_file" || return 0
  pid=$(cat "$pid_file")
  haproxy_command "set server nodes/node$1 state drain"
  sleep "${DRAIN_SECONDS:-5}" # requests already sent to the node finish; the balancer sends it no new ones
  kill -TERM "$pid"
  for _ in $(seq 1 450); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -9 "$pid" 2>/dev/null || true
  rm -f "$pid_file"
}

write_nginx_conf() {
  local servers="" n
  for n in $(seq 1 "$NODES"); do
    servers+="    server 127.0.0.1:$(cat "$dir/node$n.port") max_fails=1 fail_timeout=5s;"$'\n'
  done
  cat > "$dir/nginx.conf" <<EOF
worker_processes 1;
pid $dir/balancer.pid;
error_log $dir/nginx-error.log warn;
events { worker_connections 16384; }
http {
  access_log off;
  client_body_temp_path $dir/nginx-tmp/body;
  proxy_temp_path $dir/nginx-tmp/proxy;
  fastcgi_temp_path $dir/nginx-tmp/fastcgi;
  uwsgi_temp_path $dir/nginx-tmp/uwsgi;
  scgi_temp_path $dir/nginx-tmp/scgi;
  client_max_body_size 11m;
  upstream tollgate {
$servers    keepalive 64;
  }
  server {
    listen 127.0.0.1:$LB_PORT;
    location / {
      proxy_pass http://tollgate;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host \$host;
      proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
      # streams pass through as they come
      proxy_buffering off;
      proxy_request_buffering off;
      proxy_connect_timeout 2s;
      proxy_read_timeout 180s;
      # a node that refuses the connection is skipped; a request already sent to a node is never sent again
      proxy_next_upstream error timeout;
      proxy_next_upstream_tries 3;
    }
  }
}
EOF
}

write_haproxy_conf() {
  local n
  {
    cat <<EOF
global
  maxconn 8000
  stats socket $dir/haproxy.sock mode 600 level admin
defaults
  mode http
  timeout connect 2s
  timeout client 180s
  timeout server 180s
  timeout http-request 30s
  # a node slowed by a busy machine must not look down: a check may take 5 s, three must fail in a row
  timeout check 5s
  # a request is sent to another node only when the connection to the first failed: never one a node received
  retries 2
  option redispatch
frontend tollgate
  bind 127.0.0.1:$LB_PORT
  option forwardfor
  default_backend nodes
backend nodes
  balance roundrobin
  http-reuse safe
  option httpchk GET /actuator/health/readiness
  http-check expect status 200
  # a node back from a restart gets its share of traffic gradually (a cold JVM on a busy machine is slow at first)
  default-server inter 1s fall 3 rise 2 slowstart 60s
EOF
    for n in $(seq 1 "$NODES"); do echo "  server node$n 127.0.0.1:$(cat "$dir/node$n.port") check"; done
  } > "$dir/haproxy.cfg"
}

start_balancer() {
  if [ "$BALANCER" = haproxy ]; then
    write_haproxy_conf
    haproxy -f "$dir/haproxy.cfg" -D -p "$dir/balancer.pid" 2> "$dir/haproxy.log" \
      || die "HAProxy did not start (log: $dir/haproxy.log)"
  else
    mkdir -p "$dir/nginx-tmp"
    write_nginx_conf
    nginx -e "$dir/nginx-error.log" -p "$dir" -c "$dir/nginx.conf" || die "nginx did not start (log: $dir/nginx-error.log)"
  fi
}

up() {
  if [ -f "$STATE_POINTER" ] && [ -d "$(cat "$STATE_POINTER")" ]; then
    die "a cluster is already up ($(cat "$STATE_POINTER")); run bench/cluster.sh down first"
  fi
  for tool in curl python3; do command -v "$tool" >/dev/null 2>&1 || die "$tool is required"; done
  BALANCER=${BALANCER:-$(command -v haproxy >/dev/null 2>&1 && echo haproxy || echo nginx)}
  command -v "$BALANCER" >/dev/null 2>&1 || die "$BALANCER is required (apt-get install haproxy)"
  PG_BIN=$(pg_bin)
  [ -n "$PG_BIN" ] || die "Debian's PostgreSQL is required (apt-get install postgresql)"
  ROOT_PASSWORD=${TOLLGATE_ROOT_PASSWORD:-}
  if [ -z "$ROOT_PASSWORD" ]; then
    [ "${CLUSTER_GENERATE_PASSWORD:-0}" = 1 ] \
      || die "set TOLLGATE_ROOT_PASSWORD (or CLUSTER_GENERATE_PASSWORD=1 to generate one); there is no default"
    ROOT_PASSWORD="root-$(head -c 18 /dev/urandom | base64 | tr -d '/+=')"
    note "generated root password: $ROOT_PASSWORD"
  fi
  local jar=${CLUSTER_JAR:-bootstrap/target/tollgate.jar}
  if [ ! -f "$jar" ]; then
    note "$jar is missing; building it (mvn -DskipTests package)"
    mvn -B -q -ntp -DskipTests package || die "the build failed"
  fi
  mkdir -p bench/results
  dir=$(mktemp -d /tmp/tollgate-cluster.XXXXXX)
  chmod 755 "$dir"
  echo "$dir" > "$STATE_POINTER"
  cp "$jar" "$dir/tollgate.jar"
  NODES=${NODES:-3}
  NODE_HEAP=${NODE_HEAP:-384m}
  NODE_ARGS=${NODE_ARGS:-}
  DB_PORT=$(free_port)
  LB_PORT=$(free_port)
  DB_PASSWORD=$(head -c 24 /dev/urandom | base64 | tr -d '/+=')
  SECRET_KEY=$(head -c 32 /dev/urandom | base64)
  DB_URL="jdbc:postgresql://127.0.0.1:$DB_PORT/tollgate"
  for n in $(seq 1 "$NODES"); do free_port > "$dir/node$n.port"; done
  {
    printf 'BALANCER=%q\n' "$BALANCER"
    printf 'PG_BIN=%q\nNODES=%q\nNODE_HEAP=%q\nNODE_ARGS=%q\nDB_PORT=%q\nLB_PORT=%q\n' \
      "$PG_BIN" "$NODES" "$NODE_HEAP" "$NODE_ARGS" "$DB_PORT" "$LB_PORT"
    printf 'DB_URL=%q\nDB_PASSWORD=%q\nSECRET_KEY=%q\nROOT_PASSWORD=%q\n' \
      "$DB_URL" "$DB_PASSWORD" "$SECRET_KEY" "$ROOT_PASSWORD"
    printf 'BASE_URL=%q\n' "http://127.0.0.1:$LB_PORT"
  } > "$dir/cluster.env"
  chmod 600 "$dir/cluster.env"

  mkdir -p "$dir/pg-socket" "$dir/pg"
  chmod 700 "$dir/pg-socket" "$dir/pg"
  printf '%s\n' "$DB_PASSWORD" > "$dir/pg-password"
  [ "$(id -u)" -ne 0 ] || chown postgres "$dir/pg-socket" "$dir/pg" "$dir/pg-password"
  chmod 600 "$dir/pg-password"
  as_pg "$PG_BIN/initdb" -D "$dir/pg" -U tollgate --auth=scram-sha-256 --pwfile="$dir/pg-password" \
    -E UTF8 --locale=C.UTF-8 > "$dir/initdb.log" 2>&1 || die "initdb failed (log: $dir/initdb.log)"
  rm -f "$dir/pg-password"
  touch "$dir/postgres.log"
  [ "$(id -u)" -ne 0 ] || chown postgres "$dir/postgres.log"
  db_start
  PGPASSWORD=$DB_PASSWORD "$PG_BIN/psql" -q -h 127.0.0.1 -p "$DB_PORT" -U tollgate -d postgres \
    -c 'CREATE DATABASE tollgate' || die "could not create the database"
  note "PostgreSQL on 127.0.0.1:$DB_PORT"

  node_start 1
  node_wait 1 # the first node applies the migrations alone
  for n in $(seq 2 "$NODES"); do node_start "$n"; done
  for n in $(seq 2 "$NODES"); do node_wait "$n"; done
  for n in $(seq 1 "$NODES"); do note "node $n on 127.0.0.1:$(cat "$dir/node$n.port") (pid $(cat "$dir/node$n.pid"))"; done

  start_balancer
  wait_ready "http://127.0.0.1:$LB_PORT/api/status" 30 || die "the balancer does not answer"
  echo "http://127.0.0.1:$LB_PORT"
}

down() {
  load_state
  if alive "$dir/balancer.pid"; then
    kill -TERM "$(cat "$dir/balancer.pid")"
    for _ in $(seq 1 50); do alive "$dir/balancer.pid" || break; sleep 0.1; done
    if alive "$dir/balancer.pid"; then kill -9 "$(cat "$dir/balancer.pid")"; fi
  fi
  for n in $(seq 1 "$NODES"); do node_stop "$n"; done
  db_stop
  local logs
  logs="bench/results/$(date -u +%Y%m%dT%H%M%SZ)-cluster"
  mkdir -p "$logs"
  cp "$dir"/*.log "$logs"/ 2>/dev/null || true
  rm -rf "$dir" "$STATE_POINTER"
  note "stopped; logs in $logs"
}

status() {
  load_state
  local n
  for n in $(seq 1 "$NODES"); do
    if alive "$dir/node$n.pid"; then echo "node $n: up, 127.0.0.1:$(cat "$dir/node$n.port"), pid $(cat "$dir/node$n.pid")"
    else echo "node $n: down"; fi
  done
  if as_pg "$PG_BIN/pg_ctl" -D "$dir/pg" status >/dev/null 2>&1; then echo "postgresql: up, 127.0.0.1:$DB_PORT"
  else echo "postgresql: down"; fi
  if alive "$dir/balancer.pid"; then echo "balancer ($BALANCER): up, $BASE_URL"; else echo "balancer: down"; fi
}

case "${1:-}" in
  up) up ;;
  down) down ;;
  status) status ;;
  env) load_state; printf 'CLUSTER_DIR=%q\n' "$dir"; cat "$dir/cluster.env"
       for n in $(seq 1 "$NODES"); do echo "NODE${n}_PORT=$(cat "$dir/node$n.port")"; done ;;
  node-kill) load_state; alive "$dir/node$2.pid" && kill -9 "$(cat "$dir/node$2.pid")"; rm -f "$dir/node$2.pid" ;;
  node-stop) load_state; node_stop "$2" ;;
  node-start) load_state; node_start "$2" "${3:-}"; node_wait "$2"; haproxy_command "set server nodes/node$2 state ready" ;;
  db-stop) load_state; db_stop ;;
  db-start) load_state; db_start ;;
  *) sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//'; exit 2 ;;
esac
