#!/usr/bin/env bash
# Transfer benchmark: `berth copy` side by side with `skopeo copy --preserve-digests` and a plain
# parallel curl client (the raw limit), on real Distribution registries on 127.0.0.1.
#   (1) pull     registry -> OCI layout
#   (2) push     OCI layout -> registry
#   (3) copy     registry -> registry
# The test image: 8 gzip layers of incompressible (seeded pseudo-random) data totalling --size.
# Every run goes into a fresh destination: a new directory, or a destination registry started fresh
# on a new port (so neither berth's existence checks nor skopeo's blob-info cache can skip a blob).
# Runs alternate: the order of berth / skopeo / raw rotates every round. Ratios use medians. Each run's CPU
# time (user + system of the client and its children, from bash's `times`) is reported beside its wall time.
#
# Usage: bench/transfer-benchmark.sh [--size 1G] [--rounds 3] [--layers 8] [--heap-check] [--heap-size 2G] [--no-build]
# Needs: docker-registry (or $BERTH_REGISTRY_BIN), skopeo, curl, python3, a JDK 21+ (as bin/berth finds it).
# Writes only under a temp directory (removed on exit) and the report to target/bench-work/transfer-results.md.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

size=1G rounds=3 layers=8 heap_check=false heap_size=2G build=true
while [ $# -gt 0 ]; do
  case "$1" in
    --size) size="$2"; shift 2 ;;
    --rounds) rounds="$2"; shift 2 ;;
    --layers) layers="$2"; shift 2 ;;
    --heap-check) heap_check=true; shift ;;
    --heap-size) heap_size="$2"; shift 2 ;;
    --no-build) build=false; shift ;;
    -h|--help) sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "transfer-benchmark: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done

bytes_of() { # 64M, 1G, 1536K, 1000 -> bytes (binary units)
  local n="${1%[KkMmGg]}"
  case "$1" in
    *[Kk]) echo $((n * 1024)) ;; *[Mm]) echo $((n * 1024 * 1024)) ;; *[Gg]) echo $((n * 1024 * 1024 * 1024)) ;; *) echo "$n" ;;
  esac
}
total_bytes="$(bytes_of "$size")"
heap_bytes="$(bytes_of "$heap_size")"

registry_bin="${BERTH_REGISTRY_BIN:-$(command -v docker-registry || true)}"
for need in "$registry_bin" skopeo curl python3; do
  [ -n "$need" ] && command -v "$need" >/dev/null || {
    echo "transfer-benchmark: needs docker-registry (Debian package), skopeo, curl and python3; missing: ${need:-docker-registry}" >&2
    exit 1
  }
done

if $build; then ./mvnw -q -B -ntp -o package -DskipTests; fi
[ -x bin/berth ] && ls target/berth-*.jar >/dev/null 2>&1 || { echo "transfer-benchmark: build first (./mvnw package -DskipTests)" >&2; exit 1; }

work="$(mktemp -d "${TMPDIR:-/tmp}/berth-transfer-bench.XXXXXX")"
registry_pids=()
cleanup() {
  local pid
  for pid in ${registry_pids[@]+"${registry_pids[@]}"}; do kill "$pid" 2>/dev/null || true; done
  for pid in ${registry_pids[@]+"${registry_pids[@]}"}; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# berth and skopeo see a private home: nothing of theirs lands in the real one.
mkdir -p "$work/home"
tool_env=(env HOME="$work/home" XDG_CONFIG_HOME="$work/home/config" XDG_CACHE_HOME="$work/home/cache"
  XDG_DATA_HOME="$work/home/data" XDG_STATE_HOME="$work/home/state" DOCKER_CONFIG="$work/home/docker")

log() { printf '%s %s\n' "$(date +%T)" "$*" >&2; }

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# start_registry NAME: a Distribution registry on 127.0.0.1, data in $work/NAME; sets reg_port, reg_pid.
start_registry() {
  local dir="$work/$1"
  mkdir -p "$dir/data"
  reg_port="$(free_port)"
  cat > "$dir/config.yml" <<EOF
version: 0.1
log: {level: error, accesslog: {disabled: true}}
storage: {filesystem: {rootdirectory: $dir/data}, delete: {enabled: true}}
http: {addr: 127.0.0.1:$reg_port, secret: bench-secret}
EOF
  "$registry_bin" serve "$dir/config.yml" > "$dir/registry.log" 2>&1 &
  reg_pid=$!
  registry_pids+=("$reg_pid")
  local i
  for i in $(seq 1 100); do
    curl -sf -o /dev/null "http://127.0.0.1:$reg_port/v2/" && return 0
    kill -0 "$reg_pid" 2>/dev/null || break
    sleep 0.1
  done
  echo "transfer-benchmark: registry $1 did not start:" >&2; cat "$dir/registry.log" >&2; exit 1
}

stop_registry() { # PID NAME
  kill "$1" 2>/dev/null || true
  wait "$1" 2>/dev/null || true
  rm -rf "${work:?}/$2"
}

# generate LAYOUT TOTAL_BYTES LAYERS SEED: an OCI layout (tag "bench") of LAYERS gzip layers, each a tar
# with one file of seeded pseudo-random (incompressible) bytes. Writes LAYOUT.blobs: "digest size" per blob.
generate() {
  python3 - "$@" <<'EOF'
import hashlib, json, os, random, sys, tarfile, zlib
layout, total, count, seed = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
blobs = os.path.join(layout, "blobs", "sha256")
os.makedirs(blobs, exist_ok=True)

def put(data):
    digest = hashlib.sha256(data).hexdigest()
    with open(os.path.join(blobs, digest), "wb") as f:
        f.write(data)
    return {"digest": "sha256:" + digest, "size": len(data)}

layers, diff_ids, per = [], [], total // count
for i in range(count):
    size = per if i < count - 1 else total - per * (count - 1)
    rng = random.Random(seed * 1000 + i)
    info = tarfile.TarInfo(f"data/layer-{i}.bin")
    info.size, info.mtime, info.mode = size, 0, 0o644
    gzip = zlib.compressobj(1, zlib.DEFLATED, 31)  # wbits 31: gzip framing
    tar_hash, gz_hash, gz_size = hashlib.sha256(), hashlib.sha256(), 0
    tmp = os.path.join(blobs, f".partial-{i}")
    with open(tmp, "wb") as out:
        def feed(chunk):
            global gz_size
            tar_hash.update(chunk)
            packed = gzip.compress(chunk)
            gz_hash.update(packed); out.write(packed); gz_size += len(packed)
        feed(info.tobuf(format=tarfile.USTAR_FORMAT))
        left = size
        while left:
            n = min(left, 1 << 20)
            feed(rng.randbytes(n))
            left -= n
        feed(b"\0" * ((-size) % 512) + b"\0" * 1024)
        tail = gzip.flush()
        gz_hash.update(tail); out.write(tail); gz_size += len(tail)
    os.rename(tmp, os.path.join(blobs, gz_hash.hexdigest()))
    layers.append({"mediaType": "application/vnd.oci.image.layer.v1.tar+gzip",
                   "digest": "sha256:" + gz_hash.hexdigest(), "size": gz_size})
    diff_ids.append("sha256:" + tar_hash.hexdigest())

config = put(json.dumps({"architecture": "amd64", "os": "linux", "config": {},
                         "rootfs": {"type": "layers", "diff_ids": diff_ids}}).encode())
config["mediaType"] = "application/vnd.oci.image.config.v1+json"
manifest = put(json.dumps({"schemaVersion": 2, "mediaType": "application/vnd.oci.image.manifest.v1+json",
                           "config": config, "layers": layers}).encode())
manifest.update(mediaType="application/vnd.oci.image.manifest.v1+json",
                annotations={"org.opencontainers.image.ref.name": "bench"})
with open(os.path.join(layout, "index.json"), "w") as f:
    json.dump({"schemaVersion": 2, "manifests": [manifest]}, f)
with open(os.path.join(layout, "oci-layout"), "w") as f:
    json.dump({"imageLayoutVersion": "1.0.0"}, f)
with open(layout + ".blobs", "w") as f:
    for blob in [config] + layers:
        f.write(f"{blob['digest'][7:]} {blob['size']}\n")
print(manifest["digest"])
EOF
}

# The raw limit: one curl per blob, 4 at a time (berth's parallelism), monolithic uploads.
cat > "$work/raw-blob.sh" <<'EOF'
#!/usr/bin/env bash
# raw-blob.sh MODE DIGEST_HEX; MODE pull|push|copy; env SRC (registry repo URL), DST (repo URL), LAYOUT, OUT.
set -euo pipefail
mode="$1" hex="$2"
upload_url() { # POST an upload session, print its Location with the digest appended
  local location
  location="$(curl -sf -X POST -D - -o /dev/null "$DST/blobs/uploads/" | tr -d '\r' | sed -n 's/^[Ll]ocation: //p')"
  case "$location" in /*) location="${DST%%/v2/*}$location" ;; esac
  case "$location" in *\?*) echo "$location&digest=sha256:$hex" ;; *) echo "$location?digest=sha256:$hex" ;; esac
}
case "$mode" in
  pull) curl -sf -o "$OUT/$hex" "$SRC/blobs/sha256:$hex" ;;
  push) curl -sf -o /dev/null -H 'Expect:' -H 'Content-Type: application/octet-stream' -T "$LAYOUT/blobs/sha256/$hex" "$(upload_url)" ;;
  copy) curl -sf "$SRC/blobs/sha256:$hex" | curl -sf -o /dev/null -H 'Expect:' -H 'Content-Type: application/octet-stream' -T - "$(upload_url)" ;;
esac
EOF
chmod +x "$work/raw-blob.sh"
raw() { # MODE: every blob of the test image, 4 curls at a time
  cut -d' ' -f1 "$work/src.blobs" | xargs -P4 -n1 "$work/raw-blob.sh" "$1"
}

# children_cpu VAR: sets VAR to the user and system time ("1m2.345s 0m0.500s") of all the children this shell has
# waited for so far: bash's `times`, through a file and `read`, since in a subshell it would report the subshell's.
children_cpu() {
  times > "$work/times.txt"
  { read -r _; read -r "$1"; } < "$work/times.txt"
}

# measure SCENARIO TOOL ROUND CMD...: wall time and CPU time (user + system of CMD and its children) into
# results.tsv (CMD's output into a log). CPU time moves little with the machine's load; wall time does.
measure() {
  local scenario="$1" tool="$2" round="$3"; shift 3
  local logfile="$work/logs/$scenario-$tool-$round.log" start end cpu_start cpu_end
  children_cpu cpu_start
  start=$EPOCHREALTIME
  if ! "$@" > "$logfile" 2>&1; then
    echo "transfer-benchmark: $scenario/$tool round $round failed:" >&2; tail -n 20 "$logfile" >&2; exit 1
  fi
  end=$EPOCHREALTIME
  children_cpu cpu_end
  local seconds cpu
  seconds="$(python3 -c "print(f'{$end - $start:.3f}')")"
  cpu="$(python3 -c 'import re, sys
secs = lambda t: sum(int(m) * 60 + float(s) for m, s in re.findall(r"(\d+)m([\d.]+)s", t))
print(f"{secs(sys.argv[2]) - secs(sys.argv[1]):.2f}")' "$cpu_start" "$cpu_end")"
  printf '%s\t%s\t%s\t%s\t%s\n' "$scenario" "$tool" "$round" "$seconds" "$cpu" >> "$work/results.tsv"
  log "$scenario $tool round $round: $seconds s, $cpu CPU-s"
}

api() { echo "http://${1%%/*}/v2/${1#*/}"; } # HOST:PORT/REPO -> its API base URL
manifest_digest_at() { # HOST:PORT/REPO TAG
  curl -sf -I -H 'Accept: application/vnd.oci.image.manifest.v1+json' "$(api "$1")/manifests/$2" | tr -d '\r' \
    | sed -n 's/^[Dd]ocker-[Cc]ontent-[Dd]igest: //p'
}
check_digest() { # WHAT ACTUAL: the copy must keep the source digest
  [ "$2" = "$image_digest" ] || { echo "transfer-benchmark: $1 has digest '$2', not $image_digest" >&2; exit 1; }
}
layout_digest() { python3 -c 'import json,sys; print(json.load(open(sys.argv[1]+"/index.json"))["manifests"][0]["digest"])' "$1"; }

mkdir -p "$work/logs" target/bench-work
: > "$work/results.tsv"
java_version="$(source bin/find-java.sh && "$(find_java)" -version 2>&1 | head -n 1)"

log "generating $size in $layers gzip layers"
gen_start=$EPOCHREALTIME
image_digest="$(generate "$work/src" "$total_bytes" "$layers" 1)"
log "generated in $(python3 -c "print(round($EPOCHREALTIME - $gen_start, 1))") s: $image_digest"
compressed_bytes="$(awk '{s += $2} END {print s}' "$work/src.blobs")"

start_registry source
src_port=$reg_port
src_repo="127.0.0.1:$src_port/bench/src"
"${tool_env[@]}" skopeo --insecure-policy copy -q --preserve-digests --dest-tls-verify=false \
  "oci:$work/src:bench" "docker://$src_repo:1" > "$work/logs/seed.log" 2>&1
check_digest "the seeded source" "$(manifest_digest_at "$src_repo" 1 | head -n 1)"
# Warm the source registry's files into the page cache (first reads would otherwise favour whoever goes second).
mkdir -p "$work/warm"; SRC="$(api "$src_repo")" OUT="$work/warm" raw pull; rm -rf "$work/warm"

# One untimed copy each first: bin/berth keeps the classes a command loads in a class-data archive in its cache
# directory, written by that command's first run (as for anyone who has used berth copy before); skopeo's binary
# gets into the page cache the same way.
"${tool_env[@]}" bin/berth copy --src-plain-http "docker://$src_repo:1" "oci:$work/warm-berth:bench" > "$work/logs/warm-berth.log" 2>&1
"${tool_env[@]}" skopeo --insecure-policy copy -q --preserve-digests --src-tls-verify=false "docker://$src_repo:1" \
  "oci:$work/warm-skopeo:bench" > "$work/logs/warm-skopeo.log" 2>&1
rm -rf "$work/warm-berth" "$work/warm-skopeo"

startup=()
"${tool_env[@]}" bin/berth --version > /dev/null # untimed: writes the archive of the commands that are not copy
for i in 1 2 3; do s=$EPOCHREALTIME; "${tool_env[@]}" bin/berth --version > /dev/null; startup+=("$(python3 -c "print(f'{$EPOCHREALTIME - $s:.3f}')")"); done
log "JVM start-up (bin/berth --version): ${startup[*]} s"

run_pull() { # TOOL ROUND
  local dir="$work/pull-$1-$2"
  case "$1" in
    berth) measure pull berth "$2" "${tool_env[@]}" bin/berth copy --json --src-plain-http "docker://$src_repo:1" "oci:$dir:bench" ;;
    skopeo) measure pull skopeo "$2" "${tool_env[@]}" skopeo --insecure-policy copy --preserve-digests --src-tls-verify=false \
      "docker://$src_repo:1" "oci:$dir:bench" ;;
    raw) mkdir -p "$dir"; SRC="$(api "$src_repo")" OUT="$dir" measure pull raw "$2" raw pull ;;
  esac
  [ "$1" = raw ] || check_digest "pull by $1" "$(layout_digest "$dir")"
  rm -rf "$dir"
}

run_to_registry() { # SCENARIO(push|copy) TOOL ROUND: into a destination registry started fresh for this run
  local scenario="$1" tool="$2" round="$3"
  start_registry "dest-$scenario-$tool-$round"
  local dst_pid=$reg_pid dst_repo="127.0.0.1:$reg_port/$scenario/$tool"
  local from_berth from_skopeo
  if [ "$scenario" = push ]; then
    from_berth=("oci:$work/src:bench") from_skopeo=(--preserve-digests "oci:$work/src:bench")
  else
    from_berth=(--src-plain-http "docker://$src_repo:1") from_skopeo=(--preserve-digests --src-tls-verify=false "docker://$src_repo:1")
  fi
  case "$tool" in
    berth) measure "$scenario" berth "$round" "${tool_env[@]}" bin/berth copy --json --dest-plain-http "${from_berth[@]}" "docker://$dst_repo:1" ;;
    skopeo) measure "$scenario" skopeo "$round" "${tool_env[@]}" skopeo --insecure-policy copy --dest-tls-verify=false \
      "${from_skopeo[@]}" "docker://$dst_repo:1" ;;
    raw) SRC="$(api "$src_repo")" DST="$(api "$dst_repo")" LAYOUT="$work/src" measure "$scenario" raw "$round" raw "$scenario" ;;
  esac
  [ "$tool" = raw ] || check_digest "$scenario by $tool" "$(manifest_digest_at "$dst_repo" 1)"
  stop_registry "$dst_pid" "dest-$scenario-$tool-$round"
}

tools=(berth skopeo raw)
for round in $(seq 1 "$rounds"); do
  # Rotate who goes first: berth skopeo raw, skopeo raw berth, raw berth skopeo, ...
  order=()
  for i in 0 1 2; do order+=("${tools[$(((round - 1 + i) % 3))]}"); done
  for tool in "${order[@]}"; do run_pull "$tool" "$round"; done
  for tool in "${order[@]}"; do run_to_registry push "$tool" "$round"; done
  for tool in "${order[@]}"; do run_to_registry copy "$tool" "$round"; done
done

heap_lines=""
if $heap_check; then
  log "heap check: generating a $heap_size single-layer image"
  heap_digest="$(generate "$work/heap" "$heap_bytes" 1 2)"
  "${tool_env[@]}" skopeo --insecure-policy copy -q --preserve-digests --dest-tls-verify=false \
    "oci:$work/heap:bench" "docker://127.0.0.1:$src_port/bench/heap:1" > "$work/logs/heap-seed.log" 2>&1
  rm -rf "$work/heap" "$work/heap.blobs"
  heap_run() { # SCENARIO DEST...: berth copy under -Xmx256m with a GC log; prints a report line
    local scenario="$1"; shift
    local gclog="$work/gc-$scenario.log" status=completed start
    start=$EPOCHREALTIME
    BERTH_JAVA_OPTS="-Xmx256m -Xlog:gc,gc+exit:file=$gclog" "${tool_env[@]}" bin/berth copy --json --src-plain-http "$@" \
      > "$work/logs/heap-$scenario.log" 2>&1 || status="FAILED ($(tail -n 1 "$work/logs/heap-$scenario.log"))"
    python3 - "$gclog" "$scenario" "$status" "$(python3 -c "print(round($EPOCHREALTIME - $start, 1))")" <<'EOF'
import re, sys
path, scenario, status, seconds = sys.argv[1:]
used = [(int(a), int(b), int(c)) for a, b, c in re.findall(r"(\d+)M->(\d+)M\((\d+)M\)", open(path).read())]
peak = max((u[0] for u in used), default=0)
after = max((u[1] for u in used), default=0)
committed = max((u[2] for u in used), default=0)
at_exit = re.search(r"heap.*?total.*?committed (\d+)K, used (\d+)K", open(path).read())  # gc+exit
if at_exit: peak = max(peak, int(at_exit.group(2)) // 1024)
print(f"| {scenario} | -Xmx256m | {status} in {seconds} s | {len(used)} | {peak} MiB | {after} MiB | {committed} MiB |")
EOF
  }
  heap_lines="$(heap_run pull "docker://127.0.0.1:$src_port/bench/heap:1" "oci:$work/heap-pull:bench")"
  rm -rf "$work/heap-pull"
  start_registry dest-heap
  heap_lines+=$'\n'"$(heap_run copy --dest-plain-http "docker://127.0.0.1:$src_port/bench/heap:1" "docker://127.0.0.1:$reg_port/heap/berth:1")"
  stop_registry "$reg_pid" dest-heap
fi

report="target/bench-work/transfer-results.md"
machine="$(nproc) cores, $(free -g | awk '/^Mem:/ {print $2}') GiB RAM, load average $(cut -d' ' -f1-3 /proc/loadavg) at the end; \
$(skopeo --version); $java_version; $("$registry_bin" --version 2>&1 | head -n 1)"
python3 - "$work/results.tsv" "$work/logs" "$total_bytes" "$compressed_bytes" "$layers" "$rounds" "${startup[*]}" "$machine" <<'EOF' > "$report"
import json, os, statistics, sys
rows, logs, total, compressed, layers, rounds, startup, machine = sys.argv[1:]
times, cpu = {}, {}
for line in open(rows):
    scenario, tool, rnd, sec, cpu_sec = line.split("\t")
    times.setdefault((scenario, tool), []).append(float(sec))
    cpu.setdefault((scenario, tool), []).append(float(cpu_sec))
def inner(scenario):  # berth's own "seconds" (copy only, without JVM start-up)
    out = []
    for name in sorted(os.listdir(logs)):
        if name.startswith(f"{scenario}-berth-"):
            text = open(os.path.join(logs, name)).read()
            try: out.append(json.loads(text[text.index("{"):])["seconds"])
            except (ValueError, KeyError): pass
    return out
mib = int(compressed) / 2**20
print(f"Image: {layers} gzip layers, {int(total)/2**20:.0f} MiB of random data ({mib:.0f} MiB compressed); {rounds} rounds, order rotated each round.")
print(f"Machine: {machine}.")
print(f"JVM start-up, `bin/berth --version`: {', '.join(startup.split())} s.")
print()
print("| scenario | raw curl -P4 | skopeo --preserve-digests | berth | berth/skopeo | target | berth/raw | berth in-process (no JVM start) |")
print("|---|---:|---:|---:|---:|---:|---:|---:|")
targets = {"pull": 0.6, "push": 0.7, "copy": 0.6}
names = {"pull": "pull registry → OCI layout", "push": "push OCI layout → registry", "copy": "registry → registry"}
for scenario in ("pull", "push", "copy"):
    if (scenario, "berth") not in times: continue  # --rounds 0: only the heap check
    cell, med = {}, {}
    for tool in ("raw", "skopeo", "berth"):
        t = times.get((scenario, tool), [])
        med[tool] = statistics.median(t)
        cell[tool] = f"{med[tool]:.2f} s ({min(t):.2f}–{max(t):.2f}), {mib / med[tool]:.0f} MiB/s"
    ratio = med["berth"] / med["skopeo"]
    verdict = "met" if ratio <= targets[scenario] else "not met"
    own = inner(scenario)
    own_cell = f"{statistics.median(own):.2f} s" if own else "-"
    print(f"| {names[scenario]} | {cell['raw']} | {cell['skopeo']} | {cell['berth']} | **{ratio:.2f}** | ≤ {targets[scenario]} ({verdict}) | {med['berth'] / med['raw']:.2f} | {own_cell} |")
print()
print("CPU time (user + system of the client and its child processes, not the registry's), median (min–max):")
print()
print("| scenario | raw curl -P4 | skopeo | berth | berth/skopeo |")
print("|---|---:|---:|---:|---:|")
for scenario in ("pull", "push", "copy"):
    if (scenario, "berth") not in cpu: continue
    med = {tool: statistics.median(cpu[(scenario, tool)]) for tool in ("raw", "skopeo", "berth")}
    cells = [f"{med[tool]:.2f} s ({min(cpu[(scenario, tool)]):.2f}–{max(cpu[(scenario, tool)]):.2f})" for tool in ("raw", "skopeo", "berth")]
    print(f"| {names[scenario]} | {' | '.join(cells)} | {med['berth'] / med['skopeo']:.2f} |")
print()
print("Raw times (s, wall / CPU), per round in run order:")
for (scenario, tool), t in times.items():
    print(f"- {scenario} {tool}: {', '.join(f'{x:.2f} / {c:.2f}' for x, c in zip(t, cpu[(scenario, tool)]))}")
EOF
if [ -n "$heap_lines" ]; then
  {
    echo
    echo "Heap check: a $heap_size single-layer image, berth copy with BERTH_JAVA_OPTS=\"-Xmx256m -Xlog:gc,gc+exit\"."
    echo
    echo "| copy | heap limit | result | GCs | peak used (before a GC or at exit) | max used after a GC | max committed |"
    echo "|---|---|---|---:|---:|---:|---:|"
    echo "$heap_lines"
  } >> "$report"
fi
cat "$report"
