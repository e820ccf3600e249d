#!/usr/bin/env bash
# Benchmark: concurrent SSE streams, directly against a slow streaming fake upstream and through Tollgate, back to
# back in one run. Every round opens STREAMS streaming chat completions at the same moment; the upstream answers each
# with EVENTS content events GAP_MS apart, then a usage chunk and [DONE]. Measures per stream the time to the first
# `data:` event (TTFB) and to `data: [DONE]` (total), counts errors, and reports Tollgate's overhead against direct
# and its resident memory after the run. Loopback only. Raw outputs under bench/results/<time>-stream/.
#
#   bench/stream.sh                                      # 200 streams x 3 rounds, 20 events 10 ms apart
#   STREAMS=1000 ROUNDS=5 bench/stream.sh                # other settings: STREAMS, EVENTS, GAP_MS, ROUNDS,
#                                                        # WARMUP_ROUNDS (not counted; default: rounds for 20,000
#                                                        # warm-up streams, 10 to 400), START_TIMEOUT
#   TOLLGATE_JAVA_OPTS=-Xmx1g bench/stream.sh            # JVM options for Tollgate only (split on spaces)
#   JAR=/tmp/other/tollgate.jar bench/stream.sh          # another jar (default: bootstrap/target/tollgate.jar)
#
# Needs: a JDK >= 21 (found by .ci/select-jdk.sh), curl, python3; builds bootstrap/target/tollgate.jar when missing.
# Stops all it started.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=.ci/select-jdk.sh
source .ci/select-jdk.sh

STREAMS=${STREAMS:-200}
EVENTS=${EVENTS:-20}
GAP_MS=${GAP_MS:-10}
ROUNDS=${ROUNDS:-3}
WARMUP_ROUNDS=${WARMUP_ROUNDS:-}
START_TIMEOUT=${START_TIMEOUT:-60}   # seconds Tollgate gets to answer GET /api/status
TOLLGATE_JAVA_OPTS=${TOLLGATE_JAVA_OPTS:-}
DEFAULT_JAR=bootstrap/target/tollgate.jar
JAR=${JAR:-$DEFAULT_JAR}
for arg in "$@"; do
  case "$arg" in
    -h|--help) sed -n '2,15p' "$0"; exit 0 ;;
    *) echo "unknown argument: $arg (see --help)" >&2; exit 2 ;;
  esac
done

die() { echo "bench: ERROR: $*" >&2; exit 1; }
for tool in curl python3; do command -v "$tool" >/dev/null 2>&1 || die "$tool is required"; done
case "$STREAMS" in ''|*[!0-9]*) die "STREAMS must be a whole number, not '$STREAMS'" ;; esac
[ "$STREAMS" -ge 1 ] || die "STREAMS must be >= 1"
# The relay's code runs interpreted until the JIT has seen it often: a few hundred warm-up streams measure the
# interpreter (64 streams after 640 warm-up ones: TTFB overhead +37 ms; after 19,200: +4.8 ms).
# Default: rounds for 20,000 warm-up streams, at least 10 and at most 400 (a round lasts about EVENTS x GAP_MS).
warmup_default=$(( (20000 + STREAMS - 1) / STREAMS ))
[ "$warmup_default" -ge 10 ] || warmup_default=10
[ "$warmup_default" -le 400 ] || warmup_default=400
WARMUP_ROUNDS=${WARMUP_ROUNDS:-$warmup_default}
for setting in STREAMS EVENTS GAP_MS ROUNDS WARMUP_ROUNDS START_TIMEOUT; do
  case "${!setting}" in ''|*[!0-9]*) die "$setting must be a whole number, not '${!setting}'" ;; esac
done
[ "$STREAMS" -ge 1 ] && [ "$ROUNDS" -ge 1 ] && [ "$EVENTS" -ge 1 ] || die "STREAMS, ROUNDS and EVENTS must be >= 1"

if [ ! -f "$JAR" ]; then
  [ "$JAR" = "$DEFAULT_JAR" ] || die "JAR=$JAR does not exist"
  echo "bench: $JAR is missing; building it (mvn -DskipTests package)"
  mvn -B -q -ntp -DskipTests package || die "the build failed; fix it or build the jar with 'mvn -B -DskipTests package'"
  [ -f "$JAR" ] || die "the build ran but $JAR is still missing"
fi

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
out="bench/results/$(date -u +%Y%m%dT%H%M%SZ)-stream"
mkdir -p "$out"
work_dir=$(mktemp -d)
fake_port=$(free_port)
app_port=$(free_port)
while [ "$app_port" = "$fake_port" ]; do app_port=$(free_port); done
fake_url="http://127.0.0.1:$fake_port"
api="http://127.0.0.1:$app_port"

pids=()
stop_all() { # TERM everything started here, wait at most 20 s, then KILL what is left
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

wait_for() { # url seconds [pid]: until the url answers (any HTTP status), the time runs out, or pid dies
  local deadline=$((SECONDS + $2))
  until curl -s -o /dev/null --max-time 2 "$1"; do
    if [ -n "${3:-}" ] && ! kill -0 "$3" 2>/dev/null; then return 2; fi
    [ $SECONDS -lt $deadline ] || return 1
    sleep 0.2
  done
}

{
  echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "commit: $(git rev-parse --short HEAD 2>/dev/null || echo unknown)$(git diff --quiet 2>/dev/null || echo ' (with local changes)')"
  echo "cores: $(nproc)"
  echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "java: $(java -version 2>&1 | head -n 1)"
  echo "settings: STREAMS=$STREAMS EVENTS=$EVENTS GAP_MS=$GAP_MS ROUNDS=$ROUNDS WARMUP_ROUNDS=$WARMUP_ROUNDS"
  echo "TOLLGATE_JAVA_OPTS: $TOLLGATE_JAVA_OPTS"
} > "$out/meta.txt"

# (a) the load client, compiled once (both targets run the same classes)
javac -d "$work_dir/load" bench/StreamLoad.java || die "bench/StreamLoad.java did not compile"

# (b) the streaming fake upstream
java bench/StreamingUpstream.java "$fake_port" "$EVENTS" "$GAP_MS" > "$out/streaming-upstream.log" 2>&1 &
pids+=($!)
fake_pid=$!
if ! wait_for "$fake_url/" 30 "$fake_pid"; then
  cat "$out/streaming-upstream.log" >&2
  die "the streaming upstream did not start on $fake_url"
fi
direct_check=$(curl -s --max-time 5 "$fake_url/v1/chat/completions" -H 'Content-Type: application/json' \
  -d '{"model":"bench-model","messages":[{"role":"user","content":"hi"}]}')
case "$direct_check" in *'"prompt_tokens":12'*) ;; *) die "the streaming upstream answered: $direct_check" ;; esac
# one sample stream lasts about EVENTS x GAP_MS: the checks wait that long and 10 s more (slow streams, GAP_MS=1000)
sample_seconds=$(( EVENTS * GAP_MS / 1000 + 10 ))
direct_stream=$(curl -sN --max-time "$sample_seconds" "$fake_url/v1/chat/completions" -H 'Content-Type: application/json' \
  -d '{"model":"bench-model","stream":true,"messages":[{"role":"user","content":"hi"}]}')
case "$direct_stream" in *'data: [DONE]'*) ;; *) die "the streaming upstream streamed: $direct_stream" ;; esac

# (c) Tollgate, from a copy of the jar (a rebuild during the run does not disturb it), on a fresh data directory
cp "$JAR" "$work_dir/tollgate.jar"
password="bench-$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')"
TOLLGATE_DATA_DIR="$work_dir/data" TOLLGATE_PORT="$app_port" TOLLGATE_ROOT_PASSWORD="$password" \
  java $TOLLGATE_JAVA_OPTS -jar "$work_dir/tollgate.jar" > "$out/tollgate.log" 2>&1 &
pids+=($!)
tollgate_pid=$!
started=$SECONDS
if ! wait_for "$api/api/status" "$START_TIMEOUT" "$tollgate_pid"; then
  echo "bench: Tollgate did not answer $api/api/status within $START_TIMEOUT s (or exited); last 50 lines of its log:" >&2
  tail -n 50 "$out/tollgate.log" >&2
  exit 1
fi
# /api/status may answer before the in-memory views are caught up: wait (bounded) for the ready line.
for _ in $(seq 1 150); do grep -q "Tollgate is ready" "$out/tollgate.log" && break; sleep 0.2; done
echo "bench: Tollgate up on $api after $((SECONDS - started)) s"
echo "startup: $((SECONDS - started)) s to answer /api/status" >> "$out/meta.txt"

# (d) configuration through the admin API
call() { # method path body -> prints the body; dies with the status and body unless 2xx
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
call POST /api/v1/channels "{\"name\":\"fake\",\"type\":\"openai\",\"baseUrl\":\"$fake_url\",\"keys\":[\"sk-fake-upstream\"],\"models\":[\"bench-model\"],\"groups\":[\"default\"],\"priority\":0,\"weight\":1}" > /dev/null
key=$(call POST /api/v1/tokens '{"name":"bench","unlimitedQuota":true}' | field key)

# one request and one stream through the relay before measuring: a benchmark of error answers would be worthless
relay_ok=0
for _ in $(seq 1 25); do # the new channel and key reach the in-memory views within moments
  relay_check=$(curl -s --max-time 5 -w '\n%{http_code}' "$api/v1/chat/completions" -H "Authorization: Bearer $key" \
    -H 'Content-Type: application/json' -d '{"model":"bench-model","messages":[{"role":"user","content":"hi"}]}' || true)
  case "$relay_check" in *$'\n'200) relay_ok=1; break ;; esac
  sleep 0.2
done
if [ "$relay_ok" -ne 1 ]; then
  echo "bench: the relay answered: $relay_check" >&2
  tail -n 50 "$out/tollgate.log" >&2
  die "a request through Tollgate did not succeed; not measuring"
fi
relay_stream=$(curl -sN --max-time "$sample_seconds" "$api/v1/chat/completions" -H "Authorization: Bearer $key" \
  -H 'Content-Type: application/json' \
  -d '{"model":"bench-model","stream":true,"messages":[{"role":"user","content":"hi"}]}' || true)
printf '%s\n' "$relay_stream" > "$out/tollgate-sample-stream.txt"
case "$relay_stream" in
  *'data: [DONE]'*) ;;
  *) tail -n 50 "$out/tollgate.log" >&2; die "a stream through Tollgate did not end with [DONE]: $relay_stream" ;;
esac
grep -o '^event:.*\|"error"' "$out/tollgate-sample-stream.txt" >/dev/null \
  && die "the sample stream through Tollgate carries an error: $relay_stream"
echo "rss before the load (KiB): $(sed -n 's/^VmRSS:[[:space:]]*\([0-9]*\).*/\1/p' "/proc/$tollgate_pid/status")" \
  >> "$out/meta.txt"

# (e) the load: direct, then through Tollgate, back to back. The load client also reports the CPU time the
# upstream, Tollgate's JVM and its embedded PostgreSQL (the postmaster of its data directory and its children; the
# postmaster is detached from the JVM) used in the measured rounds.
descendants() { # pid -> all descendant pids, comma-separated
  local child
  for child in $(pgrep -P "$1" || true); do printf '%s,' "$child"; descendants "$child"; done
}
db_pids() { # the embedded PostgreSQL's processes, comma-separated (none with an external database)
  local postmaster
  postmaster=$(head -n 1 "$work_dir/data/postgres/postmaster.pid" 2>/dev/null || true)
  case "$postmaster" in ''|*[!0-9]*) return 0 ;; esac
  printf '%s,' "$postmaster"
  descendants "$postmaster"
}
run_load() { # name url key
  local fds
  fds=$(ulimit -n)
  [ "$fds" = unlimited ] || [ "$fds" -ge $((STREAMS * 2 + 256)) ] \
    || echo "bench: WARNING: only $fds file descriptors allowed (ulimit -n) for $STREAMS streams" >&2
  echo "bench: $1: $WARMUP_ROUNDS warm-up rounds, then $ROUNDS measured rounds of $STREAMS concurrent streams"
  java -cp "$work_dir/load" -Dstream.label="$1" -Dstream.warmup="$WARMUP_ROUNDS" -Dstream.events="$EVENTS" \
    -Dstream.cpu="upstream=$fake_pid;tollgate=$tollgate_pid;tollgate-db=$(descendants "$tollgate_pid")$(db_pids)" \
    StreamLoad "$2" "$3" bench-model "$STREAMS" "$ROUNDS" > "$out/$1.txt" 2>&1 \
    || { cat "$out/$1.txt" >&2; die "the load client failed against $2"; }
  grep -v '^RESULT' "$out/$1.txt" | grep -v 'warm-up round' | sed 's/^/  /'
}
run_load direct "$fake_url/v1/chat/completions" sk-direct
run_load tollgate "$api/v1/chat/completions" "$key"

# (f) Tollgate's memory and metrics after the run
sed -n 's/^\(VmRSS\|VmHWM\):[[:space:]]*\([0-9]*\).*/\1 \2/p' "/proc/$tollgate_pid/status" > "$out/tollgate-memory-kib.txt" || true
curl -s --max-time 5 -H "Authorization: Bearer $access_token" "$api/actuator/prometheus" > "$out/tollgate-prometheus.txt" || true
grep -c ' ERROR \| WARN ' "$out/tollgate.log" > "$out/tollgate-log-warnings.txt" || true

# (g) summary
python3 - "$out" "$EVENTS" "$GAP_MS" <<'PY'
import re, sys, pathlib
out, events, gap = pathlib.Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
def result(name):
    line = next(l for l in (out / f"{name}.txt").read_text().splitlines() if l.startswith("RESULT "))
    return {k: v for k, v in (kv.split("=", 1) for kv in line.split()[1:])}
d, t = result("direct"), result("tollgate")
f = lambda r, k: float(r[k])
mem = dict(l.split() for l in (out / "tollgate-memory-kib.txt").read_text().splitlines() if l.strip())
heap = None
prom = out / "tollgate-prometheus.txt"
if prom.exists():
    used = [float(m.group(1)) for m in re.finditer(r'^jvm_memory_used_bytes\{[^}]*area="heap"[^}]*\}\s+(\S+)', prom.read_text(), re.M)]
    heap = sum(used) / 2**20 if used else None
lines = [
    f"{d['streams']} concurrent streams x {d['rounds']} rounds, {events} events {gap} ms apart "
    f"(an ideal stream lasts {(events - 1) * gap} ms)",
    "",
    "| target | streams | completed | errors | TTFB p50 ms | TTFB p90 ms | TTFB p99 ms | total p50 ms | total p99 ms | first-to-last event p50 ms |",
    "|---|---|---|---|---|---|---|---|---|---|",
]
for name, r in (("direct to the streaming upstream", d), ("through Tollgate", t)):
    lines.append(f"| {name} | {r['requested']} | {r['completed']} | {r['errors']} | {f(r, 'ttfb_p50_ms'):.2f} | "
                 f"{f(r, 'ttfb_p90_ms'):.2f} | {f(r, 'ttfb_p99_ms'):.2f} | {f(r, 'total_p50_ms'):.1f} | "
                 f"{f(r, 'total_p99_ms'):.1f} | {f(r, 'spread_p50_ms'):.1f} |")
lines += [
    "",
    f"Tollgate overhead vs direct (same run): TTFB p50 {f(t, 'ttfb_p50_ms') - f(d, 'ttfb_p50_ms'):+.2f} ms, "
    f"TTFB p99 {f(t, 'ttfb_p99_ms') - f(d, 'ttfb_p99_ms'):+.2f} ms, total p50 {f(t, 'total_p50_ms') - f(d, 'total_p50_ms'):+.1f} ms",
    f"Tollgate resident memory after the run: VmRSS {int(mem.get('VmRSS', 0)) / 1024:.0f} MiB "
    f"(peak VmHWM {int(mem.get('VmHWM', 0)) / 1024:.0f} MiB)"
    + (f", heap in use {heap:.0f} MiB" if heap is not None else ""),
]
if "cpu_tollgate_ms" in t:
    n = int(t["requested"])
    c = lambda r, k: int(r.get(f"cpu_{k}_ms", 0))
    lines.append(f"CPU time in the measured rounds ({n} streams each): upstream {c(d, 'upstream') / 1000:.1f} s direct, "
                 f"{c(t, 'upstream') / 1000:.1f} s behind Tollgate; Tollgate's JVM {c(t, 'tollgate') / 1000:.1f} s "
                 f"({c(t, 'tollgate') / n:.2f} ms per stream), its PostgreSQL {c(t, 'tollgate-db') / 1000:.1f} s "
                 f"({c(t, 'tollgate-db') / n:.2f} ms per stream)")
for name, r in (("direct", d), ("Tollgate", t)):
    if int(r["errors"]):
        lines.append(f"WARNING: {r['errors']} streams failed {name} (see {name.lower()}.txt)")
    if f(r, "spread_p1_ms") < 0.5 * (events - 1) * gap:
        lines.append(f"WARNING: {name}: some streams arrived bunched (first-to-last content event p1 "
                     f"{f(r, 'spread_p1_ms'):.1f} ms, expected about {(events - 1) * gap} ms): buffering?")
summary = "\n".join(lines)
(out / "summary.md").write_text(summary + "\n")
print(summary)
PY
echo "bench: raw results in $out"
