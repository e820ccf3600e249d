#!/usr/bin/env bash
# What one settled request costs in PostgreSQL: sends REQUESTS chat completions through Tollgate (to a fake upstream)
# with an unlimited key (settlement only) and as many with a capped key (reservation + settlement), and reports the
# growth of each table (data, indexes and TOAST) per request. Tables: request_event_entry (the events),
# usage_record (one row per request, pruned after the retention), usage_daily (one row per day, key and model),
# quota_spent, open_reservation.
#
#   bench/storage.sh                 # 5,000 requests per key
#   REQUESTS=20000 bench/storage.sh
#
# Needs: a JDK >= 21 (found by .ci/select-jdk.sh), curl, python3, psql, wrk; builds bootstrap/target/tollgate.jar when
# missing. Loopback only. Stops all it started. Results under bench/results/<time>-storage/.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=.ci/select-jdk.sh
source .ci/select-jdk.sh

REQUESTS=${REQUESTS:-5000}
JAR=bootstrap/target/tollgate.jar
TABLES="request_event_entry usage_record usage_daily quota_spent open_reservation"

die() { echo "storage: ERROR: $*" >&2; exit 1; }
for tool in curl python3 psql wrk; do command -v "$tool" >/dev/null 2>&1 || die "$tool is required"; done
if [ ! -f "$JAR" ]; then
  mvn -B -q -ntp -DskipTests package || die "the build failed"
fi
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
out="bench/results/$(date -u +%Y%m%dT%H%M%SZ)-storage"
mkdir -p "$out"
work_dir=$(mktemp -d)
pids=()
stop_all() {
  local pid
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  sleep 2
  for pid in "${pids[@]}"; do kill -9 "$pid" 2>/dev/null || true; done
  [ -f "$work_dir/data/postgres/postmaster.pid" ] && kill "$(head -n 1 "$work_dir/data/postgres/postmaster.pid")" 2>/dev/null || true
  rm -rf "$work_dir"
}
trap stop_all EXIT
trap 'exit 130' INT TERM
json() { python3 -c "import sys, json; d=json.load(sys.stdin); print(eval('d' + sys.argv[1]))" "$1"; }
call() { curl -sf --max-time 30 -X "$1" "$api$2" -H 'Content-Type: application/json' \
  ${access_token:+-H "Authorization: Bearer $access_token"} ${3:+-d "$3"} || die "$1 $2 failed"; }

fake_port=$(free_port)
java bench/FakeUpstream.java "$fake_port" > "$out/fake-upstream.log" 2>&1 &
pids+=($!)
until curl -s -o /dev/null "http://127.0.0.1:$fake_port/"; do sleep 0.2; done

port=$(free_port)
api="http://127.0.0.1:$port"
password="storage-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
TOLLGATE_DATA_DIR="$work_dir/data" TOLLGATE_PORT="$port" TOLLGATE_ROOT_PASSWORD="$password" \
  java -jar "$JAR" > "$out/tollgate.log" 2>&1 &
pids+=($!)
until curl -s -o /dev/null --max-time 1 "$api/api/status"; do sleep 0.2; done
access_token=""
access_token=$(call POST /api/v1/auth/login "{\"username\":\"root\",\"password\":\"$password\"}" | json "['accessToken']")
call PUT /api/v1/prices/bench-model '{"input":1000000,"output":2000000}' > /dev/null
call POST /api/v1/channels "{\"name\":\"fake\",\"type\":\"openai\",\"baseUrl\":\"http://127.0.0.1:$fake_port\",\"keys\":[\"sk-fake\"],\"models\":[\"bench-model\"],\"groups\":[\"default\"],\"priority\":0,\"weight\":1}" > /dev/null
unlimited=$(call POST /api/v1/tokens '{"name":"unlimited","unlimitedQuota":true}' | json "['key']")
capped=$(call POST /api/v1/tokens '{"name":"capped","quota":1000000000000}' | json "['key']")
pg_port=$(cat "$work_dir/data/postgres.port")
sql() { psql -X -q -At -h 127.0.0.1 -p "$pg_port" -U postgres -d tollgate "$@"; }
sizes() {
  sql -c "checkpoint" >/dev/null 2>&1 || true
  for t in $TABLES; do printf '%s %s\n' "$t" "$(sql -c "vacuum analyze $t" -c "select pg_total_relation_size('$t')")"; done
}
send() { # key count: exactly count requests, 4 connections
  python3 - "$api" "$1" "$2" <<'EOF'
import http.client, json, sys, threading, urllib.parse
url, key, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
p = urllib.parse.urlparse(url)
body = json.dumps({"model": "bench-model", "messages": [{"role": "user", "content": "Say hello in five words."}],
                   "max_tokens": 16})
lock = threading.Lock(); left = [count]; failed = [0]
def worker():
    conn = http.client.HTTPConnection(p.hostname, p.port, timeout=30)
    while True:
        with lock:
            if left[0] == 0:
                return
            left[0] -= 1
        conn.request("POST", "/v1/chat/completions", body, {"Authorization": "Bearer " + key,
                     "Content-Type": "application/json"})
        r = conn.getresponse(); r.read()
        if r.status != 200:
            with lock:
                failed[0] += 1
threads = [threading.Thread(target=worker) for _ in range(4)]
[t.start() for t in threads]; [t.join() for t in threads]
if failed[0]:
    sys.exit("failed: %d" % failed[0])
EOF
}

{
  echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "commit: $(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
  echo "requests per key: $REQUESTS"
} | tee "$out/meta.txt"
for kind in unlimited capped; do
  key=${!kind}
  sizes > "$out/before-$kind.txt"
  send "$key" "$REQUESTS"
  sleep 2 # the journal's last batch
  sizes > "$out/after-$kind.txt"
  echo "== $kind key ($REQUESTS requests): bytes per request" | tee -a "$out/summary.txt"
  join "$out/before-$kind.txt" "$out/after-$kind.txt" | awk -v n="$REQUESTS" \
    '{ d = $3 - $2; total += d; printf "%-20s %8.1f\n", $1, d / n } END { printf "%-20s %8.1f\n", "total", total / n }' \
    | tee -a "$out/summary.txt"
done
echo "storage: results in $out" >&2
