#!/usr/bin/env bash
# Benchmark: concurrent realtime sessions (GET /v1/realtime, WebSocket), directly against a fake realtime upstream
# and through Tollgate, back to back in one run. Opens SESSIONS sessions at once; then every session sends EVENTS
# conversation.item.create events GAP_MS apart and times each until the upstream's conversation.item.created comes
# back (a round trip: one client event and one server event through the relay), then one metered response each
# (response.create to response.done). Reports Tollgate's heap after a full GC and its resident memory before and with
# the sessions open, and the added latency per event ((round trip through Tollgate - direct) / 2). Loopback only.
# Raw outputs under bench/results/<time>-realtime/.
#
#   bench/realtime.sh                                   # 1000 sessions, 10 events each, 1000 ms apart, -Xmx1g
#   SESSIONS=200 EVENTS=20 GAP_MS=500 bench/realtime.sh
#   TOLLGATE_JAVA_OPTS='-Xmx1g' bench/realtime.sh       # JVM options for Tollgate only (split on spaces)
#
# Needs: a JDK >= 21 (found by .ci/select-jdk.sh), curl, python3; builds bootstrap/target/tollgate.jar when missing.
# Stops all it started.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=.ci/select-jdk.sh
source .ci/select-jdk.sh

SESSIONS=${SESSIONS:-1000}
EVENTS=${EVENTS:-10}
GAP_MS=${GAP_MS:-1000}
START_TIMEOUT=${START_TIMEOUT:-120}
TOLLGATE_JAVA_OPTS=${TOLLGATE_JAVA_OPTS:--Xmx1g}
JAR=bootstrap/target/tollgate.jar
for arg in "$@"; do
  case "$arg" in
    -h|--help) sed -n '2,15p' "$0"; exit 0 ;;
    *) echo "unknown argument: $arg (see --help)" >&2; exit 2 ;;
  esac
done

die() { echo "bench: ERROR: $*" >&2; exit 1; }
for tool in curl python3; do command -v "$tool" >/dev/null 2>&1 || die "$tool is required"; done
for setting in SESSIONS EVENTS GAP_MS START_TIMEOUT; do
  case "${!setting}" in ''|*[!0-9]*) die "$setting must be a whole number, not '${!setting}'" ;; esac
done
[ "$SESSIONS" -ge 1 ] && [ "$EVENTS" -ge 1 ] || die "SESSIONS and EVENTS must be >= 1"
if [ ! -f "$JAR" ]; then
  echo "bench: $JAR is missing; building it (mvn -DskipTests package)"
  mvn -B -q -ntp -DskipTests package || die "the build failed"
  [ -f "$JAR" ] || die "the build ran but $JAR is still missing"
fi
fds=$(ulimit -n)
[ "$fds" = unlimited ] || [ "$fds" -ge $((SESSIONS * 4 + 256)) ] \
  || echo "bench: WARNING: only $fds file descriptors allowed (ulimit -n) for $SESSIONS sessions" >&2

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
out="bench/results/$(date -u +%Y%m%dT%H%M%SZ)-realtime"
mkdir -p "$out"
work_dir=$(mktemp -d)
fake_port=$(free_port)
app_port=$(free_port)
while [ "$app_port" = "$fake_port" ]; do app_port=$(free_port); done
api="http://127.0.0.1:$app_port"

pids=()
stop_all() {
  local pid deadline=$((SECONDS + 20))
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do
    while kill -0 "$pid" 2>/dev/null && [ $SECONDS -lt $deadline ]; do sleep 0.2; done
    kill -9 "$pid" 2>/dev/null || true
  done
  rm -rf "$work_dir"
}
trap stop_all EXIT
trap 'exit 130' INT TERM

wait_for() { # url seconds pid
  local deadline=$((SECONDS + $2))
  until curl -s -o /dev/null --max-time 2 "$1"; do
    kill -0 "$3" 2>/dev/null || return 2
    [ $SECONDS -lt $deadline ] || return 1
    sleep 0.2
  done
}

{
  echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "commit: $(git rev-parse --short HEAD 2>/dev/null || echo unknown)$(git diff --quiet 2>/dev/null || echo ' (with local changes)')"
  echo "cores: $(nproc)"
  echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "java: $(java -version 2>&1 | head -n 1)"
  echo "settings: SESSIONS=$SESSIONS EVENTS=$EVENTS GAP_MS=$GAP_MS TOLLGATE_JAVA_OPTS=$TOLLGATE_JAVA_OPTS"
} > "$out/meta.txt"

javac -d "$work_dir/load" bench/RealtimeLoad.java || die "bench/RealtimeLoad.java did not compile"
java bench/RealtimeUpstream.java "$fake_port" > "$out/realtime-upstream.log" 2>&1 &
pids+=($!)
fake_pid=$!
wait_for "http://127.0.0.1:$fake_port/" 60 "$fake_pid" || die "the realtime upstream did not start"

cp "$JAR" "$work_dir/tollgate.jar"
password="bench-$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')"
# shellcheck disable=SC2086
TOLLGATE_DATA_DIR="$work_dir/data" TOLLGATE_PORT="$app_port" TOLLGATE_ROOT_PASSWORD="$password" \
  java $TOLLGATE_JAVA_OPTS -jar "$work_dir/tollgate.jar" \
  --tollgate.realtime.max-sessions-per-key=$((SESSIONS + 10)) \
  --tollgate.realtime.max-sessions-per-organization=$((SESSIONS + 10)) > "$out/tollgate.log" 2>&1 &
pids+=($!)
tollgate_pid=$!
wait_for "$api/api/status" "$START_TIMEOUT" "$tollgate_pid" \
  || { tail -n 50 "$out/tollgate.log" >&2; die "Tollgate did not start"; }
for _ in $(seq 1 150); do grep -q "Tollgate is ready" "$out/tollgate.log" && break; sleep 0.2; done

call() { # method path body
  local response status
  response=$(curl -s --max-time 10 -w '\n%{http_code}' -X "$1" "$api$2" -H 'Content-Type: application/json' \
    ${access_token:+-H "Authorization: Bearer $access_token"} -d "$3") || die "$1 $2: no answer"
  status=${response##*$'\n'}
  response=${response%$'\n'*}
  case "$status" in 2??) printf '%s' "$response" ;; *) die "$1 $2 answered $status: $response" ;; esac
}
field() { python3 -c "import sys, json; print(json.load(sys.stdin)['$1'])"; }
access_token=""
access_token=$(call POST /api/v1/auth/login "{\"username\":\"root\",\"password\":\"$password\"}" | field accessToken)
call PUT /api/v1/prices/bench-realtime '{"input":1000000,"output":2000000}' > /dev/null
call PUT /api/v1/prices/bench-realtime:audio '{"input":4000000,"output":8000000}' > /dev/null
call POST /api/v1/channels "{\"name\":\"fake-realtime\",\"type\":\"openai\",\"baseUrl\":\"http://127.0.0.1:$fake_port\",\"keys\":[\"sk-fake-upstream\"],\"models\":[\"bench-realtime\"],\"groups\":[\"default\"],\"priority\":0,\"weight\":1}" > /dev/null
key=$(call POST /api/v1/tokens '{"name":"bench","unlimitedQuota":true}' | field key)
sleep 1

run_load() { # name url pid
  echo "bench: $1: $SESSIONS sessions, $EVENTS events each, $GAP_MS ms apart"
  java -cp "$work_dir/load" RealtimeLoad "$2" "$key" "$SESSIONS" "$EVENTS" "$GAP_MS" $3 > "$out/$1.txt" 2>&1 \
    || { cat "$out/$1.txt" >&2; die "the load client failed against $2"; }
  grep -v '^RESULT' "$out/$1.txt" | sed 's/^/  /'
}
run_load direct "ws://127.0.0.1:$fake_port/v1/realtime?model=bench-realtime" ""
run_load tollgate "ws://127.0.0.1:$app_port/v1/realtime?model=bench-realtime" "$tollgate_pid"

direct_p50=$(sed -n 's/^RESULT rtt_p50_ms=\([0-9.]*\).*/\1/p' "$out/direct.txt")
relay_p50=$(sed -n 's/^RESULT rtt_p50_ms=\([0-9.]*\).*/\1/p' "$out/tollgate.txt")
direct_p99=$(sed -n 's/^RESULT .*rtt_p99_ms=\([0-9.]*\).*/\1/p' "$out/direct.txt")
relay_p99=$(sed -n 's/^RESULT .*rtt_p99_ms=\([0-9.]*\).*/\1/p' "$out/tollgate.txt")
python3 - "$direct_p50" "$relay_p50" "$direct_p99" "$relay_p99" <<'PY' | tee "$out/summary.txt"
import sys
d50, t50, d99, t99 = map(float, sys.argv[1:])
print(f"added latency per event (half the round trip's difference): p50 {(t50 - d50) / 2:.2f} ms, p99 {(t99 - d99) / 2:.2f} ms")
PY
grep -c ' ERROR \| WARN ' "$out/tollgate.log" > "$out/tollgate-log-warnings.txt" || true
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$out/meta.txt"
echo "bench: results in $out"
