#!/usr/bin/env bash
# Fault: the database refusing writes (issue 20 §2, the stand-in for a full disk: PostgreSQL answers reads and
# refuses every write). For OUTAGE seconds the database is made read-only (default_transaction_read_only, existing
# sessions ended so that every connection gets it) while the cluster relays; then writable again. Reports the load,
# /actuator/health of each node meanwhile, an admin write meanwhile, and after: answered against charged, reconciliation.
#   RATE=20 OUTAGE=20 bench/faults/db-readonly.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
source .ci/select-jdk.sh
source bench/faults/lib.sh
RATE=${RATE:-20}; OUTAGE=${OUTAGE:-20}
cluster_env
out="bench/results/$(date -u +%Y%m%dT%H%M%SZ)-db-readonly"; mkdir -p "$out"
start_fake_upstream
writable() {
  # this session itself must be writable to change the setting back
  PGOPTIONS="-c default_transaction_read_only=off" psql_cluster "alter database tollgate set default_transaction_read_only = $1" > /dev/null
  psql_cluster "select count(pg_terminate_backend(pid)) from pg_stat_activity where datname = 'tollgate' and pid <> pg_backend_pid()" > /dev/null
}
trap 'kill $fake_pid 2>/dev/null || true; writable off || true' EXIT
login
model="readonly-$(date +%s)"
setup_relay "$model" 1000000000
seconds=$((OUTAGE + 40))
start_load "$key" "$model" "$RATE" "$seconds" 0.1 "$out"
sleep 10
writable on
echo "db-readonly: database read-only" >&2
sleep 5
: > "$out/during.txt"
for n in $(seq 1 "$NODES"); do
  echo "node $n health: $(curl -s --max-time 10 "http://127.0.0.1:$(eval echo "\$NODE${n}_PORT")/actuator/health")" >> "$out/during.txt"
done
echo "admin write (PUT a price): $(curl -s --max-time 15 -X PUT "$BASE_URL/api/v1/prices/readonly-probe" -H "Authorization: Bearer $access_token" -H 'Content-Type: application/json' -d '{"input":1,"output":1}' -w ' -> %{http_code}' | cut -c1-300)" >> "$out/during.txt"
sleep $((OUTAGE - 5))
writable off
echo "db-readonly: database writable again" >&2
wait "$load_pid" || true
sleep 5
for n in $(seq 1 "$NODES"); do
  echo "node $n health after: $(curl -s --max-time 10 "http://127.0.0.1:$(eval echo "\$NODE${n}_PORT")/actuator/health")" >> "$out/during.txt"
done
read -r open drifts waited <<< "$(reconcile_until_closed 90)"
answered=$(answered_of "$out")
{
  echo "settings: rate ${RATE}/s for ${seconds}s, database read-only from 10 s for ${OUTAGE}s"
  cat "$out/load.txt"; cat "$out/during.txt"
  echo "answered $answered; charged $(charged_of "$token_id"); usage records by outcome: $(outcomes_of "$token_id")"
  echo "reconciliation: open $open, drifts $drifts"
} | tee "$out/summary.txt"
