#!/usr/bin/env bash
# The browse benchmark (dev.berth.bench.TreeBenchmark): starts a Distribution registry on
# 127.0.0.1, seeds it, and compares CatalogLoader / RepositoryScanner with a plain OkHttp loop.
# Options: --repos N (2000) --tags N (5) --rounds N (5, tree) --meta-rounds N (3) --big N (1000 tags in one extra repository,
# 0 to skip) --work DIR (target/bench-work). Results: stdout and DIR/results.md.
# Needs a JDK 21+ ($BERTH_JAVA, $JAVA_HOME, java on PATH, then the usual JVM directories) and
# docker-registry ($BERTH_REGISTRY_BIN or /usr/bin/docker-registry).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

source "$root/bin/find-java.sh"

java="$(find_java)" || { echo "tree-benchmark: needs Java 21 or newer; set JAVA_HOME or BERTH_JAVA" >&2; exit 1; }

./mvnw -q -B test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test

# Every run gets its own registry storage and cache directories; clear out those of earlier runs
# in the default place (a --work directory of your own is left alone).
rm -rf target/bench-work

exec "$java" -Xmx1g -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" \
  dev.berth.bench.TreeBenchmark "$@"
