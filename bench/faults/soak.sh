#!/usr/bin/env bash
# Soak (issue 20 §3): a steady rate through the cluster's balancer for DURATION seconds (the issue asks for 1800),
# sampling every 10 s each node's heap after GC (jvm_gc_live_data_size_bytes), heap in use, live threads, open files,
# busy database connections, pending settlements and event-store lag (the largest tollgate_events_processor_lag:
# positions an event processor is behind the head of its store), then charting them with the load's per-second p99 latency
# (soak.png, with Debian's python3-matplotlib). Needs the cluster of bench/cluster.sh.
#   RATE=20 DURATION=1800 bench/faults/soak.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
source .ci/select-jdk.sh
source bench/faults/lib.sh
RATE=${RATE:-20}; DURATION=${DURATION:-1800}; STREAM_SHARE=${STREAM_SHARE:-0.1}
cluster_env
out="bench/results/$(date -u +%Y%m%dT%H%M%SZ)-soak"; mkdir -p "$out"
start_fake_upstream
trap 'kill $fake_pid 2>/dev/null || true' EXIT
login
model="soak-$(date +%s)"
setup_relay "$model" 1000000000000
start_load "$key" "$model" "$RATE" "$DURATION" "$STREAM_SHARE" "$out"
echo "t,node,live_mib,heap_mib,threads,open_files,db_active,pending,event_lag" > "$out/samples.csv"
t0=$SECONDS
while kill -0 "$load_pid" 2>/dev/null; do
  for n in $(seq 1 "$NODES"); do
    curl -s --max-time 5 "http://127.0.0.1:$(eval echo "\$NODE${n}_PORT")/actuator/prometheus" \
      -H "Authorization: Bearer $access_token" | python3 -c '
import sys
v = {"jvm_gc_live_data_size_bytes": 0.0, "heap": 0.0, "jvm_threads_live_threads": 0.0,
     "process_files_open_files": 0.0, "hikaricp_connections_active": 0.0, "tollgate_billing_journal_pending": 0.0}
lag = 0.0
for line in sys.stdin:
    name = line.split("{")[0].split(" ")[0]
    if name == "jvm_memory_used_bytes" and "area=\"heap\"" in line: v["heap"] += float(line.split()[-1])
    elif name == "tollgate_events_processor_lag": lag = max(lag, float(line.split()[-1]))
    elif name in v: v[name] += float(line.split()[-1])
print("%s,%s,%d,%d,%d,%d,%d,%d,%d" % (sys.argv[1], sys.argv[2], v["jvm_gc_live_data_size_bytes"] / 1048576,
      v["heap"] / 1048576, v["jvm_threads_live_threads"], v["process_files_open_files"],
      v["hikaricp_connections_active"], v["tollgate_billing_journal_pending"], lag))' "$((SECONDS - t0))" "$n" >> "$out/samples.csv"
  done
  sleep 10
done
wait "$load_pid" || true
/usr/bin/python3 bench/faults/soak-chart.py "$out" || echo "soak: no chart (apt-get install python3-matplotlib)" >&2
{ echo "settings: ${RATE}/s for ${DURATION}s, ${STREAM_SHARE} streamed"; cat "$out/load.txt"
  echo "first and last samples per node (t,node,live_mib,heap_mib,threads,open_files,db_active,pending,event_lag):"
  for n in $(seq 1 "$NODES"); do grep "^[0-9]*,$n," "$out/samples.csv" | sed -n '1p;$p'; done
  echo "ranges per node (live_mib, threads, open_files, db_active, pending, event_lag: min-max):"
  for n in $(seq 1 "$NODES"); do
    awk -F, -v n="$n" 'NR > 1 && $2 == n { for (c = 3; c <= 9; c++) { if (!(c in lo) || $c < lo[c]) lo[c] = $c; if (!(c in hi) || $c > hi[c]) hi[c] = $c } }
      END { printf "node %s: live %s-%s, threads %s-%s, open files %s-%s, db active %s-%s, pending %s-%s, event lag %s-%s\n", n, lo[3], hi[3], lo[5], hi[5], lo[6], hi[6], lo[7], hi[7], lo[8], hi[8], lo[9], hi[9] }' "$out/samples.csv"
  done; } | tee "$out/summary.txt"
