#!/usr/bin/env bash
# Imports a >= 200 MB `perf script` text with call chains (deep stacks) and a shallow,
# sample-dense one (no call chains: one line per sample) and reports MB/s, samples/s and peak
# memory, beside the rate at which `perf script` itself produced the text. Targets: >= 500 MB/s
# on the deep file, >= 300 MB/s on the shallow one (in-process import). Each rate is given per
# second of wall time and per CPU-second (user + system): on a shared machine the wall rate
# follows the load, printed first.
#   bench/import_perf_script.sh [BUILD_DIR] [MIB]    (defaults: build, 210)
# Needs root (perf record -a) and fio. Works in a temporary directory, removed at the end.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
build=$(cd "${1:-$root/build}" && pwd)
mib=${2:-210}
iolab=$build/cli/iolab
bench=$build/bench/import_perf_script
work=$(mktemp -d /tmp/iolab-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT

echo "load: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) CPUs"
echo "== recording: perf record -g -a -F 999 of a 5 s fio random read (page cache)"
fio --name=prep --filename="$work/data" --size=32M --rw=write --bs=1M --output=/dev/null
perf record -q -g -a -F 999 -o "$work/perf.data" -- fio --name=bench --filename="$work/data" \
    --size=32M --rw=randread --bs=4k --ioengine=psync --runtime=5 --time_based \
    --output=/dev/null 2>/dev/null
echo "== recording without call chains (the shallow, sample-dense text)"
perf record -q -a -F 999 -o "$work/flat.data" -- fio --name=bench --filename="$work/data" \
    --size=32M --rw=randread --bs=4k --ioengine=psync --runtime=5 --time_based \
    --output=/dev/null 2>/dev/null
perf script -i "$work/flat.data" >"$work/flat-seed.txt" 2>/dev/null

echo "== perf script (the text's producer)"
start=$(date +%s.%N)
perf script -i "$work/perf.data" >"$work/seed.txt" 2>/dev/null
end=$(date +%s.%N)
seed_bytes=$(stat -c %s "$work/seed.txt")
awk -v b="$seed_bytes" -v s="$start" -v e="$end" \
    'BEGIN { printf "perf script: %.1f MB in %.2f s = %.1f MB/s\n", b/1e6, e-s, b/1e6/(e-s) }'

echo "== generating ${mib} MiB by replicating the recording (pids shifted per copy)"
"$bench" generate "$work/seed.txt" "$work/big.txt" "$mib"
half=$((mib / 2))
"$bench" generate "$work/seed.txt" "$work/half.txt" "$half" >/dev/null

echo "== iolab import (end to end: parse, build the profile, write the run to SQLite)"
bytes=$(stat -c %s "$work/big.txt")
for file in half big; do
    /usr/bin/time -f "%e %U %S %M" -o "$work/time.$file" \
        "$iolab" import --db "$work/bench.db" "$work/$file.txt" >"$work/out.$file"
    read -r seconds user system rss_kb <"$work/time.$file"
    size=$(stat -c %s "$work/$file.txt")
    samples=$(sed -E 's/.*perf-script, ([0-9]+) samples.*/\1/' "$work/out.$file")
    awk -v b="$size" -v s="$seconds" -v u="$user" -v y="$system" -v n="$samples" -v r="$rss_kb" \
        -v f="$file" 'BEGIN { c = u + y;
        printf "iolab import %s: %.1f MB in %.2f s = %.1f MB/s wall, %.2f CPU-s = %.1f MB per CPU-second, %d samples = %.0f samples/s, peak RSS %.1f MiB\n", f, b/1e6, s, b/1e6/s, c, b/1e6/c, n, n/s, r/1024 }'
done

echo "== in-process import (parser and profile only), deep stacks"
"$bench" import "$work/big.txt"
echo "== in-process import, shallow and sample-dense (one line per sample)"
"$bench" generate "$work/flat-seed.txt" "$work/flat.txt" "$half" >/dev/null
"$bench" import "$work/flat.txt"
echo "(peak RSS of half and full file should match: memory follows the unique stacks, not the size)"
echo "load: $(cut -d' ' -f1-3 /proc/loadavg)"
