#!/usr/bin/env bash
# Restart time against the number of stored settlement events (BRIEF §4, issue 14 §3). Starts Tollgate on a fresh
# data directory (first start timed), creates a key, stores EVENTS settlement events of that key straight into the
# database as the billing journal would (request_event_entry rows with a real RequestSettledEvent payload — the same
# one for every row: a start does not read them — their charges summed into quota_spent in the same transaction),
# restarts it and times the restart. Checks that the restarted
# process counts the key's spending exactly (usedQuota = EVENTS x COST).
#
#   bench/restart.sh                    # 1,000,000 and 10,000,000 events
#   EVENTS="100000" bench/restart.sh
#
# Needs: a JDK >= 21 (found by .ci/select-jdk.sh), curl, python3, psql; builds bootstrap/target/tollgate.jar when
# missing. Loopback only. Stops all it started. Results under bench/results/<time>-restart/.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=.ci/select-jdk.sh
source .ci/select-jdk.sh

EVENTS=${EVENTS:-1000000 10000000}
CHUNK=${CHUNK:-1000000}
COST=28
JAR=${JAR:-bootstrap/target/tollgate.jar}
# a build from before the request events had a table of their own (ADR 11) kept them in domain_event_entry and
# replayed them at every start: EVENT_TABLE=domain_event_entry JAR=... measures such a build the same way
EVENT_TABLE=${EVENT_TABLE:-request_event_entry}

die() { echo "restart: ERROR: $*" >&2; exit 1; }
for tool in curl python3 psql; do command -v "$tool" >/dev/null 2>&1 || die "$tool is required"; done
if [ ! -f "$JAR" ] && [ "$JAR" = bootstrap/target/tollgate.jar ]; then
  echo "restart: $JAR is missing; building it (mvn -DskipTests package)"
  mvn -B -q -ntp -DskipTests package || die "the build failed"
fi

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
out="bench/results/$(date -u +%Y%m%dT%H%M%SZ)-restart"
mkdir -p "$out"
work_dir=$(mktemp -d)
cp "$JAR" "$work_dir/tollgate.jar"
tollgate_pid=""
stop_tollgate() {
  [ -n "$tollgate_pid" ] || return 0
  kill "$tollgate_pid" 2>/dev/null || true
  for _ in $(seq 1 150); do kill -0 "$tollgate_pid" 2>/dev/null || break; sleep 0.2; done
  kill -9 "$tollgate_pid" 2>/dev/null || true
  tollgate_pid=""
}
stop_all() {
  stop_tollgate
  for pg in "$work_dir"/*/data/postgres; do
    [ -f "$pg/postmaster.pid" ] && kill "$(head -n 1 "$pg/postmaster.pid")" 2>/dev/null || true
  done
  sleep 1
  rm -rf "$work_dir"
}
trap stop_all EXIT
trap 'exit 130' INT TERM

json() { python3 -c "import sys, json; d=json.load(sys.stdin); print(eval('d' + sys.argv[1]))" "$1"; }
call() { # method path body
  curl -sf --max-time 30 -X "$1" "$api$2" -H 'Content-Type: application/json' \
    ${access_token:+-H "Authorization: Bearer $access_token"} ${3:+-d "$3"} || die "$1 $2 failed"
}

start_tollgate() { # data-dir log -> sets api, tollgate_pid and start_ms (launch until the admin API answers)
  local port started
  port=$(free_port)
  api="http://127.0.0.1:$port"
  started=$(date +%s%N)
  TOLLGATE_DATA_DIR="$1" TOLLGATE_PORT="$port" TOLLGATE_ROOT_PASSWORD="$password" \
    java -jar "$work_dir/tollgate.jar" >> "$2" 2>&1 &
  tollgate_pid=$!
  until curl -s -o /dev/null --max-time 1 "$api/api/status"; do
    kill -0 "$tollgate_pid" 2>/dev/null || { tail -n 40 "$2" >&2; die "Tollgate did not start"; }
    sleep 0.05
  done
  start_ms=$(( ($(date +%s%N) - started) / 1000000 ))
}

sql() { psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$pg_port" -U postgres -d tollgate "$@"; }

{
  echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "commit: $(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
  echo "cores: $(nproc); java: $(java -version 2>&1 | head -n 1)"
} | tee "$out/meta.txt"
printf '%-12s %14s %12s %14s %16s %s\n' events first-start-ms restart-ms event-bytes used-after-restart check \
  | tee "$out/summary.txt"

for n in $EVENTS; do
  data="$work_dir/$n/data"
  log="$out/tollgate-$n.log"
  mkdir -p "$data"
  password="restart-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
  start_tollgate "$data" "$log"
  first_ms=$start_ms
  access_token=""
  access_token=$(call POST /api/v1/auth/login "{\"username\":\"root\",\"password\":\"$password\"}" | json "['accessToken']")
  token_id=$(call POST /api/v1/tokens '{"name":"restart","quota":1000000000000000}' | json "['id']")
  pg_port=$(cat "$data/postgres.port")

  echo "restart: [$n] storing $n settlement events of key $token_id" >&2
  done_events=0
  while [ "$done_events" -lt "$n" ]; do
    count=$(( n - done_events < CHUNK ? n - done_events : CHUNK ))
    spent_sql=""
    if [ "$EVENT_TABLE" = request_event_entry ]; then
      spent_sql="insert into quota_spent (account_id, spent)
        values ('key:$token_id', ${count}::bigint * $COST), ('wallet:root', ${count}::bigint * $COST),
               ('budget:personal-root/root:' || to_char(now() at time zone 'UTC', 'YYYY-MM'), ${count}::bigint * $COST)
        on conflict (account_id) do update set spent = quota_spent.spent + excluded.spent;"
    fi
    # one transaction per chunk, as a settlement batch: the events and their charges together
    sql -c "
      begin;
      insert into $EVENT_TABLE (event_identifier, aggregate_identifier, sequence_number, type, time_stamp,
                                       payload_type, payload_revision, payload, meta_data)
      select 'bench-ev-' || i, 'bench-' || i, 0, 'Request', p.at, 'dev.tollgate.domain.billing.event.RequestSettledEvent',
             '4', p.payload, p.meta
      from generate_series($done_events + 1, $done_events + $count) as i,
           (select to_char(now() at time zone 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"') as at,
                   convert_to(json_build_object('requestId', 'bench', 'tokenId', '$token_id', 'ownerId', 'root',
                       'model', 'bench-model', 'upstreamModel', 'bench-model', 'channelId', 'bench-channel',
                       'promptTokens', 12, 'completionTokens', 8, 'cost', $COST, 'latencyMillis', 35,
                       'upstreamStatus', 200, 'outcome', 'succeeded', 'stream', false,
                       'at', to_char(now() at time zone 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'),
                       'cachedPromptTokens', 0, 'reasoningTokens', 0, 'images', 0, 'audioSeconds', 0, 'attempts', 1,
                       'reserved', 0, 'organizationId', 'personal-root')::text, 'UTF8') as payload,
                   convert_to('{\"node\":\"bench-generator\"}', 'UTF8') as meta) p;
      $spent_sql
      commit;"
    done_events=$((done_events + count))
    echo "restart: [$n] $done_events stored" >&2
  done
  sql -c "vacuum analyze $EVENT_TABLE"
  bytes=$(sql -At -c "select pg_total_relation_size('$EVENT_TABLE') / greatest(count(*), 1) from $EVENT_TABLE")

  stop_tollgate
  start_tollgate "$data" "$log"
  restart_ms=$start_ms
  access_token=$(call POST /api/v1/auth/login "{\"username\":\"root\",\"password\":\"$password\"}" | json "['accessToken']")
  used=$(call GET "/api/v1/tokens/$token_id" | json "['usedQuota']")
  expected=$((n * COST))
  check=$([ "$used" = "$expected" ] && echo ok || echo "WRONG (expected $expected)")
  printf '%-12s %14s %12s %14s %16s %s\n' "$n" "$first_ms" "$restart_ms" "$bytes" "$used" "$check" \
    | tee -a "$out/summary.txt"
  stop_tollgate
done
echo "restart: results in $out" >&2
