#!/usr/bin/env bash
# Micro-benchmark: what each routing strategy costs per request in the router itself (no HTTP): compiles
# bench/routing/ against the classes in bootstrap/target/tollgate.jar and runs RouterPickBench (see its comment).
#
#   bench/routing-micro.sh             # 2 threads, 2 s per repetition, 7 repetitions after 2 warm-up rounds
#   THREADS=1 MILLIS=3000 bench/routing-micro.sh
#
# Needs: a JDK >= 21 (found by .ci/select-jdk.sh) and the jar (mvn -B -DskipTests package).
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=.ci/select-jdk.sh
source .ci/select-jdk.sh
JAR=${JAR:-bootstrap/target/tollgate.jar}
[ -f "$JAR" ] || { echo "routing-micro: $JAR is missing; build it with 'mvn -B -DskipTests package'" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && unzip -q -o "$OLDPWD/$JAR" 'BOOT-INF/lib/*.jar')
cp=$(ls "$work"/BOOT-INF/lib/*.jar | tr '\n' ':')
javac -d "$work/classes" -cp "$cp" $(find bench/routing -name '*.java')
java -cp "$work/classes:$cp" dev.tollgate.application.relay.service.RouterPickBench "${THREADS:-2}" "${MILLIS:-2000}"
