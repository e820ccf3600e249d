#!/usr/bin/env bash
# Billing benchmark: settled requests per second recorded into the ledger by the real BillingJournal (group commit)
# and the real settlement store (Axon's JDBC event store + usage_record) in Tollgate's embedded PostgreSQL, against a
# plain-JDBC insert of the same rows and the store called directly, all in one run on the same database; then the
# journal at a fixed offered rate (BRIEF §4: >= 10,000/s). Not part of the test build (no timed tests there).
# Output: printed, and kept under bench/results/<time>-billing/ (not committed).
#
#   bench/billing.sh                                   # n=100000 per phase, 4 producers, flush 20 ms, batches <= 2000
#   bench/billing.sh n=200000 producers=8 rate=20000 paced-seconds=15 flush-ms=20 max-batch=2000 warmup=20000
#
# Needs: a JDK >= 21 (found by .ci/select-jdk.sh) and Maven; compiles the modules it needs (never installs them).
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=.ci/select-jdk.sh
source .ci/select-jdk.sh

for arg in "$@"; do
  case "$arg" in
    -h|--help) sed -n '2,10p' "$0"; exit 0 ;;
  esac
done

out="bench/results/$(date -u +%Y%m%dT%H%M%SZ)-billing"
mkdir -p "$out"
echo "compiling (mvn -pl adapters-persistence -am test-compile) ..."
mvn -q -B ${MAVEN_OFFLINE:+-o} -pl adapters-persistence -am test-compile dependency:build-classpath \
  -Dmdep.outputFile="$PWD/$out/classpath.txt" -Dmdep.includeScope=test >"$out/build.log" 2>&1 \
  || { tail -40 "$out/build.log"; exit 1; }
# each module of the reactor wrote the file; the last one written is adapters-persistence's (it comes last)
cp="adapters-persistence/target/test-classes:adapters-persistence/target/classes:application/target/classes"
cp="$cp:domain/target/classes:$(cat "$out/classpath.txt")"
{
  echo "commit: $(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
  echo "cores: $(nproc)"
  echo "java: $(java -version 2>&1 | head -n 1)"
  echo "args: $*"
} >"$out/meta.txt"
java -Xmx2g -Dlogback.configurationFile=bench/billing-logback.xml -cp "$cp" dev.tollgate.adapter.out.persistence.bench.BillingBenchmark "$@" 2>"$out/stderr.log" \
  | tee "$out/result.txt"
echo "kept in $out"
