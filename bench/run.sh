#!/usr/bin/env bash
# Benchmark: non-streaming chat throughput and latency, directly against a fast fake upstream and through
# Tollgate, in one run, with wrk (closed loop: N connections, each sending its next request as soon as the last
# answer arrived). Loopback only. Prints a summary and keeps raw outputs under bench/results/<timestamp>/.
#
#   bench/run.sh                 # 20 s per target, 2 threads, 32 connections
#   DURATION=30s CONNECTIONS=64 THREADS=2 bench/run.sh
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=../.ci/select-jdk.sh
source .ci/select-jdk.sh

DURATION=${DURATION:-20s}
THREADS=${THREADS:-2}
CONNECTIONS=${CONNECTIONS:-32}
WARMUP=${WARMUP:-10s}

if ! command -v wrk >/dev/null 2>&1; then
  echo "installing wrk (Debian package)"
  apt-get update -qq && apt-get install -y -qq wrk >/dev/null
fi
if [ ! -f bootstrap/target/tollgate.jar ]; then
  mvn -B -q -ntp -DskipTests package
fi

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
out="bench/results/$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$out"
data_dir=$(mktemp -d)
fake_port=$(free_port)
app_port=$(free_port)
password="bench-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$data_dir"
}
trap cleanup EXIT

java bench/FakeUpstream.java "$fake_port" > "$out/fake-upstream.log" 2>&1 &
pids+=($!)
TOLLGATE_DATA_DIR="$data_dir" TOLLGATE_PORT="$app_port" TOLLGATE_ROOT_PASSWORD="$password" \
  java -jar bootstrap/target/tollgate.jar > "$out/tollgate.log" 2>&1 &
pids+=($!)
tollgate_pid=$!

wait_for() { # url, seconds
  local deadline=$((SECONDS + $2))
  until curl -s -o /dev/null "$1"; do
    if [ $SECONDS -ge $deadline ]; then return 1; fi
    sleep 0.2
  done
}
wait_for "http://127.0.0.1:$fake_port/" 30 || { echo "the fake upstream did not start"; exit 1; }
if ! wait_for "http://127.0.0.1:$app_port/api/status" 60; then
  echo "Tollgate did not start within 60 s; last lines of its log:"; tail -n 50 "$out/tollgate.log"; exit 1
fi
grep -q "Tollgate is ready" <(timeout 30 tail -n +1 -f "$out/tollgate.log") || true

api="http://127.0.0.1:$app_port"
json() { python3 -c "import sys,json; print(json.load(sys.stdin)$1)"; }
token=$(curl -sf "$api/api/v1/auth/login" -H 'Content-Type: application/json' \
  -d "{\"username\":\"root\",\"password\":\"$password\"}" | json "['accessToken']")
auth=(-H "Authorization: Bearer $token" -H 'Content-Type: application/json')
curl -sf -X PUT "$api/api/v1/prices/bench-model" "${auth[@]}" -d '{"input":1000000,"output":2000000}' >/dev/null
curl -sf "$api/api/v1/channels" "${auth[@]}" -d "{\"name\":\"fake\",\"type\":\"openai\",\"baseUrl\":\"http://127.0.0.1:$fake_port\",\"keys\":[\"sk-fake-upstream\"],\"models\":[\"bench-model\"],\"groups\":[\"default\"],\"priority\":0,\"weight\":1}" >/dev/null
key=$(curl -sf "$api/api/v1/tokens" "${auth[@]}" -d '{"name":"bench","unlimitedQuota":true}' | json "['key']")

run_wrk() { # name url duration
  BENCH_KEY="$key" wrk -t"$THREADS" -c"$CONNECTIONS" -d"$3" --latency -s bench/chat.lua "$2" > "$out/$1.txt" 2>&1
}
echo "warming up ($WARMUP each)"
run_wrk warmup-direct "http://127.0.0.1:$fake_port/v1/chat/completions" "$WARMUP"
run_wrk warmup-tollgate "$api/v1/chat/completions" "$WARMUP"
echo "measuring direct ($DURATION)"
run_wrk direct "http://127.0.0.1:$fake_port/v1/chat/completions" "$DURATION"
echo "measuring through Tollgate ($DURATION)"
run_wrk tollgate "$api/v1/chat/completions" "$DURATION"
ps -o rss= -p "$tollgate_pid" > "$out/tollgate-rss-kib.txt" || true

python3 - "$out" <<'PY'
import re, sys, pathlib
out = pathlib.Path(sys.argv[1])
def parse(name):
    text = (out / f"{name}.txt").read_text()
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
    def ms(p):
        m = re.search(rf"^\s+{p}%\s+([\d.]+)(us|ms|s)", text, re.M)
        v, unit = float(m.group(1)), m.group(2)
        return v / 1000 if unit == "us" else v * 1000 if unit == "s" else v
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
    sock = re.search(r"Socket errors: (.*)", text)
    return rps, ms(50), ms(90), ms(99), int(errors.group(1)) if errors else 0, sock.group(1) if sock else "none"
d, t = parse("direct"), parse("tollgate")
lines = [
    "| target | req/s | p50 ms | p90 ms | p99 ms | non-2xx | socket errors |",
    "|---|---|---|---|---|---|---|",
    f"| direct to fake upstream | {d[0]:.0f} | {d[1]:.2f} | {d[2]:.2f} | {d[3]:.2f} | {d[4]} | {d[5]} |",
    f"| through Tollgate | {t[0]:.0f} | {t[1]:.2f} | {t[2]:.2f} | {t[3]:.2f} | {t[4]} | {t[5]} |",
    "",
    f"throughput ratio Tollgate / direct: {t[0] / d[0]:.2f}",
    f"added latency: p50 +{t[1] - d[1]:.2f} ms, p99 +{t[3] - d[3]:.2f} ms",
]
summary = "\n".join(lines)
(out / "summary.md").write_text(summary + "\n")
print(summary)
PY
echo "raw results: $out"
