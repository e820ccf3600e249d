#!/usr/bin/env bash
# Benchmark: non-streaming chat throughput and latency, directly against a fast fake OpenAI upstream and through
# Tollgate, side by side in one run, with wrk. wrk is closed-loop (N connections, each sending its next request as
# soon as the last answer arrived): it measures throughput at saturation and the latency at that load, not latency
# at a fixed request rate. Loopback only. Prints a summary and keeps the raw outputs under bench/results/<time>/.
#
#   bench/run.sh                                 # 20 s per target after a 10 s warm-up, 2 threads, 32 connections
#   DURATION=30s CONNECTIONS=64 bench/run.sh     # other settings: DURATION, WARMUP, THREADS, CONNECTIONS
#   bench/run.sh --nginx                         # also through an nginx reverse proxy (BRIEF §4's yardstick)
#   bench/run.sh --direct-only                   # only the fake upstream (no jar needed): the baseline
#   bench/run.sh --billing                       # Tollgate also with a key that has a quota cap: every request then
#                                                # records a reservation event besides its settlement (the default
#                                                # bench key is the root's unlimited key: settlement only)
#   JAR=/tmp/other/tollgate.jar bench/run.sh     # another jar (default: bootstrap/target/tollgate.jar)
#   KEY_LIMITS='"rpm":1000000000,"tpm":10000000000' bench/run.sh   # the bench key with rate limits (never
#                                                # reached: measures what checking them costs)
#   bench/run.sh --anthropic                     # Tollgate also with an Anthropic client (POST /v1/messages) on the
#                                                # same OpenAI channel: converted both ways, against pass-through
#   UPSTREAM=nginx bench/run.sh --nginx          # the upstream is nginx answering the same JSON from its config
#                                                # (default: bench/FakeUpstream.java, the JDK's HTTP server)
#   bench/run.sh --nginx --open-loop             # also open loop (bench/OpenLoad.java): RATE requests/s (default
#                                                # 1000) for OPEN_SECONDS (default 20) through nginx, then Tollgate;
#                                                # latency from when each request was due; Tollgate's added p50/p99
#
# Needs: a JDK >= 21 (found by .ci/select-jdk.sh), curl, python3; installs wrk (and, with --nginx, nginx) from
# Debian's packages when missing and builds bootstrap/target/tollgate.jar when missing (not another JAR). Stops all
# it started.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=.ci/select-jdk.sh
source .ci/select-jdk.sh

DURATION=${DURATION:-20s}
WARMUP=${WARMUP:-10s}
THREADS=${THREADS:-2}
CONNECTIONS=${CONNECTIONS:-32}
START_TIMEOUT=${START_TIMEOUT:-60}   # seconds Tollgate gets to answer GET /api/status
DEFAULT_JAR=bootstrap/target/tollgate.jar
JAR=${JAR:-$DEFAULT_JAR}
UPSTREAM=${UPSTREAM:-java}   # java: bench/FakeUpstream.java; nginx: a static nginx answering the same JSON
direct_only=0
with_nginx=0
billing=0
anthropic=0
open_loop=0
RATE=${RATE:-1000}
OPEN_SECONDS=${OPEN_SECONDS:-20}
for arg in "$@"; do
  case "$arg" in
    --direct-only) direct_only=1 ;;
    --nginx) with_nginx=1 ;;
    --billing) billing=1 ;;
    --anthropic) anthropic=1 ;;
    --open-loop) open_loop=1 ;;
    -h|--help) sed -n '2,26p' "$0"; exit 0 ;;
    *) echo "unknown argument: $arg (see --help)" >&2; exit 2 ;;
  esac
done

die() { echo "bench: ERROR: $*" >&2; exit 1; }
if [ "$direct_only" -eq 1 ] && { [ "$billing" -eq 1 ] || [ "$anthropic" -eq 1 ]; }; then
  die "--billing and --anthropic measure Tollgate; they cannot be combined with --direct-only"
fi
if [ "$open_loop" -eq 1 ] && { [ "$with_nginx" -eq 0 ] || [ "$direct_only" -eq 1 ]; }; then
  die "--open-loop compares Tollgate with nginx: it needs --nginx and cannot be combined with --direct-only"
fi
case "$UPSTREAM" in java|nginx) ;; *) die "UPSTREAM must be java or nginx, not '$UPSTREAM'" ;; esac
for tool in curl python3; do command -v "$tool" >/dev/null 2>&1 || die "$tool is required"; done

# (a) wrk (and nginx)
[ "$with_nginx" -eq 0 ] && [ "$UPSTREAM" = java ] || PATH="$PATH:/usr/sbin"
apt_updated=0
install_deb() { # command package
  command -v "$1" >/dev/null 2>&1 && return 0
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "bench: installing $2 (Debian package)"
  if [ "$apt_updated" -eq 0 ]; then $sudo apt-get update -qq; apt_updated=1; fi
  $sudo apt-get install -y -qq "$2" >/dev/null
  command -v "$1" >/dev/null 2>&1 || die "$2 could not be installed"
}
install_deb wrk wrk
[ "$with_nginx" -eq 0 ] && [ "$UPSTREAM" = java ] || install_deb nginx nginx-core

# (b) the jar
if [ "$direct_only" -eq 0 ] && [ ! -f "$JAR" ]; then
  [ "$JAR" = "$DEFAULT_JAR" ] || die "JAR=$JAR does not exist"
  echo "bench: $JAR is missing; building it (mvn -DskipTests package)"
  mvn -B -q -ntp -DskipTests package || die "the build failed; fix it or build the jar with 'mvn -B -DskipTests package'"
  [ -f "$JAR" ] || die "the build ran but $JAR is still missing"
fi

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
out="bench/results/$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$out"
work_dir=$(mktemp -d)
fake_port=$(free_port)
fake_url="http://127.0.0.1:$fake_port"
used_ports=" $fake_port "
new_port() { # a free port that none of the servers started here was given yet (sets the variable named $1)
  local port
  port=$(free_port)
  while [[ "$used_ports" == *" $port "* ]]; do port=$(free_port); done
  used_ports="$used_ports$port "
  printf -v "$1" '%s' "$port"
}

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
stop_one() { # pid: TERM it, wait at most 20 s until it has exited, then KILL it; it leaves the list of pids
  local pid=$1 p keep=() deadline=$((SECONDS + 20))
  kill "$pid" 2>/dev/null || true
  while kill -0 "$pid" 2>/dev/null && [ $SECONDS -lt $deadline ]; do sleep 0.2; done
  kill -9 "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  for p in "${pids[@]}"; do [ "$p" = "$pid" ] || keep+=("$p"); done
  pids=(${keep[@]+"${keep[@]}"})
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
  echo "java: $(java -version 2>&1 | head -n 1)"
  echo "wrk: $(wrk -v 2>&1 | head -n 1)"
  echo "settings: DURATION=$DURATION WARMUP=$WARMUP THREADS=$THREADS CONNECTIONS=$CONNECTIONS"
  [ "$direct_only" -eq 1 ] || echo "jar: $JAR ($(date -u -r "$JAR" +%Y-%m-%dT%H:%M:%SZ))"
  echo "upstream: $UPSTREAM"
  echo "load before the run: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)"
} > "$out/meta.txt"

# (c) the fake upstream
if [ "$UPSTREAM" = nginx ]; then
  # nginx answering every request with the same chat completion, from its configuration (no proxying)
  fng="$work_dir/fake-nginx"
  mkdir -p "$fng/tmp"
  cat > "$fng/nginx.conf" <<NGINX
daemon off;
master_process on;
worker_processes 1;
pid $fng/nginx.pid;
error_log $fng/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  keepalive_requests 1000000;
  client_body_temp_path $fng/tmp/body;
  proxy_temp_path $fng/tmp/proxy;
  fastcgi_temp_path $fng/tmp/fastcgi;
  uwsgi_temp_path $fng/tmp/uwsgi;
  scgi_temp_path $fng/tmp/scgi;
  server {
    listen 127.0.0.1:$fake_port;
    location / {
      default_type application/json;
      return 200 '{"id":"chatcmpl-bench","object":"chat.completion","created":1700000000,"model":"bench-model","choices":[{"index":0,"message":{"role":"assistant","content":"Hello from the benchmark upstream."},"finish_reason":"stop"}],"usage":{"prompt_tokens":12,"completion_tokens":8,"total_tokens":20}}';
    }
  }
}
NGINX
  cp "$fng/nginx.conf" "$out/fake-upstream-nginx.conf"
  nginx -p "$fng" -e "$fng/error.log" -c "$fng/nginx.conf" > "$out/fake-upstream.log" 2>&1 &
else
  java bench/FakeUpstream.java "$fake_port" > "$out/fake-upstream.log" 2>&1 &
fi
pids+=($!)
fake_pid=$!
if ! wait_for "$fake_url/" 30 "$fake_pid"; then
  cat "$out/fake-upstream.log" >&2
  die "the fake upstream did not start on $fake_url"
fi
direct_check=$(curl -s --max-time 5 "$fake_url/v1/chat/completions" -H 'Content-Type: application/json' \
  -d '{"model":"bench-model","messages":[{"role":"user","content":"hi"}]}')
case "$direct_check" in *'"prompt_tokens":12'*) ;; *) die "the fake upstream answered: $direct_check" ;; esac

if [ "$with_nginx" -eq 1 ]; then
  # nginx as a plain reverse proxy to the same fake upstream: keep-alive on both sides, no access log
  new_port nginx_port
  nginx_url="http://127.0.0.1:$nginx_port"
  ngx="$work_dir/nginx"
  mkdir -p "$ngx/tmp"
  cat > "$ngx/nginx.conf" <<NGINX
daemon off;
master_process on;
worker_processes auto;
pid $ngx/nginx.pid;
error_log $ngx/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path $ngx/tmp/body;
  proxy_temp_path $ngx/tmp/proxy;
  fastcgi_temp_path $ngx/tmp/fastcgi;
  uwsgi_temp_path $ngx/tmp/uwsgi;
  scgi_temp_path $ngx/tmp/scgi;
  upstream fake { server 127.0.0.1:$fake_port; keepalive 64; }
  server {
    listen 127.0.0.1:$nginx_port;
    location / {
      proxy_pass http://fake;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
    }
  }
}
NGINX
  cp "$ngx/nginx.conf" "$out/nginx.conf"
  nginx -p "$ngx" -e "$ngx/error.log" -c "$ngx/nginx.conf" > "$out/nginx.log" 2>&1 &
  pids+=($!)
  nginx_pid=$!
  if ! wait_for "$nginx_url/" 10 "$nginx_pid"; then
    cat "$out/nginx.log" "$ngx/error.log" >&2 2>/dev/null || true
    die "nginx did not start on $nginx_url"
  fi
  echo "nginx: $(nginx -v 2>&1)" >> "$out/meta.txt"
fi

run_wrk() { # name url duration key [wrk script, default bench/chat.lua]
  BENCH_KEY="$4" wrk -t"$THREADS" -c"$CONNECTIONS" -d"$3" --latency -s "${5:-bench/chat.lua}" "$2" > "$out/$1.txt" 2>&1 \
    || { cat "$out/$1.txt" >&2; die "wrk failed against $2"; }
}

# (d) Tollgate: started from a copy of the jar (a rebuild during the run does not disturb it), each on a fresh data
# directory and its own free port, then configured through the admin API
[ "$direct_only" -eq 1 ] || cp "$JAR" "$work_dir/tollgate.jar"
call() { # method path body -> prints the body; dies with the status and body unless 2xx
  local response status
  response=$(curl -s --max-time 10 -w '\n%{http_code}' -X "$1" "$api$2" -H 'Content-Type: application/json' \
    ${access_token:+-H "Authorization: Bearer $access_token"} -d "$3") || die "$1 $2: no answer"
  status=${response##*$'\n'}
  response=${response%$'\n'*}
  case "$status" in 2??) printf '%s' "$response" ;; *) die "$1 $2 answered $status: $response" ;; esac
}
field() { python3 -c "import sys, json; print(json.load(sys.stdin)['$1'])"; }

start_tollgate() { # name [program arguments...]: starts and configures one Tollgate; sets tollgate_pid, api and key
  local name=$1 app_port password started relay_ok relay_check label
  shift
  label=${name#tollgate}; label=${label#-}
  new_port app_port
  api="http://127.0.0.1:$app_port"
  password="bench-$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')"
  mkdir -p "$work_dir/$name"
  TOLLGATE_DATA_DIR="$work_dir/$name/data" TOLLGATE_PORT="$app_port" TOLLGATE_ROOT_PASSWORD="$password" \
    java ${TOLLGATE_JAVA_OPTS:-} -jar "$work_dir/tollgate.jar" "$@" > "$out/$name.log" 2>&1 &
  pids+=($!)
  tollgate_pid=$!
  started=$SECONDS
  if ! wait_for "$api/api/status" "$START_TIMEOUT" "$tollgate_pid"; then
    echo "bench: Tollgate${label:+ ($label)} did not answer $api/api/status within $START_TIMEOUT s (or exited); last 50 lines of its log:" >&2
    tail -n 50 "$out/$name.log" >&2
    exit 1
  fi
  # /api/status may answer before the in-memory views are caught up: wait (bounded) for the ready line.
  for _ in $(seq 1 150); do grep -q "Tollgate is ready" "$out/$name.log" && break; sleep 0.2; done
  echo "bench: Tollgate${label:+ ($label${*:+, $*})} up on $api after $((SECONDS - started)) s"
  echo "startup${label:+ ($label)}: $((SECONDS - started)) s to answer /api/status${*:+ (arguments: $*)}" >> "$out/meta.txt"

  # (e) configuration through the admin API
  access_token=""
  access_token=$(call POST /api/v1/auth/login "{\"username\":\"root\",\"password\":\"$password\"}" | field accessToken)
  call PUT /api/v1/prices/bench-model '{"input":1000000,"output":2000000}' > /dev/null
  call POST /api/v1/channels "{\"name\":\"fake\",\"type\":\"openai\",\"baseUrl\":\"$fake_url\",\"keys\":[\"sk-fake-upstream\"],\"models\":[\"bench-model\"],\"groups\":[\"default\"],\"priority\":0,\"weight\":1}" > /dev/null
  key=$(call POST /api/v1/tokens "{\"name\":\"bench\",\"unlimitedQuota\":true${KEY_LIMITS:+,$KEY_LIMITS}}" | field key)
  [ "$billing" -eq 0 ] || key_capped=$(call POST /api/v1/tokens '{"name":"bench-capped","quota":1000000000000}' | field key)

  # one request through the relay before measuring: a benchmark of error answers would be worthless
  relay_ok=0
  for _ in $(seq 1 25); do # the new channel and key reach the in-memory views within moments
    relay_check=$(curl -s --max-time 5 -w '\n%{http_code}' "$api/v1/chat/completions" -H "Authorization: Bearer $key" \
      -H 'Content-Type: application/json' -d '{"model":"bench-model","messages":[{"role":"user","content":"hi"}]}' || true)
    case "$relay_check" in *$'\n'200) relay_ok=1; break ;; esac
    sleep 0.2
  done
  if [ "$relay_ok" -ne 1 ]; then
    echo "bench: the relay answered: $relay_check" >&2
    tail -n 50 "$out/$name.log" >&2
    die "a request through Tollgate${label:+ ($label)} did not succeed; not measuring"
  fi
}

cpu_ms() { # pid...: CPU time (user + system, all threads) the processes and all their descendants (the embedded
  # PostgreSQL's backends, nginx's workers) have used, in ms
  local tick total=0 p
  tick=$(getconf CLK_TCK)
  for p in $(ps -e -o pid=,ppid= | awk -v roots="$*" '
      BEGIN { n = split(roots, r, " "); for (i = 1; i <= n; i++) keep[r[i]] = 1 }
      { parent[$1] = $2 }
      END { do { added = 0; for (c in parent) if (!(c in keep) && (parent[c] in keep)) { keep[c] = 1; added = 1 } } while (added)
            for (k in keep) print k }'); do
    [ -r "/proc/$p/stat" ] || continue
    # utime and stime, counted after the command name (which may hold spaces)
    total=$((total + $(sed 's/^.*) //' "/proc/$p/stat" | awk '{print $12 + $13}')))
  done
  echo $((total * 1000 / tick))
}

measure_cpu() { # name pid... -- wrk arguments: runs wrk and writes the CPU the processes used to <name>-cpu-ms.txt
  local name=$1 before after pids=()
  shift
  while [ "$1" != "--" ]; do pids+=("$1"); shift; done
  shift
  before=$(cpu_ms "${pids[@]}")
  run_wrk "$name" "$@"
  after=$(cpu_ms "${pids[@]}")
  echo $((after - before)) > "$out/$name-cpu-ms.txt"
}

after_tollgate_run() { # name: keeps Tollgate's resident memory and metrics after its measured run
  ps -o rss= -p "$tollgate_pid" > "$out/$1-rss-kib.txt" || true
  curl -s --max-time 5 -H "Authorization: Bearer $access_token" "$api/actuator/prometheus" > "$out/$1-prometheus.txt" || true
}

# one Tollgate, started before the warm-up and measured after direct (and nginx)
[ "$direct_only" -eq 1 ] || start_tollgate tollgate

# (f) warm-up, then the measured runs, one after the other
echo "bench: warming up ($WARMUP per target)"
run_wrk warmup-direct "$fake_url/v1/chat/completions" "$WARMUP" sk-direct
[ "$with_nginx" -eq 0 ] || run_wrk warmup-nginx "$nginx_url/v1/chat/completions" "$WARMUP" sk-direct
[ "$direct_only" -eq 1 ] || run_wrk warmup-tollgate "$api/v1/chat/completions" "$WARMUP" "$key"
[ "$billing" -eq 0 ] || run_wrk warmup-tollgate-capped "$api/v1/chat/completions" "$WARMUP" "$key_capped"
[ "$anthropic" -eq 0 ] || run_wrk warmup-tollgate-anthropic "$api/v1/messages" "$WARMUP" "$key" bench/anthropic.lua
echo "bench: measuring direct to the fake upstream ($DURATION, $THREADS threads, $CONNECTIONS connections)"
run_wrk direct "$fake_url/v1/chat/completions" "$DURATION" sk-direct
if [ "$with_nginx" -eq 1 ]; then
  echo "bench: measuring through nginx ($DURATION, $THREADS threads, $CONNECTIONS connections)"
  measure_cpu nginx "$nginx_pid" -- "$nginx_url/v1/chat/completions" "$DURATION" sk-direct
fi
if [ "$direct_only" -eq 0 ]; then
  echo "bench: measuring through Tollgate ($DURATION, $THREADS threads, $CONNECTIONS connections)"
  measure_cpu tollgate "$tollgate_pid" -- "$api/v1/chat/completions" "$DURATION" "$key"
  if [ "$billing" -eq 1 ]; then
    echo "bench: measuring through Tollgate with a capped key (reservation events) ($DURATION)"
    run_wrk tollgate-capped "$api/v1/chat/completions" "$DURATION" "$key_capped"
  fi
  if [ "$anthropic" -eq 1 ]; then
    echo "bench: measuring an Anthropic client through Tollgate on the OpenAI channel ($DURATION)"
    run_wrk tollgate-anthropic "$api/v1/messages" "$DURATION" "$key" bench/anthropic.lua
  fi
  if [ "$open_loop" -eq 1 ]; then
    sleep 5 # what the saturated runs left to store is stored first
    echo "bench: open loop, $RATE requests/s for $OPEN_SECONDS s through nginx, then through Tollgate"
    java bench/OpenLoad.java "$nginx_url/v1/chat/completions" sk-direct "$RATE" 5 > /dev/null
    java bench/OpenLoad.java "$nginx_url/v1/chat/completions" sk-direct "$RATE" "$OPEN_SECONDS" > "$out/open-nginx.txt"
    java bench/OpenLoad.java "$api/v1/chat/completions" "$key" "$RATE" 5 > /dev/null
    open_cpu_before=$(cpu_ms "$tollgate_pid")
    java bench/OpenLoad.java "$api/v1/chat/completions" "$key" "$RATE" "$OPEN_SECONDS" > "$out/open-tollgate.txt"
    echo $(($(cpu_ms "$tollgate_pid") - open_cpu_before)) > "$out/open-tollgate-cpu-ms.txt"
  fi
  after_tollgate_run tollgate
fi

# (g) summary
python3 - "$out" <<'PY'
import re, sys, pathlib
out = pathlib.Path(sys.argv[1])
def parse(name):
    text = (out / f"{name}.txt").read_text()
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
    def ms(p):
        m = re.search(rf"^\s+{p}(?:\.0+)?%\s+([\d.]+)(us|ms|s)\b", text, re.M)
        v, unit = float(m.group(1)), m.group(2)
        return v / 1000 if unit == "us" else v * 1000 if unit == "s" else v
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
    sock = re.search(r"Socket errors: (.*)", text)
    return rps, ms(50), ms(90), ms(99), int(non2xx.group(1)) if non2xx else 0, sock.group(1).strip() if sock else "none"
names = {"direct": "direct to the fake upstream", "nginx": "through nginx", "tollgate": "through Tollgate",
         "tollgate-capped": "through Tollgate, capped key (reservation events)",
         "tollgate-anthropic": "through Tollgate, Anthropic client on the OpenAI channel (converted)"}
runs = {k: parse(k) for k in names if (out / f"{k}.txt").exists()}
lines = ["| target | req/s | p50 ms | p90 ms | p99 ms | non-2xx | socket errors |", "|---|---|---|---|---|---|---|"]
for k, r in runs.items():
    lines.append(f"| {names[k]} | {r[0]:,.0f} | {r[1]:.2f} | {r[2]:.2f} | {r[3]:.2f} | {r[4]} | {r[5]} |")
d = runs["direct"]
tollgates = [k for k in ("tollgate",) if k in runs]
notes = []
for k in ["nginx"] + tollgates:
    if k in runs:
        r = runs[k]
        notes.append(f"{names[k]}: throughput / direct {r[0] / d[0]:.3f}; added latency at saturation "
                     f"p50 {r[1] - d[1]:+.2f} ms, p99 {r[3] - d[3]:+.2f} ms")
        if r[4] or r[5] != "none":
            notes.append(f"WARNING: the run {names[k]} had {r[4]} non-2xx answers, socket errors: {r[5]} (see {k}.txt)")
def cpu_per_1000(name):
    cpu, text = out / f"{name}-cpu-ms.txt", (out / f"{name}.txt").read_text()
    done = re.search(r"(\d+) requests in", text)
    return int(cpu.read_text()) * 1000 / int(done.group(1)) if cpu.exists() and done and int(done.group(1)) else None
cpu = {k: cpu_per_1000(k) for k in ("nginx", "tollgate") if k in runs}
for k, v in cpu.items():
    if v is not None:
        notes.append(f"{names[k]}: {v:,.0f} ms of CPU per 1,000 requests (the process and its descendants while measured"
                     + (", the embedded PostgreSQL included)" if k == "tollgate" else ")"))
if cpu.get("nginx") and cpu.get("tollgate"):
    notes.append(f"CPU per request, Tollgate / nginx: {cpu['tollgate'] / cpu['nginx']:.1f}x")
if "nginx" in runs:
    for k in tollgates:
        label = "Tollgate" if k == "tollgate" else f"Tollgate ({k.split('-', 1)[1]})"
        notes.append(f"throughput ratio {label} / nginx: {runs[k][0] / runs['nginx'][0]:.3f} (BRIEF §4 target: >= 0.5)")
if "tollgate" in runs and "tollgate-capped" in runs:
    u, c = runs["tollgate"], runs["tollgate-capped"]
    notes.append(f"billing, capped key / unlimited key: throughput ratio {c[0] / u[0]:.3f}; latency capped - unlimited "
                 f"p50 {c[1] - u[1]:+.2f} ms, p99 {c[3] - u[3]:+.2f} ms")
if "tollgate" in runs and "tollgate-anthropic" in runs:
    u, a = runs["tollgate"], runs["tollgate-anthropic"]
    notes.append(f"Anthropic client on the OpenAI channel / OpenAI pass-through: throughput ratio {a[0] / u[0]:.3f} "
                 f"(target >= 0.8); latency p50 {a[1] - u[1]:+.2f} ms, p99 {a[3] - u[3]:+.2f} ms")
def open_run(name):
    f = out / f"open-{name}.txt"
    return dict(kv.split("=") for kv in f.read_text().split()) if f.exists() else None
on, ot = open_run("nginx"), open_run("tollgate")
if on and ot:
    lines += ["", "| open loop | sent | errors | achieved req/s | p50 ms | p90 ms | p99 ms | p99.9 ms | max ms |",
              "|---|---|---|---|---|---|---|---|---|"]
    for label, r in (("through nginx", on), ("through Tollgate", ot)):
        lines.append(f"| {label} | {r['sent']} | {r['errors']} | {float(r['achieved_rps']):,.0f} | {r['p50_ms']} | "
                     f"{r['p90_ms']} | {r['p99_ms']} | {r['p999_ms']} | {r['max_ms']} |")
    open_cpu = out / "open-tollgate-cpu-ms.txt"
    if open_cpu.exists() and int(ot["sent"]):
        notes.append(f"open loop through Tollgate: {int(open_cpu.read_text()) * 1000 / int(ot['sent']):,.0f} ms of CPU per "
                     "1,000 requests at the fixed rate (the process and its descendants, the embedded PostgreSQL included)")
    notes.append(f"open loop at {float(on['achieved_rps']):,.0f} req/s: Tollgate's added latency over nginx p50 "
                 f"{float(ot['p50_ms']) - float(on['p50_ms']):+.3f} ms, p99 {float(ot['p99_ms']) - float(on['p99_ms']):+.3f} ms "
                 f"(target: p50 <= 1 ms, p99 <= 5 ms)")
if notes:
    lines += [""] + notes
summary = "\n".join(lines)
(out / "summary.md").write_text(summary + "\n")
print(summary)
PY
echo "bench: raw results in $out"
