#!/usr/bin/env bash
# What a profile of many distinct stacks costs: a folded file of 200,000 distinct stacks
# (8 to 14 frames each, drawn from 5,000 function names, about 60 MB) is imported, shown as a
# call tree and exported in each format; then one line holding a 100 MB frame name is imported.
# Prints the time, MB/s (per second of wall time and per CPU-second, user + system: on a shared
# machine the wall rate follows the load, printed first) and peak resident memory of each step.
#   bench/import_wide_folded.sh [BUILD_DIR] [STACKS]    (defaults: build, 200000)
# Targets: the import at >= 50 MB/s in < 500 MB; show --tree and every export in < 500 MB; the
# 100 MB name cut to 64 KiB (counted as import.truncated_frame_names).
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
build=$(cd "${1:-$root/build}" && pwd)
stacks=${2:-200000}
iolab=$build/cli/iolab
work=$(mktemp -d /tmp/iolab-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT

python3 - "$work/wide.folded" "$stacks" <<'EOF'
import random, sys
random.seed(7)
names = [f"module_{i % 97}::function_name_{i}" for i in range(5000)]
seen = set()
with open(sys.argv[1], "w") as out:
    while len(seen) < int(sys.argv[2]):
        stack = ";".join(random.choice(names) for _ in range(random.randint(8, 14)))
        if stack not in seen:
            seen.add(stack)
            out.write(f"{stack} {random.randint(1, 1000)}\n")
EOF
python3 -c 'import sys; open(sys.argv[1], "w").write("main;" + "x" * 100_000_000 + ";leaf 5\n")' \
    "$work/long.folded"

# $1: label, $2: input bytes (0: no rate), then the command. Prints seconds (wall and CPU),
# MB/s of each, peak MB.
measure() {
    local label=$1 bytes=$2
    shift 2
    python3 - "$label" "$bytes" "$@" <<'EOF'
import resource, subprocess, sys, time
label, size, command = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
start = time.monotonic()
result = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
seconds = time.monotonic() - start
if result.returncode != 0:
    sys.exit(f"{label}: exit {result.returncode}: {result.stderr.strip()}")
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
cpu = usage.ru_utime + usage.ru_stime
peak = usage.ru_maxrss / 1024
rate = (f"{size / 1e6 / seconds:7.1f} MB/s wall {size / 1e6 / cpu:7.1f} MB/CPU-s"
        if size else " " * 36)
print(f"{label:<22} {seconds:7.2f} s {cpu:6.2f} CPU-s {rate} {peak:7.0f} MB peak")
EOF
}

bytes=$(stat -c %s "$work/wide.folded")
echo "input: $stacks distinct stacks, $((bytes / 1000000)) MB; load: $(cut -d' ' -f1-3 /proc/loadavg)"
measure "import" "$bytes" "$iolab" import -o "$work/runs.db" "$work/wide.folded"
measure "show --tree" 0 "$iolab" show -o "$work/runs.db" --tree 1
for format in folded speedscope pprof; do
    measure "export $format" 0 "$iolab" export -o "$work/runs.db" --format "$format" \
        --output "$work/out.$format" 1
done
measure "import 100 MB name" "$(stat -c %s "$work/long.folded")" \
    "$iolab" import --format folded -o "$work/long.db" "$work/long.folded"
"$iolab" show -o "$work/long.db" --json | python3 -c '
import json, sys
cut = [c for c in json.load(sys.stdin)["counters"] if c["name"] == "import.truncated_frame_names"]
print("frame names cut:", int(cut[0]["value"]) if cut else 0)'
