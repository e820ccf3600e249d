#!/usr/bin/env bash
# Fault: a rolling upgrade while traffic runs (issue 20 §2): each node in turn is stopped (SIGTERM: graceful, its
# streams drain within spring.lifecycle.timeout-per-shutdown-phase) and started again with NEW_JAR (default: the
# cluster's jar), the next one only once it is ready. Needs the cluster of bench/cluster.sh.
#   RATE=30 STREAM_SHARE=0.3 NEW_JAR=bootstrap/target/tollgate.jar bench/faults/rolling-restart.sh
# Reports the load's failures by kind (expected: none beyond requests sent to a stopping node) and the charges.
set -euo pipefail
cd "$(dirname "$0")/../.."
source .ci/select-jdk.sh
source bench/faults/lib.sh
RATE=${RATE:-30}; STREAM_SHARE=${STREAM_SHARE:-0.3}; NEW_JAR=${NEW_JAR:-}
cluster_env
out="bench/results/$(date -u +%Y%m%dT%H%M%SZ)-rolling-restart"; mkdir -p "$out"
start_fake_upstream bench/StreamingUpstream.java 20 100   # streams of 2 s
trap 'kill $fake_pid 2>/dev/null || true' EXIT
login
model="roll-$(date +%s)"
setup_relay "$model" 1000000000
# long enough for every node's stop and start (up to three minutes each on a busy 2-core machine); ends when done
seconds=$((NODES * 240 + 20))
start_load "$key" "$model" "$RATE" "$seconds" "$STREAM_SHARE" "$out"
sleep 10
t0=$SECONDS
for n in $(seq 1 "$NODES"); do
  s=$SECONDS
  bench/cluster.sh node-stop "$n"
  stopped=$((SECONDS - s))
  bench/cluster.sh node-start "$n" ${NEW_JAR:+"$(realpath "$NEW_JAR")"}
  echo "node $n: stopped in ${stopped}s, ready again $((SECONDS - s))s after the stop began (t+$((SECONDS - t0))s)" | tee -a "$out/steps.txt"
done
touch "$out/stop"   # the load ends once its requests in flight are answered
wait "$load_pid" || true
sleep 3
{
  echo "settings: rate ${RATE}/s, ${STREAM_SHARE} streamed (2 s each), nodes restarted one by one${NEW_JAR:+ with $NEW_JAR}"
  cat "$out/steps.txt"
  cat "$out/load.txt"
  echo "charged: $(charged_of "$token_id"); usage records by outcome: $(outcomes_of "$token_id")"
} | tee "$out/summary.txt"
