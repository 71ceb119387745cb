#!/usr/bin/env bash
# Builds Berth's app image and the installers for this platform, after `./mvnw package` made target/berth-*.jar
# and target/lib. Run by the `installer` Maven profile (./mvnw -Pinstaller package -DskipTests), which passes:
#   BERTH_JDK      the JDK 21+ that Maven's toolchain chose: jdeps, jlink and jpackage come from it
#   BERTH_VERSION  the pom's version
# Output in target/installer: the jlink'ed runtime, the app image (Berth/) and on Linux berth_<version>_<arch>.deb
# (and an .rpm where rpmbuild is installed). A .deb needs fakeroot and dpkg-deb (Debian: fakeroot, dpkg).
set -euo pipefail
cd "$(dirname "$0")/.."

jdk=${BERTH_JDK:?BERTH_JDK is not set: build through ./mvnw -Pinstaller package}
# exec-maven-plugin hands over the toolchain's java executable; jpackage and jlink live beside it.
case "$jdk" in */bin/java | */bin/java.exe) jdk=$(dirname "$(dirname "$jdk")") ;; esac
version=${BERTH_VERSION:?BERTH_VERSION is not set}
# Installers want a numeric version: 0.1.0-SNAPSHOT is installed as 0.1.0 (the app still reports the pom's).
installer_version=${version%%-*}
out=target/installer
jar=$(ls target/berth-"$version".jar)

case "$(uname -s)" in
  Linux) platform=linux; fx=linux; natives='*.so' ;;
  Darwin) platform=macos; fx=mac; natives='*.dylib' ;;
  MINGW* | MSYS* | CYGWIN*) platform=windows; fx=win; natives='*.dll' ;;
  *) echo "build-installer: no installer for $(uname -s)" >&2; exit 1 ;;
esac

rm -rf "$out"
mkdir -p "$out/input" "$out/natives"

# The app's jars. JavaFX stays on the class path: its Maven Central jars are not jmods, and its native libraries
# load fastest from next to its jars (JavaFX looks there first, before extracting them into ~/.openjfx).
cp "$jar" target/lib/*.jar "$out/input/"
# Maven's javafx-*.jar without a platform classifier are empty stubs beside the real -linux/-mac/-win jars.
for stub in "$out"/input/javafx-*.jar; do
  case "$stub" in *-"$fx".jar | *-"$fx"-*.jar) ;; *) rm "$stub" ;; esac
done
for fxjar in "$out"/input/javafx-*.jar; do
  (cd "$out/natives" && "$jdk/bin/jar" xf "../input/$(basename "$fxjar")")
done
find "$out/natives" -name "$natives" -exec cp {} "$out/input/" \;
rm -rf "$out/natives"

# Only the JDK modules the jars use, as jdeps finds them, plus what is reached by reflection or service loading:
# TLS with EC keys (jdk.crypto.ec, while the JDK still has it) and the English locale data (--include-locales).
# The jars go on the module path: okhttp's module-info requires okio, which jdeps finds only there.
modules=$("$jdk/bin/jdeps" --multi-release 21 --ignore-missing-deps --print-module-deps -q \
  --module-path "$out/input" "$out"/input/*.jar)
for extra in jdk.crypto.ec jdk.localedata; do
  if "$jdk/bin/java" --list-modules | grep -q "^$extra@"; then modules="$modules,$extra"; fi
done
echo "build-installer: runtime modules $modules"
"$jdk/bin/jlink" --add-modules "$modules" --strip-debug --no-header-files --no-man-pages \
  --include-locales=en --compress=zip-6 --output "$out/runtime"
# A CDS archive of the JDK's own classes for this runtime: the JVM maps it instead of parsing them at start.
"$out/runtime/bin/java" -Xshare:dump >/dev/null

image=(@jpackage.cfg @"packaging/$platform/jpackage.cfg" --app-version "$installer_version" --input "$out/input"
  --main-jar "$(basename "$jar")" --runtime-image "$out/runtime" --dest "$out")
package=("${image[@]}" @"packaging/$platform/package.cfg")
"$jdk/bin/jpackage" "${image[@]}" --type app-image

if [ "$platform" = linux ]; then
  # gzip, not dpkg's default xz: xz takes minutes over the ~100 MB image for a package a third smaller.
  export DPKG_DEB_COMPRESSOR_TYPE=gzip
  "$jdk/bin/jpackage" "${package[@]}" --type deb
  deb=$(ls "$out"/berth_*.deb)
  # `berth` on the PATH: a link in the package itself, so dpkg owns and removes it (jpackage has no option for it).
  tree=$out/deb-tree
  rm -rf "$tree"
  dpkg-deb -R "$deb" "$tree"
  mkdir -p "$tree/usr/bin"
  ln -s /opt/berth/bin/berth "$tree/usr/bin/berth"
  fakeroot dpkg-deb -b "$tree" "$deb" >/dev/null
  rm -rf "$tree"
  if command -v rpmbuild >/dev/null; then
    "$jdk/bin/jpackage" "${package[@]}" --type rpm
  fi
fi
ls -l "$out"
