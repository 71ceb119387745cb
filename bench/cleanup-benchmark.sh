#!/usr/bin/env bash
# Cleanup benchmark: planning 10,000 tags (budget 1 s) and applying 1,000 deletions against a real
# Distribution registry on loopback, as a ratio to a plain keep-alive OkHttp DELETE loop.
# Needs docker-registry (Debian package) or $BERTH_REGISTRY_BIN. Usage: bench/cleanup-benchmark.sh [DELETIONS]
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

source "$root/bin/find-java.sh"

java="$(find_java)" || { echo "cleanup-benchmark: needs Java 21 or newer; set JAVA_HOME or BERTH_JAVA" >&2; exit 1; }
./mvnw -q -B test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
work="$(mktemp -d "${TMPDIR:-/tmp}/berth-cleanup-bench.XXXXXX")"
trap 'rm -rf "$work"' EXIT
"$java" -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" dev.berth.bench.CleanupBenchmark "${1:-1000}" "$work"
