#!/usr/bin/env bash
# Runs every test (unit, architecture, persistence, end-to-end) against a real PostgreSQL:
# Testcontainers when a Docker engine is available, an embedded PostgreSQL otherwise.
set -euo pipefail
cd "$(dirname "$0")"
# The official Node SDKs NodeSdkEndToEndTest drives (pinned in sdk-tests/node/package-lock.json), installed when npm
# is there and they are missing or older than the lock file; without node and them that test is skipped (it fails
# under CI=true, and .ci/run installs them).
NODE_SDKS=sdk-tests/node
if command -v npm >/dev/null 2>&1 && { [ ! -f "$NODE_SDKS/node_modules/.package-lock.json" ] ||
  [ "$NODE_SDKS/package-lock.json" -nt "$NODE_SDKS/node_modules/.package-lock.json" ]; }; then
  if ! (cd "$NODE_SDKS" && npm ci --no-audit --no-fund --loglevel=error); then
    echo "test.sh: npm ci in $NODE_SDKS failed: the Node SDK tests will be skipped (or fail under CI=true)" >&2
    rm -rf "$NODE_SDKS/node_modules"
  fi
fi
# shellcheck source=.ci/select-jdk.sh
source .ci/select-jdk.sh
exec mvn -B -ntp verify "$@"
