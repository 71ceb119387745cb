#!/usr/bin/env bash
# Builds Berth's app image and the installers for this platform, after `./mvnw package` made target/berth-*.jar
# and target/lib. Run by the `installer` Maven profile (./mvnw -Pinstaller package -DskipTests), which passes:
#   BERTH_JDK      the JDK 21+ that Maven's toolchain chose: jdeps, jlink and jpackage come from it
#   BERTH_VERSION  the pom's version
# Output in target/installer: the jlink'ed runtime, the app image (Berth/) and on Linux berth_<version>_<arch>.deb
# (and an .rpm where rpmbuild is installed). A .deb needs fakeroot and dpkg-deb (Debian: fakeroot, dpkg); the start-up
# cache is trained by starting the app once, which on Linux needs a display or xvfb-run (Debian: xvfb xauth).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

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

# The app's jars on the class path; JavaFX goes into the runtime as modules (below), where it is supported: on the
# class path it warns "Unsupported JavaFX configuration: classes were loaded from 'unnamed module'".
cp "$jar" target/lib/*.jar "$out/input/"
rm "$out"/input/javafx-*.jar

# JavaFX's Maven Central jars are modular jars with their native libraries inside; jlink wants those libraries
# beside the classes, as in a jmod, so that the runtime's lib/ holds them and JavaFX loads them from there (from a
# jar it would first extract them into ~/.openjfx). One jmod per jar of this platform's classifier: the jars
# without one are empty stubs.
mkdir -p "$out/jmods"
for fxjar in target/lib/javafx-*-"$fx".jar; do
  module=$("$jdk/bin/jar" --describe-module --file "$fxjar" | sed -n '1s/@.*//p')
  unpacked=$out/natives/$module
  mkdir -p "$unpacked/classes" "$unpacked/libs"
  (cd "$unpacked/classes" && "$jdk/bin/jar" xf "$root/$fxjar")
  find "$unpacked/classes" -name "$natives" -exec mv {} "$unpacked/libs/" \;
  "$jdk/bin/jmod" create --class-path "$unpacked/classes" --libs "$unpacked/libs" "$out/jmods/$module.jmod"
  fx_modules=${fx_modules:+$fx_modules,}$module
done
rm -rf "$out/natives"

# Only the JDK modules the jars use, as jdeps finds them, plus what is reached by reflection or service loading:
# TLS with EC keys (jdk.crypto.ec, while the JDK still has it) and the English locale data (--include-locales).
# The jars go on the module path: okhttp's module-info requires okio, which jdeps finds only there.
modules=$("$jdk/bin/jdeps" --multi-release 21 --ignore-missing-deps --print-module-deps -q \
  --module-path "$out/input:$(ls target/lib/javafx-*-"$fx".jar | tr '\n' :)" "$out"/input/*.jar)
for extra in jdk.crypto.ec jdk.localedata; do
  if "$jdk/bin/java" --list-modules | grep -q "^$extra@"; then modules="$modules,$extra"; fi
done
modules="$modules,$fx_modules"
echo "build-installer: runtime modules $modules"
"$jdk/bin/jlink" --module-path "$out/jmods" --add-modules "$modules" --strip-debug --no-header-files --no-man-pages \
  --include-locales=en --compress=zip-6 --output "$out/runtime"
# A CDS archive of the JDK's own classes for this runtime: the JVM maps it instead of parsing them at start.
"$out/runtime/bin/java" -Xshare:dump >/dev/null

# The start-up cache of the app's launcher, in the image and named by its java-options: on JDK 25+ an AOT cache
# (JEP 483/514/515: classes loaded and linked, method profiles), before that a dynamic AppCDS archive over the
# runtime's. train-start-cache.sh writes it from a run of the image that exits once its main view is ready.
flags=$("$out/runtime/bin/java" -XX:+UnlockDiagnosticVMOptions -XX:+PrintFlagsFinal -version 2>/dev/null)
if grep -q ' AOTCacheOutput ' <<< "$flags"; then
  launcher_options=(--java-options '-XX:AOTCache=$APPDIR/Berth.aot')
  # JDK 25.0.3 cannot link the adapters it cached for Berth and warns at every start ("Failed to link
  # AdapterHandlerEntry ... in the AOT code cache"), so that part of the cache is off; classes and profiles stay.
  if grep -q ' AOTAdapterCaching ' <<< "$flags"; then
    launcher_options=(--java-options -XX:+UnlockDiagnosticVMOptions --java-options -XX:-AOTAdapterCaching "${launcher_options[@]}")
  fi
else
  launcher_options=(--java-options '-XX:SharedArchiveFile=$APPDIR/Berth.jsa')
fi
# JavaFX 21's renderer (Marlin) allocates memory through sun.misc.Unsafe, which JDK 24+ reports on the terminal at
# the first frame drawn ("A terminally deprecated method in sun.misc.Unsafe has been called"). The app allows it
# where the runtime knows the option (JDK 23+; older ones refuse to start with it).
if "$out/runtime/bin/java" --sun-misc-unsafe-memory-access=allow -version >/dev/null 2>&1; then
  launcher_options+=(--java-options --sun-misc-unsafe-memory-access=allow)
fi
"$jdk/bin/jpackage" @jpackage.cfg @"packaging/$platform/jpackage.cfg" "${launcher_options[@]}" --app-version "$installer_version" \
  --input "$out/input" --main-jar "$(basename "$jar")" --runtime-image "$out/runtime" --dest "$out" --type app-image
image=$out/Berth
[ "$platform" = macos ] && image=$out/Berth.app
# The start-up cache is only valid with jars of the times it was trained with, and jpackage gives every file of a
# package the time it copies it: so the jars get one fixed time here, and again in each package (below, berth.spec).
jar_time=315532800 # 1980-01-01, as berth.spec says too
pin_jar_times() { find "$1" -name '*.jar' -exec touch -d "@$jar_time" {} +; }
pin_jar_times "$image"
packaging/train-start-cache.sh "$image" Berth

# The packages are made from that image, cache included (jpackage would otherwise build a new image without one).
# The image takes its options from jpackage.cfg; a package from an image takes only its descriptive ones.
grep -E '^--(name|vendor|description|copyright) ' jpackage.cfg > "$out/package-info.cfg"
package=(@"$out/package-info.cfg" @"packaging/$platform/package.cfg" --app-version "$installer_version" --app-image "$image"
  --dest "$out")
[ "$platform" = linux ] && package+=(--resource-dir packaging/linux --icon icons/berth-256.png)

if [ "$platform" = linux ]; then
  # gzip, not dpkg's default xz: xz takes minutes over the ~100 MB image for a package a third smaller.
  export DPKG_DEB_COMPRESSOR_TYPE=gzip
  "$jdk/bin/jpackage" "${package[@]}" @packaging/linux/deb.cfg --type deb
  deb=$(ls "$out"/berth_*.deb)
  # `berth` on the PATH: a link in the package itself, so dpkg owns and removes it (jpackage has no option for it).
  tree=$out/deb-tree
  rm -rf "$tree"
  dpkg-deb -R "$deb" "$tree"
  pin_jar_times "$tree/opt"
  mkdir -p "$tree/usr/bin"
  ln -s /opt/berth/bin/berth "$tree/usr/bin/berth"
  # No menu entry for the command line: jpackage gives one to every launcher of an image it packages, whatever the
  # image says (linux-shortcut=false in berth-cli.properties), so it goes here, with the scripts' lines for it.
  rm "$tree/opt/berth/lib/berth-berth.desktop"
  sed -i '/berth-berth\.desktop/d' "$tree/DEBIAN/postinst" "$tree/DEBIAN/prerm"
  fakeroot dpkg-deb -b "$tree" "$deb" >/dev/null
  rm -rf "$tree"
  if command -v rpmbuild >/dev/null; then
    "$jdk/bin/jpackage" "${package[@]}" @packaging/linux/rpm.cfg --type rpm
  fi
fi
ls -l "$out"
