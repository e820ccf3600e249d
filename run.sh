#!/usr/bin/env bash
# Builds Tollgate (if needed) and starts it on port 3000 (TOLLGATE_PORT) with an embedded PostgreSQL under
# ./data (TOLLGATE_DATA_DIR), unless TOLLGATE_DB_URL points at a PostgreSQL of your own.
set -euo pipefail
cd "$(dirname "$0")"
# shellcheck source=.ci/select-jdk.sh
source .ci/select-jdk.sh
jar=bootstrap/target/tollgate.jar
if [ ! -f "$jar" ] || [ -n "$(find . -path ./data -prune -o \( -name '*.java' -o -name 'pom.xml' -o -name '*.yml' -o -name '*.yaml' \) -newer "$jar" -print -quit)" ]; then
  mvn -B -q -ntp -DskipTests package
fi
exec java -jar "$jar" "$@"
