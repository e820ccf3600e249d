# Helpers shared by bench/fuzz.sh and the fault scripts under bench/faults/ (sourced, not run). They work on the
# cluster that bench/cluster.sh up started (its variables come from `bench/cluster.sh env`). Loopback only.
die() { echo "${0##*/}: ERROR: $*" >&2; exit 1; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
json() { python3 -c "import sys, json; d=json.load(sys.stdin); print(eval('d' + sys.argv[1]))" "$1"; }

# the running cluster's variables: BASE_URL, ROOT_PASSWORD, NODES, NODE<n>_PORT, CLUSTER_DIR, ...
cluster_env() {
  local env
  env=$(bench/cluster.sh env) || die "no cluster: start one with bench/cluster.sh up"
  eval "$env"
  api=$BASE_URL
}

call() { # method path [body] -> body; dies unless 2xx. Uses $api and $access_token.
  local response status
  response=$(curl -s --max-time 30 -w '\n%{http_code}' -X "$1" "$api$2" -H 'Content-Type: application/json' \
    ${access_token:+-H "Authorization: Bearer $access_token"} ${3:+-d "$3"}) || die "$1 $2: no answer"
  status=${response##*$'\n'}
  response=${response%$'\n'*}
  case "$status" in 2??) printf '%s' "$response" ;; *) die "$1 $2 answered $status: $response" ;; esac
}

login() { access_token=""; access_token=$(call POST /api/v1/auth/login "{\"username\":\"root\",\"password\":\"$ROOT_PASSWORD\"}" | json "['accessToken']"); }

# starts a fake upstream (bench/FakeUpstream.java, or $1 with its arguments): sets fake_url, fake_pid
start_fake_upstream() {
  local port
  port=$(free_port)
  fake_url="http://127.0.0.1:$port"
  java "${1:-bench/FakeUpstream.java}" "$port" "${@:2}" > "$out/fake-upstream.log" 2>&1 &
  fake_pid=$!
  for _ in $(seq 1 150); do curl -s -o /dev/null --max-time 1 "$fake_url/" && return 0; sleep 0.2; done
  die "the fake upstream did not start"
}

# prices MODEL (1 unit per prompt token, 2 per completion token: 28 units a request of the fake upstream), adds a
# channel to $fake_url serving it and a key with QUOTA (and EXTRA fields of the key's JSON, e.g. ',"rpm":600'): sets
# key, token_id
setup_relay() { # model quota [extra]
  call PUT "/api/v1/prices/$1" '{"input":1000000,"output":2000000}' > /dev/null
  call POST /api/v1/channels "{\"name\":\"fake-$1\",\"type\":\"openai\",\"baseUrl\":\"$fake_url\",\"keys\":[\"sk-fake\"],\"models\":[\"$1\"],\"groups\":[\"default\"],\"priority\":0,\"weight\":1}" > /dev/null
  local token
  token=$(call POST /api/v1/tokens "{\"name\":\"$1\",\"quota\":$2${3:-}}")
  key=$(printf '%s' "$token" | json "['key']")
  token_id=$(printf '%s' "$token" | json "['id']")
  # every node learns of the channel and the key from the event store within moments
  local n ok port
  for n in $(seq 1 "$NODES"); do
    port=$(eval echo "\$NODE${n}_PORT")
    ok=0
    for _ in $(seq 1 50); do
      [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/v1/models" -H "Authorization: Bearer $key")" = 200 ] && { ok=1; break; }
      sleep 0.2
    done
    [ "$ok" = 1 ] || die "node $n does not know the new key"
  done
}

# the key's usedQuota and its usage totals (requests, cost) once every node flushed: "used requests cost"
token_totals() { # token_id
  local used usage
  used=$(call GET "/api/v1/tokens/$1" | json "['usedQuota']")
  usage=$(call GET "/api/v1/usage?tokenId=$1&size=1")
  echo "$used $(printf '%s' "$usage" | json "['totals']['requests']") $(printf '%s' "$usage" | json "['totals']['cost']")"
}

node_rss_kb() { # n
  ps -o rss= -p "$(cat "$CLUSTER_DIR/node$1.pid" 2>/dev/null)" 2>/dev/null | tr -d ' ' || echo 0
}

# runs FaultLoad in the background: sets load_pid. Args: key model rate seconds stream-share dir
start_load() {
  java bench/faults/FaultLoad.java "$BASE_URL" "$1" "$2" "$3" "$4" "$5" "$6" > "$6/load.out" 2>&1 &
  load_pid=$!
}

# polls the reconciliation until no reservation is open: prints "open drifts seconds-waited"
reconcile_until_closed() { # max-seconds
  local started=$SECONDS report open drifts
  while :; do
    report=$(call POST /api/v1/admin/reconciliations '{}')
    open=$(printf '%s' "$report" | json "['openReservations']")
    drifts=$(printf '%s' "$report" | json "['drifts'].__len__()")
    if [ "$open" = 0 ] || [ $((SECONDS - started)) -ge "$1" ]; then echo "$open $drifts $((SECONDS - started))"; return; fi
    sleep 1
  done
}

answered_of() { sed -n 's/.*; answered \([0-9]*\);.*/\1/p' "$1/load.txt"; }

# requests answered in full that started in the load's seconds FROM..TO-1 (timeline.csv)
answered_between() { # dir from to
  awk -F, -v from="$2" -v to="$3" 'NR > 1 && $1 >= from && $1 < to { ok += $3 } END { print ok + 0 }' "$1/timeline.csv"
}

# JVM figures of one node from /actuator/prometheus (as root): "live-threads heap-used-MiB"
node_jvm() { # n
  local port metrics
  port=$(eval echo "\$NODE${1}_PORT")
  metrics=$(curl -s --max-time 5 "http://127.0.0.1:$port/actuator/prometheus" -H "Authorization: Bearer $access_token")
  printf '%s' "$metrics" | python3 -c '
import sys
threads = heap = 0.0
for line in sys.stdin:
    if line.startswith("jvm_threads_live_threads"): threads = float(line.split()[-1])
    elif line.startswith("jvm_memory_used_bytes") and "area=\"heap\"" in line: heap += float(line.split()[-1])
print(int(threads), int(heap / 1048576))'
}

psql_cluster() { PGPASSWORD=$DB_PASSWORD psql -X -q -t -A -h 127.0.0.1 -p "$DB_PORT" -U tollgate -d tollgate -c "$1"; }
# the key's usage records by outcome ("outcome=count/cost ...") and the number that were charged (cost > 0)
outcomes_of() { psql_cluster "select string_agg(outcome || '=' || n || '/' || c, ' ') from (select outcome, count(*) n, sum(cost) c from usage_record where token_id = '$1' group by outcome order by outcome) o"; }
charged_of() { psql_cluster "select count(*) from usage_record where token_id = '$1' and cost > 0"; }
