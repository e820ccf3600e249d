#!/usr/bin/env bash
# Builds Tollgate (if needed) and starts it on port 3000 (TOLLGATE_PORT) with an embedded PostgreSQL under
# ./data (TOLLGATE_DATA_DIR), unless TOLLGATE_DB_URL points at a PostgreSQL of your own.
#
# On a JDK 25 or newer it starts from an ahead-of-time class cache (JEP 483/514): after each build the jar is
# extracted under bootstrap/target/aot and one training start, on a throwaway embedded database in a temporary
# folder (never your data or your database), records the classes Tollgate loads (and a second one checks the cache works); later starts map them instead of
# loading and linking them again. TOLLGATE_AOT=0 starts from the plain jar; so does any failure of the training.
set -euo pipefail
cd "$(dirname "$0")"
# shellcheck source=.ci/select-jdk.sh
source .ci/select-jdk.sh
jar=bootstrap/target/tollgate.jar
if [ ! -f "$jar" ] || [ -n "$(find . -path ./data -prune -o \( -name '*.java' -o -name 'pom.xml' -o -name '*.yml' -o -name '*.yaml' \) -newer "$jar" -print -quit)" ]; then
  mvn -B -q -ntp -DskipTests package
fi

major=$(java -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = \([0-9][0-9]*\).*/\1/p' | head -n 1)
aot_dir=bootstrap/target/aot
aot_jar=$aot_dir/tollgate.jar
aot_cache=$aot_dir/tollgate.aot
if [ "${TOLLGATE_AOT:-1}" != 0 ] && [ "${major:-0}" -ge 25 ]; then
  if [ ! -f "$aot_cache" ] || [ "$jar" -nt "$aot_cache" ]; then
    echo "run.sh: preparing the start-up cache for this build (once per build, about two starts' time)" >&2
    rm -rf "$aot_dir"
    train_dir=$(mktemp -d)
    # a start on a throwaway database that stops once it is up: first recording the cache, then trying it
    throwaway_start() {
      local status=0
      java "$@" -Xlog:aot*=off -Xlog:cds*=off -Dspring.context.exit=onRefresh -jar "$aot_jar" --server.port=0 \
        --tollgate.data-dir="$train_dir/data" --tollgate.db.url= --spring.datasource.url= \
        --tollgate.root-password="training-$RANDOM$RANDOM$RANDOM$RANDOM" --tollgate.prices.load-defaults=false \
        >>"$train_dir/training.log" 2>&1 || status=$?
      stop_throwaway_postgres
      return "$status"
    }
    # a start that exits on refresh does not close the application, so its embedded PostgreSQL outlives it: stop it
    stop_throwaway_postgres() {
      local pid_file="$train_dir/data/postgres/postmaster.pid" pid
      [ -f "$pid_file" ] || return 0
      pid=$(head -n 1 "$pid_file")
      case "$pid" in ''|*[!0-9]*) return 0 ;; esac
      kill -TERM "$pid" 2>/dev/null || return 0
      for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.1; done
    }
    if java -Djarmode=tools -jar "$jar" extract --destination "$aot_dir" >/dev/null 2>&1 \
        && throwaway_start -XX:AOTCacheOutput="$aot_cache" && [ -f "$aot_cache" ] \
        && throwaway_start -XX:AOTCache="$aot_cache"; then
      rm -rf "$train_dir"
    else
      echo "run.sh: the start-up cache could not be made (log: $train_dir/training.log); starting without it" >&2
      rm -rf "$aot_dir"
    fi
  fi
  if [ -f "$aot_cache" ]; then
    exec java -XX:AOTCache="$aot_cache" -Xlog:aot*=off -Xlog:cds*=off -jar "$aot_jar" "$@"
  fi
fi
exec java -jar "$jar" "$@"
