#!/usr/bin/env bash
# Times Tollgate's start with ./run.sh: from launch to the first 200 of GET /api/status, RUNS times on a fresh data
# directory and RUNS times restarting on it, alternately; prints each figure, the CPU seconds the JVM used until then
# (less sensitive than the wall clock to other processes on a shared machine) and the load average before each run.
# TOLLGATE_AOT=0 measures the plain jar (no start-up cache to prepare first).
# JAR=path/to/tollgate.jar measures that jar instead of this checkout's build (copied over bootstrap/target/tollgate.jar,
# so run.sh prepares its start-up cache for it; rebuild afterwards). Loopback only; stops everything it started.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${RUNS:-3}
port=${PORT:-3917}
if [ -n "${JAR:-}" ]; then
  cp "$JAR" bootstrap/target/tollgate.jar
  touch bootstrap/target/tollgate.jar
fi
work=$(mktemp -d)
pid=
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
start_once() { # $1: data dir; prints seconds to the first 200 of /api/status
  local begin now
  begin=$(date +%s.%N)
  TOLLGATE_DATA_DIR="$1" TOLLGATE_PORT=$port TOLLGATE_ROOT_PASSWORD="startup-$RANDOM$RANDOM$RANDOM" \
    ./run.sh >>"$work/tollgate.log" 2>&1 &
  pid=$!
  until curl -fsS -o /dev/null "http://127.0.0.1:$port/api/status" 2>/dev/null; do
    kill -0 "$pid" 2>/dev/null || { echo "Tollgate stopped; log: $work/tollgate.log" >&2; tail -40 "$work/tollgate.log" >&2; exit 1; }
    sleep 0.05
  done
  now=$(date +%s.%N)
  # run.sh ends by exec-ing java, so $pid is the JVM: its user + system CPU time, in clock ticks
  cpu=$(awk -v hz="$(getconf CLK_TCK)" '{ printf "%.1f", ($14 + $15) / hz }' "/proc/$pid/stat")
  kill "$pid"; wait "$pid" 2>/dev/null || true; pid=
  echo "$(echo "$now - $begin" | bc) s (JVM CPU $cpu s)"
}
# one start first, so that run.sh's cache for this build is made outside the measured runs
[ "${TOLLGATE_AOT:-1}" = 0 ] || start_once "$work/warm" >/dev/null
for i in $(seq 1 "$runs"); do
  dir="$work/data-$i"
  load=$(cut -d' ' -f1-3 /proc/loadavg)
  echo "run $i fresh   $(start_once "$dir")   load before: $load"
  load=$(cut -d' ' -f1-3 /proc/loadavg)
  echo "run $i restart $(start_once "$dir")   load before: $load"
done
