# Sourced by bin/berth and the bench scripts: find_java prints a JDK 21+ java
# ($BERTH_JAVA, $JAVA_HOME, java on PATH, then the usual JVM directories) or fails.

# The major version of a java binary: from the `release` file of its JDK when there is one (reading a
# file, where asking java itself starts a JVM per candidate, 0.15 s or far more on a busy machine).
java_version() {
  local real home version=""
  real="$(readlink -f "$1" 2>/dev/null || true)"
  if [ -n "$real" ]; then
    home="$(dirname "$(dirname "$real")")"
    [ -r "$home/release" ] && version="$(sed -n 's/^JAVA_VERSION="\([0-9][0-9]*\).*/\1/p' "$home/release" | head -n 1)"
  fi
  if [ -z "$version" ]; then
    version="$("$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p' | cut -d. -f1)"
  fi
  echo "$version"
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
