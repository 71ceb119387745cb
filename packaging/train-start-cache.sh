#!/usr/bin/env bash
# Writes the start-up cache of one launcher of a jpackage app image: the classes (and, on JDK 24+, the linked
# and profiled state) its first window and main view need, so the installed app maps them instead of loading them.
#   packaging/train-start-cache.sh <app image> <launcher>     e.g. target/installer/Berth Berth
# The launcher's java-options (lib/app/<launcher>.cfg) already name the cache, as $APPDIR/<launcher>.aot on
# JDK 25+ (-XX:AOTCache, JEP 483/514/515) or $APPDIR/<launcher>.jsa before (-XX:SharedArchiveFile, a dynamic
# AppCDS archive). The training run starts the launcher's main class with exactly the launcher's class path and
# options, except the cache option, which becomes the one that writes it; under Xvfb when there is no display,
# with a home of its own, and with BERTH_EXIT_AFTER_FIRST_WINDOW=1 so it exits once the first window is shown and its
# main view built and laid out in it (an app without a main view, like the benchmark's hello, exits at its window).
# Run by build-installer.sh after the app image is made and before the packages are made from it; the
# start-up benchmark runs it for its hello-JavaFX image too, so both are built the same way.
set -euo pipefail

image=${1:?usage: train-start-cache.sh <app image> <launcher>}
launcher=${2:?usage: train-start-cache.sh <app image> <launcher>}
case "$(uname -s)" in
  Darwin) app="$image/Contents/app"; java="$image/Contents/runtime/Contents/Home/bin/java" ;;
  MINGW* | MSYS* | CYGWIN*) app="$image/app"; java="$image/runtime/bin/java.exe" ;;
  *) app="$image/lib/app"; java="$image/lib/runtime/bin/java" ;;
esac
cfg="$app/$launcher.cfg"
[ -f "$cfg" ] || { echo "train-start-cache: no $cfg" >&2; exit 1; }

# The launcher's class path, main class and options, with $APPDIR as the launcher expands it.
appdir=$(cd "$app" && pwd)
classpath=() options=() main="" cache="" write=""
while IFS= read -r line; do
  line=${line//\$APPDIR/$appdir}
  case "$line" in
    app.classpath=*) classpath+=("${line#app.classpath=}") ;;
    app.mainclass=*) main=${line#app.mainclass=} ;;
    java-options=-XX:AOTCache=*) cache=${line#java-options=-XX:AOTCache=}; write=-XX:AOTCacheOutput=$cache ;;
    java-options=-XX:SharedArchiveFile=*) cache=${line#java-options=-XX:SharedArchiveFile=}; write=-XX:ArchiveClassesAtExit=$cache ;;
    # -Xshare:auto is the default, and AOTCacheOutput refuses any -Xshare.
    java-options=-Xshare:*) ;;
    java-options=*) options+=("${line#java-options=}") ;;
  esac
done < <(tr -d '\r' < "$cfg")
[ -n "$main" ] || { echo "train-start-cache: no app.mainclass in $cfg" >&2; exit 1; }
[ -n "$cache" ] || { echo "train-start-cache: $cfg names no -XX:AOTCache or -XX:SharedArchiveFile" >&2; exit 1; }
separator=:
case "$(uname -s)" in MINGW* | MSYS* | CYGWIN*) separator=';' ;; esac
joined=$(IFS="$separator"; echo "${classpath[*]}")

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
display=()
if [ "$(uname -s)" = Linux ] && [ -z "${DISPLAY:-}" ]; then
  command -v xvfb-run >/dev/null || { echo "train-start-cache: needs a display or xvfb-run (Debian: xvfb xauth)" >&2; exit 1; }
  display=(xvfb-run -a -s "-screen 0 1280x1024x24")
fi
rm -f "$cache"
out=$(env -u JAVA_TOOL_OPTIONS -u JDK_JAVA_OPTIONS HOME="$scratch" XDG_CONFIG_HOME="$scratch/config" XDG_CACHE_HOME="$scratch/cache" XDG_DATA_HOME="$scratch/data" \
  XDG_STATE_HOME="$scratch/state" XDG_RUNTIME_DIR="$scratch/runtime" DOCKER_CONFIG="$scratch/docker" \
  BERTH_EXIT_AFTER_FIRST_WINDOW=1 \
  ${display[@]+"${display[@]}"} "$java" "$write" ${options[@]+"${options[@]}"} \
  -cp "$joined" "$main" 2>&1) || { echo "$out" >&2; echo "train-start-cache: the training run of $launcher failed" >&2; exit 1; }
[ -s "$cache" ] || { echo "$out" >&2; echo "train-start-cache: the training run wrote no $cache" >&2; exit 1; }
echo "train-start-cache: $launcher: $(du -h "$cache" | cut -f1) in $cache"
