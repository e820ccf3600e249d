#!/usr/bin/env bash
# Revocation across nodes under load (issue 20 §3): a key disabled through node 1 must be refused by every node
# within 1 s (p99). Runs bench/faults/revocation.py while FaultLoad sends RATE requests/s through the balancer.
#   RATE=30 ROUNDS=30 bench/faults/revocation.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
source .ci/select-jdk.sh
source bench/faults/lib.sh
RATE=${RATE:-30}; ROUNDS=${ROUNDS:-30}
cluster_env
out="bench/results/$(date -u +%Y%m%dT%H%M%SZ)-revocation"; mkdir -p "$out"
start_fake_upstream
trap 'kill $fake_pid 2>/dev/null || true' EXIT
login
model="revoke-$(date +%s)"
setup_relay "$model" 1000000000
start_load "$key" "$model" "$RATE" 600 0 "$out"
sleep 8
ports=""
for n in $(seq 1 "$NODES"); do ports+="$(eval echo "\$NODE${n}_PORT") "; done
# shellcheck disable=SC2086
python3 bench/faults/revocation.py "$access_token" "$ROUNDS" $ports | tee "$out/revocation.txt"
touch "$out/stop"
wait "$load_pid" || true
{ echo "settings: load ${RATE}/s through the balancer, $ROUNDS rounds"; tail -n 1 "$out/revocation.txt"; cat "$out/load.txt"; } | tee "$out/summary.txt"
