#!/usr/bin/env bash
# Times `import one-api` of a generated one-api SQLite database into a fresh Tollgate (embedded PostgreSQL in a
# throwaway data directory). Sizes: USERS TOKENS CHANNELS CODES (default 10000 50000 500 10000).
# usage: bench/one-api-import.sh [users tokens channels codes]
set -euo pipefail
cd "$(dirname "$0")/.."
users=${1:-10000} tokens=${2:-50000} channels=${3:-500} codes=${4:-10000}
jar=bootstrap/target/tollgate.jar
[ -f "$jar" ] || { echo "build first: mvn -q -B install -DskipTests" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 bench/one-api-fixture.py "$work/one-api.db" "$users" "$tokens" "$channels" "$codes"
echo "one-api database: $users users, $tokens keys, $channels channels, $codes codes ($(du -h "$work/one-api.db" | cut -f1))"
start=$(date +%s.%N)
java -jar "$jar" import one-api --source "$work/one-api.db" --tollgate.data-dir="$work/data" \
  --tollgate.root-password="bench-$RANDOM$RANDOM$RANDOM" 2>&1 | grep --line-buffered '\[import\]\|created\|FAILED' || true
end=$(date +%s.%N)
echo "import (including start and stop of Tollgate): $(echo "$end - $start" | bc) s"
