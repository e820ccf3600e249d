#!/usr/bin/env bash
# Fault: PostgreSQL stopped for 30 s while the cluster relays (issue 20 §2). Needs the cluster of bench/cluster.sh.
#   RATE=30 SECONDS_TO_RUN=70 STOP_AFTER=10 OUTAGE=30 bench/faults/db-outage.sh
# Reports, second by second, what the load got (timeline.csv), what the admin API answered meanwhile (status and
# content type, every 5 s), whether every node relays again afterwards without a restart, and the count of answered
# requests against the count of settled (charged) ones once the database is back. Loopback only.
set -euo pipefail
cd "$(dirname "$0")/../.."
source .ci/select-jdk.sh
source bench/faults/lib.sh
RATE=${RATE:-30}; SECONDS_TO_RUN=${SECONDS_TO_RUN:-70}; STOP_AFTER=${STOP_AFTER:-10}; OUTAGE=${OUTAGE:-30}
cluster_env
out="bench/results/$(date -u +%Y%m%dT%H%M%SZ)-db-outage"; mkdir -p "$out"
start_fake_upstream
trap 'kill $fake_pid 2>/dev/null || true; bench/cluster.sh db-start 2>/dev/null || true' EXIT
login
model="dbout-$(date +%s)"
setup_relay "$model" 1000000000
start_load "$key" "$model" "$RATE" "$SECONDS_TO_RUN" 0.1 "$out"
sleep "$STOP_AFTER"
bench/cluster.sh db-stop
stopped_at=$SECONDS
echo "db-outage: PostgreSQL stopped" >&2
: > "$out/admin-during-outage.txt"
while [ $((SECONDS - stopped_at)) -lt "$OUTAGE" ]; do
  curl -s -o "$out/admin-body.json" -w "t+$((SECONDS - stopped_at))s GET /api/v1/tokens: %{http_code} %{content_type} in %{time_total}s\n" \
    --max-time 10 "$BASE_URL/api/v1/tokens?size=1" -H "Authorization: Bearer $access_token" >> "$out/admin-during-outage.txt" || echo "t+$((SECONDS - stopped_at))s no answer within 10 s" >> "$out/admin-during-outage.txt"
  head -c 300 "$out/admin-body.json" >> "$out/admin-during-outage.txt" 2>/dev/null || true; echo >> "$out/admin-during-outage.txt"
  sleep 5
done
bench/cluster.sh db-start
started_at=$SECONDS
echo "db-outage: PostgreSQL started again after $((SECONDS - stopped_at)) s" >&2
# every node relays again without a restart: seconds until each answers a request sent to it directly
checks=0
nodes_ok=""
for n in $(seq 1 "$NODES"); do
  port=$(eval echo "\$NODE${n}_PORT")
  status=000
  while [ $((SECONDS - started_at)) -lt 120 ]; do
    status=$(curl -s -o /dev/null -w '%{http_code}' --max-time 20 "http://127.0.0.1:$port/v1/chat/completions" \
      -H "Authorization: Bearer $key" -H 'Content-Type: application/json' \
      -d "{\"model\":\"$model\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")
    [ "$status" = 200 ] && { checks=$((checks + 1)); break; }
    sleep 1
  done
  nodes_ok+="node $n: $status $((SECONDS - started_at)) s after the restart; "
done
wait "$load_pid" || true
sleep 3
answered=$(( $(answered_of "$out") + checks ))
charged=$(charged_of "$token_id")
read -r open drifts waited <<< "$(reconcile_until_closed 90)"
{
  echo "settings: rate ${RATE}/s for ${SECONDS_TO_RUN}s, PostgreSQL stopped at ${STOP_AFTER}s for ${OUTAGE}s"
  cat "$out/load.txt"
  echo "admin API during the outage:"; cat "$out/admin-during-outage.txt"
  echo "after the outage, each node asked directly until it relays: $nodes_ok"
  echo "answered (load + the $checks checks) $answered; charged $charged; usage records by outcome: $(outcomes_of "$token_id")"
  echo "answered but never charged: $((answered - charged)); reconciliation: open $open, drifts $drifts"
} | tee "$out/summary.txt"
