#!/usr/bin/env bash
# Crash test of the billing journal (BRIEF G7, issue 6 §8): for each durability mode, Tollgate serves chat
# completions at a steady rate from a fake upstream, is killed with SIGKILL in the middle, is restarted on the same
# data directory, and is reconciled once the dead process's reservations had time to be released. Reports, per mode:
# the answers the client received, the requests charged, the requests whose charge was lost (answered, never
# recorded), the reservations released as abandoned, the open reservations left (expected 0) and the drifts
# (expected none), against the documented bound.
#
#   bench/crash.sh                     # both modes, 100 requests/s, killed after 8 s
#   RATE=400 KILL_AFTER=10 bench/crash.sh
#   MODES="sync" bench/crash.sh
#
# Needs: a JDK >= 21 (found by .ci/select-jdk.sh), curl, python3; builds bootstrap/target/tollgate.jar when missing.
# Loopback only. Stops all it started. Results under bench/results/<time>-crash/.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=.ci/select-jdk.sh
source .ci/select-jdk.sh

RATE=${RATE:-100}
KILL_AFTER=${KILL_AFTER:-8}
MODES=${MODES:-async sync}
HEARTBEAT=${HEARTBEAT:-PT1S}
SILENCE_SECONDS=${SILENCE_SECONDS:-5}
FLUSH=${FLUSH:-PT0.02S}
JAR=bootstrap/target/tollgate.jar
COST=28   # units per request: 12 prompt tokens at 1 unit + 8 completion tokens at 2 units (prices set below)

die() { echo "crash: ERROR: $*" >&2; exit 1; }
for tool in curl python3; do command -v "$tool" >/dev/null 2>&1 || die "$tool is required"; done
if [ ! -f "$JAR" ]; then
  echo "crash: $JAR is missing; building it (mvn -DskipTests package)"
  mvn -B -q -ntp -DskipTests package || die "the build failed"
fi

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
out="bench/results/$(date -u +%Y%m%dT%H%M%SZ)-crash"
mkdir -p "$out"
work_dir=$(mktemp -d)
cp "$JAR" "$work_dir/tollgate.jar"
pids=()
stop_all() {
  local pid
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  sleep 1
  for pid in "${pids[@]}"; do kill -9 "$pid" 2>/dev/null || true; done
  # the embedded PostgreSQL of a killed Tollgate outlives it until the next start stops it; stop what is left
  for pg in "$work_dir"/*/data/postgres; do
    [ -f "$pg/postmaster.pid" ] && kill "$(head -n 1 "$pg/postmaster.pid")" 2>/dev/null || true
  done
  rm -rf "$work_dir"
}
trap stop_all EXIT
trap 'exit 130' INT TERM

wait_for() { # url seconds [pid]
  local deadline=$((SECONDS + $2))
  until curl -s -o /dev/null --max-time 2 "$1"; do
    if [ -n "${3:-}" ] && ! kill -0 "$3" 2>/dev/null; then return 2; fi
    [ $SECONDS -lt $deadline ] || return 1
    sleep 0.2
  done
}
call() { # method path body -> body; dies unless 2xx
  local response status
  response=$(curl -s --max-time 30 -w '\n%{http_code}' -X "$1" "$api$2" -H 'Content-Type: application/json' \
    ${access_token:+-H "Authorization: Bearer $access_token"} ${3:+-d "$3"}) || die "$1 $2: no answer"
  status=${response##*$'\n'}
  response=${response%$'\n'*}
  case "$status" in 2??) printf '%s' "$response" ;; *) die "$1 $2 answered $status: $response" ;; esac
}
json() { python3 -c "import sys, json; d=json.load(sys.stdin); print(eval('d' + sys.argv[1]))" "$1"; }

fake_port=$(free_port)
fake_url="http://127.0.0.1:$fake_port"
java bench/FakeUpstream.java "$fake_port" > "$out/fake-upstream.log" 2>&1 &
pids+=($!)
wait_for "$fake_url/" 30 $! || die "the fake upstream did not start"

start_tollgate() { # mode data-dir log: sets tollgate_pid and api
  local port
  port=$(free_port)
  api="http://127.0.0.1:$port"
  TOLLGATE_DATA_DIR="$2" TOLLGATE_PORT="$port" TOLLGATE_ROOT_PASSWORD="$password" \
    java -jar "$work_dir/tollgate.jar" --tollgate.billing.durability="$1" \
    --tollgate.billing.heartbeat-interval="$HEARTBEAT" --tollgate.billing.node-silence="PT${SILENCE_SECONDS}S" \
    --tollgate.billing.flush-interval="$FLUSH" >> "$3" 2>&1 &
  tollgate_pid=$!
  pids+=($tollgate_pid)
  wait_for "$api/api/status" 90 "$tollgate_pid" || { tail -n 40 "$3" >&2; die "Tollgate ($1) did not start"; }
  for _ in $(seq 1 150); do [ "$(grep -c "Tollgate is ready" "$3")" -ge "$4" ] && break; sleep 0.2; done
  access_token=""
  access_token=$(call POST /api/v1/auth/login "{\"username\":\"root\",\"password\":\"$password\"}" | json "['accessToken']")
}

{
  echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "commit: $(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
  echo "cores: $(nproc); java: $(java -version 2>&1 | head -n 1)"
  echo "settings: RATE=$RATE/s KILL_AFTER=${KILL_AFTER}s flush-interval=$FLUSH heartbeat-interval=$HEARTBEAT node-silence=${SILENCE_SECONDS}s"
} | tee "$out/meta.txt"

printf '%-6s %8s %8s %8s %8s %10s %8s %8s %s\n' mode sent answered charged lost abandoned open drifts "release took" \
  | tee "$out/summary.txt"
for mode in $MODES; do
  case "$mode" in async|sync) ;; *) die "MODES may name only async and sync, not '$mode'" ;; esac
  data="$work_dir/$mode/data"
  log="$out/tollgate-$mode.log"
  mkdir -p "$data"
  password="crash-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
  start_tollgate "$mode" "$data" "$log" 1
  call PUT /api/v1/prices/bench-model '{"input":1000000,"output":2000000}' > /dev/null
  call POST /api/v1/channels "{\"name\":\"fake\",\"type\":\"openai\",\"baseUrl\":\"$fake_url\",\"keys\":[\"sk-fake\"],\"models\":[\"bench-model\"],\"groups\":[\"default\"],\"priority\":0,\"weight\":1}" > /dev/null
  token=$(call POST /api/v1/tokens '{"name":"crash","quota":1000000000}')
  key=$(printf '%s' "$token" | json "['key']")
  token_id=$(printf '%s' "$token" | json "['id']")
  for _ in $(seq 1 25); do # the new channel and key reach the in-memory views within moments
    [ "$(curl -s -o /dev/null -w '%{http_code}' "$api/v1/chat/completions" -H "Authorization: Bearer $key" \
      -H 'Content-Type: application/json' -d '{"model":"bench-model","messages":[{"role":"user","content":"hi"}]}')" = 200 ] && break
    sleep 0.2
  done
  # the warm-up request above is charged too: count it as answered
  python3 bench/SteadyLoad.py "$api" "$key" bench-model "$RATE" $((KILL_AFTER + 30)) "$out/load-$mode.json" \
    > /dev/null &
  load_pid=$!
  sleep "$KILL_AFTER"
  kill -9 "$tollgate_pid"
  killed_at=$SECONDS
  wait "$load_pid" || true
  echo "crash: [$mode] killed Tollgate (SIGKILL) under load; restarting on the same data directory" >&2

  start_tollgate "$mode" "$data" "$log" 2
  restarted_at=$SECONDS
  echo "crash: [$mode] restarted $((restarted_at - killed_at)) s after the kill" >&2
  # the dead process's reservations are released once it has been silent for node-silence (+ one heartbeat)
  released_in="-"
  deadline=$((SECONDS + SILENCE_SECONDS + 30))
  while [ $SECONDS -lt $deadline ]; do
    report=$(call POST /api/v1/admin/reconciliations '{}')
    open=$(printf '%s' "$report" | json "['openReservations']")
    if [ "$open" = 0 ]; then
      released_in="$((SECONDS - killed_at)) s after the kill, $((SECONDS - restarted_at)) s after the restart"
      break
    fi
    sleep 1
  done
  drifts=$(printf '%s' "$report" | json "['drifts'].__len__()")
  usage=$(call GET "/api/v1/usage?tokenId=$token_id&size=1")
  recorded=$(printf '%s' "$usage" | json "['totals']['requests']")
  cost=$(printf '%s' "$usage" | json "['totals']['cost']")
  used=$(call GET "/api/v1/tokens/$token_id" | json "['usedQuota']")
  [ "$used" = "$cost" ] || echo "crash: [$mode] the key's usedQuota ($used) differs from the recorded cost ($cost)" >&2
  sent=$(json "['sent']" < "$out/load-$mode.json")
  answered=$(( $(json "['ok']" < "$out/load-$mode.json") + 1 ))
  charged=$((cost / COST))
  abandoned=$((recorded - charged))
  lost=$((answered - charged))
  printf '%-6s %8s %8s %8s %8s %10s %8s %8s %s\n' "$mode" "$sent" "$answered" "$charged" "$lost" "$abandoned" "$open" \
    "$drifts" "$released_in" | tee -a "$out/summary.txt"
  kill "$tollgate_pid" 2>/dev/null || true
  wait "$tollgate_pid" 2>/dev/null || true
done
cat >> "$out/summary.txt" <<TXT

sent: requests the load generator started; answered: complete 200 answers it read (+1 warm-up request);
charged: requests recorded with their cost; lost: answered but not charged (the client got the answer, the process
died before its settlement was stored; negative: charges stored whose answer never reached the client);
abandoned: reservations of the killed process released after the restart (outcome 'abandoned', cost 0);
open: reservations still open at the end (expected 0); drifts: reconciliation's findings (expected 0).
Documented bound (docs/billing.md): async loses at most the events of one flush interval plus the batch being
written; sync loses no reservation of a request that reached the upstream, and releases them within
node-silence + heartbeat interval after the kill.
TXT
echo "crash: results in $out"
