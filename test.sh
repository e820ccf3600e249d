#!/usr/bin/env bash
# Runs every test (unit, architecture, persistence, end-to-end) against a real PostgreSQL:
# Testcontainers when a Docker engine is available, an embedded PostgreSQL otherwise.
set -euo pipefail
cd "$(dirname "$0")"
# shellcheck source=.ci/select-jdk.sh
source .ci/select-jdk.sh
exec mvn -B -ntp verify "$@"
