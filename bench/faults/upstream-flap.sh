#!/usr/bin/env bash
# Fault: a slow and flapping upstream (issue 20 §2). The model is served by two channels: a flaky one preferred
# (priority 10; bench/faults/FlakyUpstream.java cycles ok, reset, ok, slow, ok, half-open, ok, error, PHASE seconds
# each) and a healthy one (priority 0). Reports what the load got, the relay's failed attempts by reason, and each
# node's live threads and the connections to the flaky upstream before the load and after it (leak check).
#   RATE=20 PHASE=8 bench/faults/upstream-flap.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
source .ci/select-jdk.sh
source bench/faults/lib.sh
RATE=${RATE:-20}; PHASE=${PHASE:-8}; SLOW_MS=${SLOW_MS:-3000}; STREAM_SHARE=${STREAM_SHARE:-0.2}
cluster_env
out="bench/results/$(date -u +%Y%m%dT%H%M%SZ)-upstream-flap"; mkdir -p "$out"
start_fake_upstream
flaky_port=$(free_port)
login
model="flap-$(date +%s)"
setup_relay "$model" 1000000000
java bench/faults/FlakyUpstream.java "$flaky_port" "$PHASE" "$SLOW_MS" > "$out/flaky-upstream.log" 2>&1 &
flaky_pid=$!
trap 'kill $fake_pid $flaky_pid 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do (echo > "/dev/tcp/127.0.0.1/$flaky_port") 2>/dev/null && break; sleep 0.2; done
call POST /api/v1/channels "{\"name\":\"flaky-$model\",\"type\":\"openai\",\"baseUrl\":\"http://127.0.0.1:$flaky_port\",\"keys\":[\"sk-flaky\"],\"models\":[\"$model\"],\"groups\":[\"default\"],\"priority\":10,\"weight\":1}" > /dev/null
sleep 2
connections() { ss -Htn state established "( dport = :$flaky_port )" 2>/dev/null | wc -l; }
figures() { for n in $(seq 1 "$NODES"); do printf 'node %s threads/heap-MiB %s; ' "$n" "$(node_jvm "$n" | tr ' ' '/')"; done; printf 'connections to the flaky upstream %s' "$(connections)"; }
before=$(figures)
seconds=$((PHASE * 8 + 8))
start_load "$key" "$model" "$RATE" "$seconds" "$STREAM_SHARE" "$out"
wait "$load_pid" || true
during_end=$(figures)
sleep 15
after=$(figures)
failures=$(for n in $(seq 1 "$NODES"); do
  curl -s "http://127.0.0.1:$(eval echo "\$NODE${n}_PORT")/actuator/prometheus" -H "Authorization: Bearer $access_token"
done | python3 -c '
import re, sys, collections
totals = collections.Counter()
for line in sys.stdin:
    if line.startswith("tollgate_relay_attempt_failures_total") and sys.argv[1] in line:
        labels = dict(re.findall(r"(\w+)=\"([^\"]*)\"", line))
        totals[labels.get("reason", "?") + " (failover " + labels.get("failover", "?") + ")"] += float(line.split()[-1])
print(", ".join("%s: %d" % (k, v) for k, v in sorted(totals.items())) or "none")' "$model")
{
  echo "settings: rate ${RATE}/s for ${seconds}s, ${STREAM_SHARE} streamed, flaky phases of ${PHASE}s (slow = ${SLOW_MS} ms), healthy channel as fallback"
  cat "$out/load.txt"
  echo "failed attempts on the flaky channel by reason, all nodes: $failures"
  echo "before the load: $before"
  echo "when the load ended: $during_end"
  echo "15 s later: $after"
} | tee "$out/summary.txt"
