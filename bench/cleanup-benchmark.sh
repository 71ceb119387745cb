#!/usr/bin/env bash
# Cleanup benchmark: planning 10,000 tags (budget 1 s) and applying 1,000 deletions against a real
# Distribution registry on loopback, as a ratio to a plain keep-alive OkHttp DELETE loop.
# Needs docker-registry (Debian package) or $BERTH_REGISTRY_BIN. Usage: bench/cleanup-benchmark.sh [DELETIONS]
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

java_version() {
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p' | cut -d. -f1
}

find_java() {
  local candidates=()
  [ -n "${BERTH_JAVA:-}" ] && candidates+=("$BERTH_JAVA")
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME/bin/java")
  command -v java >/dev/null 2>&1 && candidates+=("$(command -v java)")
  for dir in /usr/lib/jvm/* /opt/java/* /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    [ -x "$dir/bin/java" ] && candidates+=("$dir/bin/java")
  done
  local candidate version
  for candidate in "${candidates[@]}"; do
    version="$(java_version "$candidate" || true)"
    if [ -n "$version" ] && [ "$version" -ge 21 ]; then
      echo "$candidate"
      return 0
    fi
  done
  return 1
}

java="$(find_java)" || { echo "cleanup-benchmark: needs Java 21 or newer; set JAVA_HOME or BERTH_JAVA" >&2; exit 1; }
./mvnw -q -B test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
work="$(mktemp -d "${TMPDIR:-/tmp}/berth-cleanup-bench.XXXXXX")"
trap 'rm -rf "$work"' EXIT
"$java" -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" dev.berth.bench.CleanupBenchmark "${1:-1000}" "$work"
