#!/usr/bin/env bash
# Fault: a full disk under the embedded database (issue 20 §2). One Tollgate node (the built jar) with its embedded
# PostgreSQL in a data directory on a tmpfs of SIZE_MB; under load, after 10 s, a file fills every byte left for
# FULL_FOR seconds, then is deleted. Reports /actuator/health and an admin write meanwhile, what the load got, and
# afterwards: answered against charged, reconciliation, and a restart of the node on the same data directory (the
# database starts and the key's usedQuota is what it was). Needs root (mount) and the built jar. Loopback only.
#   SIZE_MB=600 RATE=10 FULL_FOR=20 bench/faults/disk-full.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
source .ci/select-jdk.sh
source bench/faults/lib.sh
SIZE_MB=${SIZE_MB:-600}; RATE=${RATE:-10}; FULL_FOR=${FULL_FOR:-20}; JAR=${JAR:-bootstrap/target/tollgate.jar}
[ "$(id -u)" -eq 0 ] || die "needs root to mount a tmpfs"
[ -f "$JAR" ] || die "no $JAR: mvn -o -B package -pl bootstrap -am -DskipTests"
out="bench/results/$(date -u +%Y%m%dT%H%M%SZ)-disk-full"; mkdir -p "$out"
data=$(mktemp -d /tmp/tollgate-disk-full.XXXXXX)
mount -t tmpfs -o "size=${SIZE_MB}m" tmpfs "$data"
ROOT_PASSWORD="disk-full-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
NODES=1; NODE1_PORT=$(free_port); BASE_URL="http://127.0.0.1:$NODE1_PORT"; api=$BASE_URL
node_pid=""; fake_pid=""
start_node() {
  TOLLGATE_ROOT_PASSWORD=$ROOT_PASSWORD java -Xmx384m -XX:+ExitOnOutOfMemoryError -jar "$JAR" \
    --server.port="$NODE1_PORT" --tollgate.data-dir="$data" --tollgate.channels.private-hosts-allowed=127.0.0.1 \
    >> "$out/node.log" 2>&1 &
  node_pid=$!
  for _ in $(seq 1 600); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$BASE_URL/actuator/health/readiness")" = 200 ] && return 0
    kill -0 "$node_pid" 2>/dev/null || die "the node exited (log: $out/node.log)"
    sleep 0.5
  done
  die "the node did not get ready"
}
stop_node() { [ -z "$node_pid" ] || { kill "$node_pid" 2>/dev/null || true; wait "$node_pid" 2>/dev/null || true; }; }
cleanup() {
  rm -f "$data/filler"
  [ -z "$fake_pid" ] || kill "$fake_pid" 2>/dev/null || true
  stop_node
  umount "$data" 2>/dev/null || umount -l "$data" || true
  rmdir "$data" 2>/dev/null || true
}
trap cleanup EXIT
start_node
DB_PORT=$(cat "$data/postgres.port")
psql_cluster() { psql -X -q -t -A -h 127.0.0.1 -p "$DB_PORT" -U postgres -d tollgate -c "$1"; }
start_fake_upstream
login
model="diskfull-$(date +%s)"
setup_relay "$model" 1000000000
seconds=$((FULL_FOR + 40))
start_load "$key" "$model" "$RATE" "$seconds" 0.1 "$out"
sleep 10
echo "disk-full: $(df -m --output=used,avail "$data" | tail -1) MiB used/free before filling" | tee "$out/during.txt"
dd if=/dev/zero of="$data/filler" bs=1M status=none 2>/dev/null || true
filled_at=$SECONDS
echo "disk-full: data directory full ($(df -m --output=avail "$data" | tail -1 | tr -d ' ') MiB free)" >&2
while [ $((SECONDS - filled_at)) -lt "$FULL_FOR" ]; do
  echo "t+$((SECONDS - filled_at))s health: $(curl -s -w ' %{http_code}' --max-time 5 "$BASE_URL/actuator/health")" >> "$out/during.txt"
  sleep 4
done
echo "admin write (PUT a price) while full: $(curl -s --max-time 15 -X PUT "$BASE_URL/api/v1/prices/disk-full-probe" -H "Authorization: Bearer $access_token" -H 'Content-Type: application/json' -d '{"input":1,"output":1}' -w ' -> %{http_code} %{content_type}' | cut -c1-300)" >> "$out/during.txt"
rm -f "$data/filler"
freed_at=$SECONDS
echo "disk-full: space back after ${FULL_FOR}s" >&2
healthy_after=""
while [ $((SECONDS - freed_at)) -lt 120 ]; do
  [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "$BASE_URL/actuator/health")" = 200 ] && { healthy_after=$((SECONDS - freed_at)); break; }
  sleep 1
done
wait "$load_pid" || true
sleep 3
read -r open drifts waited <<< "$(reconcile_until_closed 90)"
answered=$(answered_of "$out")
charged=$(charged_of "$token_id")
used_before=$(call GET "/api/v1/tokens/$token_id" | json "['usedQuota']")
grep -E "PANIC|No space left|could not (write|extend)" "$out/node.log" | head -5 > "$out/postgres-errors.txt" || true
stop_node
start_node
login
used_after=$(call GET "/api/v1/tokens/$token_id" | json "['usedQuota']")
{
  echo "settings: one node, embedded PostgreSQL on a ${SIZE_MB} MiB tmpfs, rate ${RATE}/s for ${seconds}s, disk full from 10 s for ${FULL_FOR}s"
  cat "$out/load.txt"; cat "$out/during.txt"
  echo "health 200 again ${healthy_after:-never (within 120)} s after the space came back"
  echo "database errors in the log (first 5):"; cat "$out/postgres-errors.txt"
  echo "answered $answered; charged $charged; usage records by outcome: $(outcomes_of "$token_id")"
  echo "reconciliation: open $open, drifts $drifts"
  echo "restart on the same data directory: ready; key usedQuota $used_before before, $used_after after"
} | tee "$out/summary.txt"
