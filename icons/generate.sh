#!/usr/bin/env bash
# Regenerates Berth's icons from icons/berth.svg: PNGs 16..512, berth.ico (Windows) and berth.icns (macOS).
# Debian packages: librsvg2-bin (rsvg-convert), imagemagick (convert, for the .ico), icnsutils (png2icns).
#   sudo apt-get install librsvg2-bin imagemagick icnsutils
# The outputs are committed: building Berth does not need these tools, only changing the drawing does.
set -euo pipefail
cd "$(dirname "$0")"

for tool in rsvg-convert convert png2icns; do
  command -v "$tool" >/dev/null || { echo "generate.sh: $tool is missing; install librsvg2-bin imagemagick icnsutils" >&2; exit 1; }
done

sizes=(16 24 32 48 64 128 256 512)
for size in "${sizes[@]}"; do
  rsvg-convert --width "$size" --height "$size" --keep-aspect-ratio berth.svg --output "berth-$size.png"
done
# Windows asks the .ico for 16, 24, 32, 48 and 256.
convert berth-16.png berth-24.png berth-32.png berth-48.png berth-256.png berth.ico
# png2icns knows the sizes Apple defines (16, 32, 48, 128, 256, 512); it reads each one's size from the file.
png2icns berth.icns berth-16.png berth-32.png berth-48.png berth-128.png berth-256.png berth-512.png >/dev/null
echo "icons: ${sizes[*]} px, berth.ico, berth.icns"
