#!/usr/bin/env bash
# Fault: a node killed (SIGKILL) under load, streams included (issue 20 §2). Needs the cluster of bench/cluster.sh,
# best started with a short node-silence so that the run ends soon:
#   NODE_ARGS="--tollgate.billing.node-silence=PT15S --tollgate.billing.heartbeat-interval=PT3S" \
#     TOLLGATE_ROOT_PASSWORD=… bench/cluster.sh up
#   RATE=150 SECONDS_TO_RUN=40 KILL_AFTER=12 VICTIM=2 STREAM_SHARE=0.2 bench/faults/node-kill.sh
# With RPM set, the key has that limit of requests per minute (shared by the nodes through leases): the summary then
# compares the requests answered in each full minute of the load with it (the rate-limit tolerance under the kill).
# Reports the load's answers and failures (a hang = no complete answer within the client's 30 s), the charges lost
# (answered but never recorded), the open reservations and the drifts found by reconciliation, and how long after
# the kill the dead node's reservations were closed. Restarts the killed node at the end. Loopback only.
set -euo pipefail
cd "$(dirname "$0")/../.."
source .ci/select-jdk.sh
source bench/faults/lib.sh
RATE=${RATE:-150}; SECONDS_TO_RUN=${SECONDS_TO_RUN:-40}; KILL_AFTER=${KILL_AFTER:-12}; VICTIM=${VICTIM:-2}
STREAM_SHARE=${STREAM_SHARE:-0.2}; RPM=${RPM:-}
cluster_env
out="bench/results/$(date -u +%Y%m%dT%H%M%SZ)-node-kill"; mkdir -p "$out"
start_fake_upstream bench/StreamingUpstream.java 10 100   # streams of 10 events 100 ms apart
trap 'kill $fake_pid 2>/dev/null || true' EXIT
login
model="kill-$(date +%s)"
setup_relay "$model" 1000000000 ${RPM:+",\"rpm\":$RPM"}
start_load "$key" "$model" "$RATE" "$SECONDS_TO_RUN" "$STREAM_SHARE" "$out"
sleep "$KILL_AFTER"
bench/cluster.sh node-kill "$VICTIM"
killed_at=$SECONDS
echo "node-kill: node $VICTIM killed (SIGKILL) after ${KILL_AFTER}s of load" >&2
wait "$load_pid" || true
read -r open drifts waited <<< "$(reconcile_until_closed 150)"
closed_after=$((SECONDS - killed_at))
sleep 2
read -r used requests cost <<< "$(token_totals "$token_id")"
answered=$(answered_of "$out")
{
  echo "settings: rate ${RATE}/s for ${SECONDS_TO_RUN}s, ${STREAM_SHARE} streamed (1 s each), node $VICTIM of $NODES killed at ${KILL_AFTER}s; node args: ${NODE_ARGS:-none}"
  cat "$out/load.txt"
  charged=$(charged_of "$token_id")
  echo "answered $answered; charged $charged; usage records by outcome (count/cost): $(outcomes_of "$token_id"); cost $cost = key usedQuota $used"
  echo "charges lost (answered, never charged): $((answered - charged))"
  echo "reconciliation: open reservations $open, drifts $drifts; checked until closed: ${closed_after}s after the kill"
  if [ -n "$RPM" ]; then
    # a bucket of RPM refilled at RPM per minute, full at the start: over T seconds it admits at most
    # RPM + RPM x (T + 1) / 60 (leases take up to a second ahead, docs/decisions/0007-rate-limits.md); a killed
    # node's unused lease (at most RPM / 64) is lost to the others until it expires
    limited=$(grep -o '429 "rate_limit_exceeded": [0-9]*' "$out/load.txt" | grep -o '[0-9]*$' || echo 0)
    echo "rate limit: rpm $RPM; answered $answered and ${limited:-0} x 429 rate_limit_exceeded in ${SECONDS_TO_RUN} s; the bucket admits at most $((RPM + RPM * (SECONDS_TO_RUN + 1) / 60)) and, with the load above the limit throughout, at least $((RPM + RPM * (SECONDS_TO_RUN - 1) / 60 - RPM / 64))"
  fi
} | tee "$out/summary.txt"
bench/cluster.sh node-start "$VICTIM"
echo "node-kill: node $VICTIM restarted; results in $out" >&2
