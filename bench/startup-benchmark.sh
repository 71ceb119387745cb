#!/usr/bin/env bash
# The start-up benchmark: time from process start to the first window shown and to Berth's main view ready (built and
# laid out in that window), Berth's installed app image against a hello-JavaFX app image built the same way (same
# jlink'ed runtime, same JavaFX, same java-options, its own start-up cache trained the same way), whose window is its
# whole content. See bench/STARTUP.md.
#   bench/startup-benchmark.sh [--reuse] [--runs N]
#     --reuse   use target/installer/Berth as it is (else: ./mvnw -Pinstaller package -DskipTests first)
#     --runs N  timed starts of each app (default 10), alternating, after one warm-up start of each
# Needs a JDK 21+ for javac and jpackage (found as bin/berth finds it) and Xvfb (Debian: xvfb).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
reuse=false runs=10
while [ $# -gt 0 ]; do
  case "$1" in
    --reuse) reuse=true ;;
    --runs) runs=${2:?--runs needs a number}; shift ;;
    *) echo "startup-benchmark: unknown option $1 (see the header of $0)" >&2; exit 2 ;;
  esac
  shift
done
command -v Xvfb >/dev/null || { echo "startup-benchmark: needs Xvfb (Debian: xvfb)" >&2; exit 1; }
source "$root/bin/find-java.sh"
java="$(find_java)" || { echo "startup-benchmark: needs a JDK 21 or newer; set JAVA_HOME or BERTH_JAVA" >&2; exit 1; }
jdk=$(dirname "$(dirname "$(readlink -f "$java")")")

berth=target/installer/Berth
if [ "$reuse" = false ] || [ ! -x "$berth/bin/Berth" ]; then
  ./mvnw -B -ntp -Pinstaller package -DskipTests
fi
cfg="$berth/lib/app/Berth.cfg"

# The hello app image: its own jar, then whatever of JavaFX Berth's image carries beside its jars (nothing when
# JavaFX is in the runtime), the same runtime and the java-options of Berth's launcher, its cache renamed.
work=target/bench-startup
rm -rf "$work"
mkdir -p "$work/classes" "$work/input"
"$jdk/bin/javac" -d "$work/classes" --release 21 -Xlint:-options -cp "$(ls target/lib/javafx-*.jar | tr '\n' :)" bench/hello/HelloFx.java
"$jdk/bin/jar" --create --file "$work/input/hello.jar" -C "$work/classes" .
find "$berth/lib/app" -maxdepth 1 \( -name 'javafx-*.jar' -o -name '*.so' -o -name '*.dylib' -o -name '*.dll' \) -exec cp {} "$work/input/" \;
options=()
while IFS= read -r option; do
  case "$option" in -Djpackage.app-version=*) continue ;; esac
  options+=(--java-options "${option//Berth./HelloFx.}")
done < <(sed -n 's/^java-options=//p' "$cfg")
"$jdk/bin/jpackage" --type app-image --name HelloFx --dest "$work" --input "$work/input" --main-jar hello.jar \
  --main-class HelloFx --runtime-image target/installer/runtime ${options[@]+"${options[@]}"}
hello="$work/HelloFx"
if grep -q -e '-XX:AOTCache=' -e '-XX:SharedArchiveFile=' "$hello/lib/app/HelloFx.cfg"; then
  packaging/train-start-cache.sh "$hello" HelloFx
fi

# One X server for every run, so its start-up is no part of any.
exec 3< <(Xvfb -displayfd 1 -screen 0 1280x1024x24 -nolisten tcp 2>/dev/null)
xvfb_pid=$!
read -r -u 3 display_number
export DISPLAY=":$display_number"
trap 'kill "$xvfb_pid" 2>/dev/null || true' EXIT

# One start: prints "<first window ms> <ready ms> <cpu seconds>": ready is Berth's "main view ready" marker, or the
# first window's time for an app without one (hello). CPU time is user + system of the app's process (bash's time),
# which exits once ready; each start gets a fresh home, as a first start after installing.
start() {
  local launcher=$1 home out cpu
  home=$(mktemp -d "$root/$work/home.XXXXXX")
  out=$( { TIMEFORMAT='cpu %U %S'; time env HOME="$home" XDG_CONFIG_HOME="$home/c" XDG_CACHE_HOME="$home/k" \
      XDG_DATA_HOME="$home/d" XDG_STATE_HOME="$home/s" XDG_RUNTIME_DIR="$home/r" DOCKER_CONFIG="$home/docker" \
      BERTH_EXIT_AFTER_FIRST_WINDOW=1 JAVA_TOOL_OPTIONS= "$launcher" 2>&1; } 2>&1 )
  rm -rf "$home"
  local ms ready
  ms=$(sed -n 's/^berth: first window shown after \([0-9]*\) ms$/\1/p' <<< "$out")
  [ -n "$ms" ] || { echo "startup-benchmark: $launcher showed no window:" >&2; echo "$out" >&2; exit 1; }
  ready=$(sed -n 's/^berth: main view ready after \([0-9]*\) ms$/\1/p' <<< "$out")
  cpu=$(awk '/^cpu /{ printf "%.2f", $2 + $3 }' <<< "$out")
  echo "$ms ${ready:-$ms} $cpu"
}

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg) ($(nproc) cores)"
start "$berth/bin/Berth" >/dev/null
start "$hello/bin/HelloFx" >/dev/null
berth_runs=() hello_runs=()
for ((i = 0; i < runs; i++)); do
  if ((i % 2 == 0)); then
    berth_runs+=("$(start "$berth/bin/Berth")"); hello_runs+=("$(start "$hello/bin/HelloFx")")
  else
    hello_runs+=("$(start "$hello/bin/HelloFx")"); berth_runs+=("$(start "$berth/bin/Berth")")
  fi
  read -r bw br bc <<< "${berth_runs[-1]}"
  read -r hw hr hc <<< "${hello_runs[-1]}"
  echo "run $((i + 1)): Berth window $bw ms, main view $br ms (cpu $bc s); hello window $hw ms (cpu $hc s)"
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"

# column 1 (window ms), 2 (ready ms) or 3 (cpu s) of the runs: "median min max"
stats() {
  local column=$1; shift
  printf '%s\n' "$@" | awk -v c="$column" '{ print $c }' | sort -g |
    awk '{ v[NR] = $1 } END { m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; print m, v[1], v[NR] }'
}
read -r bm bmin bmax <<< "$(stats 1 "${berth_runs[@]}")"
read -r hm hmin hmax <<< "$(stats 1 "${hello_runs[@]}")"
read -r br brmin brmax <<< "$(stats 2 "${berth_runs[@]}")"
read -r bc bcmin bcmax <<< "$(stats 3 "${berth_runs[@]}")"
read -r hc hcmin hcmax <<< "$(stats 3 "${hello_runs[@]}")"
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
echo
echo "| $runs starts each | first window, median (min-max) | main view ready, median (min-max) | CPU time to ready, median (min-max) |"
echo "|---|---|---|---|"
echo "| Berth | $bm ms ($bmin-$bmax) | $br ms ($brmin-$brmax) | $bc s ($bcmin-$bcmax) |"
echo "| hello JavaFX (its window is its content) | $hm ms ($hmin-$hmax) | $hm ms ($hmin-$hmax) | $hc s ($hcmin-$hcmax) |"
echo "| ratio Berth / hello | $(ratio "$bm" "$hm") | $(ratio "$br" "$hm") | $(ratio "$bc" "$hc") |"
