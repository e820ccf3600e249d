#!/usr/bin/env bash
# The long pass of the HTTP fuzzer (issue 20; its short fixed-seed pass is FuzzEndToEndTest in CI) against the cluster
# of bench/cluster.sh: mutated JSON, odd content types, invalid UTF-8, duplicate keys, deep nesting, huge numbers,
# truncated, chunked and slow bodies to /v1/* (with a working key) and /api/v1/* (as root), through the balancer.
# Fails on any 500, any answer not in its surface's error shape, any hang (no answer within 20 s), any charge beyond
# the answered requests, and reports each node's resident memory before and after.
#
#   bench/cluster.sh up; bench/fuzz.sh; bench/cluster.sh down
#   SECONDS_TO_RUN=600 SEED=7 CLIENTS=2 bench/fuzz.sh
#
# Loopback only; stops all it started. Results under bench/results/<time>-fuzz/.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=.ci/select-jdk.sh
source .ci/select-jdk.sh
# shellcheck source=bench/faults/lib.sh
source bench/faults/lib.sh

SECONDS_TO_RUN=${SECONDS_TO_RUN:-120}
SEED=${SEED:-$(date +%s)}
CLIENTS=${CLIENTS:-2}
cluster_env
out="bench/results/$(date -u +%Y%m%dT%H%M%SZ)-fuzz"
mkdir -p "$out"
work=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT
unzip -q -j "$CLUSTER_DIR/tollgate.jar" 'BOOT-INF/lib/jackson-core-*' 'BOOT-INF/lib/jackson-databind-*' \
  'BOOT-INF/lib/jackson-annotations-*' -d "$work"
start_fake_upstream
pids+=("$fake_pid")
login
model="fuzz-$(date +%s)"
setup_relay "$model" 1000000000
rss_before=$(for n in $(seq 1 "$NODES"); do printf '%s ' "$(node_rss_kb "$n")"; done)
host=${BASE_URL#http://}
fuzz_pids=()
for c in $(seq 1 "$CLIENTS"); do
  java -cp "$work/*" bootstrap/src/test/java/dev/tollgate/e2e/HttpFuzzer.java "${host%:*}" "${host##*:}" "$key" \
    "$access_token" "$model" "$((SEED + c))" "$SECONDS_TO_RUN" > "$out/fuzz-$c.txt" 2>&1 &
  fuzz_pids+=($!)
done
status=0
for p in "${fuzz_pids[@]}"; do wait "$p" || status=1; done
sleep 3 # every node flushes its settlements and usage
charged=$(cat "$out"/fuzz-*.txt | sed -n 's/.*charged successes \([0-9]*\);.*/\1/p' | paste -sd+ | bc)
read -r used requests cost <<< "$(token_totals "$token_id")"
rss_after=$(for n in $(seq 1 "$NODES"); do printf '%s ' "$(node_rss_kb "$n")"; done)
{
  echo "seed $SEED, $CLIENTS clients, ${SECONDS_TO_RUN}s, through $BASE_URL"
  head -n 1 -q "$out"/fuzz-*.txt
  echo "charged successes answered: $charged; usage records: $requests; usage cost: $cost; key usedQuota: $used"
  echo "node RSS (KiB) before: $rss_before; after: $rss_after"
} | tee "$out/summary.txt"
[ "$requests" = "$charged" ] || { echo "MISMATCH: usage records differ from answered charged requests" | tee -a "$out/summary.txt"; status=1; }
[ "$used" = "$cost" ] || { echo "MISMATCH: the key's usedQuota differs from its usage cost" | tee -a "$out/summary.txt"; status=1; }
[ "$status" = 0 ] || echo "findings: see $out/fuzz-*.txt"
exit "$status"
