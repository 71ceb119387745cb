# Sourced by bin/berth and the bench scripts: find_java prints a JDK 21+ java
# ($BERTH_JAVA, $JAVA_HOME, java on PATH, then the usual JVM directories) or fails.

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
