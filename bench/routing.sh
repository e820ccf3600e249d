#!/usr/bin/env bash
# Benchmark: what each routing strategy costs per request. One Tollgate, three channels serving the bench model (two
# on one fast fake upstream, one on a second), and the same closed-loop wrk load (bench/chat.lua) with the default
# strategy set to weighted, latency and least-busy in turn, ROUNDS times in rotation (so that drift on a shared
# machine spreads over all three). Loopback only. Prints a table (requests/s, p50, p99 per run) and keeps the raw
# outputs under bench/results/routing-<time>/.
#
#   bench/routing.sh                               # 15 s per run after a 10 s warm-up, 2 rounds, 2 threads, 32 conns
#   DURATION=30s ROUNDS=3 CONNECTIONS=64 bench/routing.sh
#   JAR=/tmp/other/tollgate.jar bench/routing.sh   # another jar (default: bootstrap/target/tollgate.jar)
#
# Needs: a JDK >= 21 (found by .ci/select-jdk.sh), curl, python3, wrk (installed from Debian's packages when missing);
# the jar must exist (mvn -B -DskipTests package). Stops all it started.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=.ci/select-jdk.sh
source .ci/select-jdk.sh

DURATION=${DURATION:-15s}
WARMUP=${WARMUP:-10s}
ROUNDS=${ROUNDS:-2}
THREADS=${THREADS:-2}
CONNECTIONS=${CONNECTIONS:-32}
START_TIMEOUT=${START_TIMEOUT:-300}   # seconds Tollgate gets to answer GET /api/status (a loaded machine is slow)
JAR=${JAR:-bootstrap/target/tollgate.jar}
STRATEGIES=${STRATEGIES:-weighted latency least-busy}

die() { echo "routing-bench: ERROR: $*" >&2; exit 1; }
[ -f "$JAR" ] || die "$JAR is missing; build it with 'mvn -B -DskipTests package'"
for tool in curl python3; do command -v "$tool" >/dev/null 2>&1 || die "$tool is required"; done
if ! command -v wrk >/dev/null 2>&1; then
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq && $sudo apt-get install -y -qq wrk >/dev/null
fi

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
out="bench/results/routing-$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$out"
work_dir=$(mktemp -d)
pids=()
stop_all() {
  local pid deadline=$((SECONDS + 20))
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do
    while kill -0 "$pid" 2>/dev/null && [ $SECONDS -lt $deadline ]; do sleep 0.2; done
    kill -9 "$pid" 2>/dev/null || true
  done
  rm -rf "$work_dir"
}
trap stop_all EXIT
trap 'exit 130' INT TERM
wait_for() { # url seconds pid
  local deadline=$((SECONDS + $2))
  until curl -s -o /dev/null --max-time 2 "$1"; do
    kill -0 "$3" 2>/dev/null || return 2
    [ $SECONDS -lt $deadline ] || return 1
    sleep 0.2
  done
}

# two fake upstreams
fakes=()
for i in 1 2; do
  port=$(free_port)
  java bench/FakeUpstream.java "$port" > "$out/fake-$i.log" 2>&1 &
  pids+=($!)
  wait_for "http://127.0.0.1:$port/" 30 "$!" || die "fake upstream $i did not start"
  fakes+=("http://127.0.0.1:$port")
done

# Tollgate
app_port=$(free_port)
api="http://127.0.0.1:$app_port"
password="bench-$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')"
cp "$JAR" "$work_dir/tollgate.jar"
TOLLGATE_DATA_DIR="$work_dir/data" TOLLGATE_PORT="$app_port" TOLLGATE_ROOT_PASSWORD="$password" \
  java -jar "$work_dir/tollgate.jar" > "$out/tollgate.log" 2>&1 &
pids+=($!)
tollgate_pid=$!
wait_for "$api/api/status" "$START_TIMEOUT" "$tollgate_pid" || { tail -n 50 "$out/tollgate.log" >&2; die "Tollgate did not start"; }
for _ in $(seq 1 150); do grep -q "Tollgate is ready" "$out/tollgate.log" && break; sleep 0.2; done

call() { # method path body
  local response status
  response=$(curl -s --max-time 10 -w '\n%{http_code}' -X "$1" "$api$2" -H 'Content-Type: application/json' \
    ${access_token:+-H "Authorization: Bearer $access_token"} -d "$3") || die "$1 $2: no answer"
  status=${response##*$'\n'}
  response=${response%$'\n'*}
  case "$status" in 2??) printf '%s' "$response" ;; *) die "$1 $2 answered $status: $response" ;; esac
}
field() { python3 -c "import sys, json; print(json.load(sys.stdin)['$1'])"; }
access_token=""
access_token=$(call POST /api/v1/auth/login "{\"username\":\"root\",\"password\":\"$password\"}" | field accessToken)
call PUT /api/v1/prices/bench-model '{"input":1000000,"output":2000000}' > /dev/null
for c in "a ${fakes[0]}" "b ${fakes[1]}" "c ${fakes[0]}"; do
  set -- $c
  call POST /api/v1/channels "{\"name\":\"fake-$1\",\"type\":\"openai\",\"baseUrl\":\"$2\",\"keys\":[\"sk-fake-$1\"],\"models\":[\"bench-model\"],\"groups\":[\"default\"],\"priority\":0,\"weight\":1}" > /dev/null
done
key=$(call POST /api/v1/tokens '{"name":"bench","unlimitedQuota":true}' | field key)
for _ in $(seq 1 25); do
  code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "$api/v1/chat/completions" -H "Authorization: Bearer $key" \
    -H 'Content-Type: application/json' -d '{"model":"bench-model","messages":[{"role":"user","content":"hi"}]}' || true)
  [ "$code" = 200 ] && break
  sleep 0.2
done
[ "$code" = 200 ] || die "the relay answered $code; not measuring"

{
  echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "commit: $(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
  echo "cores: $(nproc)"
  echo "java: $(java -version 2>&1 | head -n 1)"
  echo "settings: DURATION=$DURATION WARMUP=$WARMUP ROUNDS=$ROUNDS THREADS=$THREADS CONNECTIONS=$CONNECTIONS"
  echo "load before the run: $(cut -d' ' -f1-3 /proc/loadavg)"
} > "$out/meta.txt"

run_wrk() { # name duration
  BENCH_KEY="$key" wrk -t"$THREADS" -c"$CONNECTIONS" -d"$2" --latency -s bench/chat.lua "$api/v1/chat/completions" \
    > "$out/$1.txt" 2>&1 || { cat "$out/$1.txt" >&2; die "wrk failed"; }
}
echo "routing-bench: warming up ($WARMUP)"
run_wrk warmup "$WARMUP"
for round in $(seq 1 "$ROUNDS"); do
  for s in $STRATEGIES; do
    call PUT /api/v1/settings/routing "{\"default\":\"$s\"}" > /dev/null
    echo "routing-bench: round $round, $s ($DURATION)"
    run_wrk "$s-$round" "$DURATION"
  done
done
echo "load after the run: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$out/meta.txt"

python3 - "$out" $STRATEGIES <<'PY' | tee "$out/summary.txt"
import re, sys, pathlib
out = pathlib.Path(sys.argv[1]); strategies = sys.argv[2:]
def ms(v, unit): return float(v) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]
print(f"{'strategy':<12} {'run':>4} {'req/s':>9} {'p50 ms':>8} {'p99 ms':>8} {'non-2xx':>8}")
for s in strategies:
    for f in sorted(out.glob(f"{s}-*.txt")):
        t = f.read_text()
        rps = re.search(r"Requests/sec:\s+([\d.]+)", t).group(1)
        p50 = re.search(r"50%\s+([\d.]+)(us|ms|s)", t); p99 = re.search(r"99%\s+([\d.]+)(us|ms|s)", t)
        bad = re.search(r"Non-2xx or 3xx responses: (\d+)", t)
        print(f"{s:<12} {f.stem.split('-')[-1]:>4} {float(rps):>9.0f} {ms(*p50.groups()):>8.2f} "
              f"{ms(*p99.groups()):>8.2f} {bad.group(1) if bad else 0:>8}")
PY
cat "$out/meta.txt"
