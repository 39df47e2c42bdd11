#!/usr/bin/env bash
# What iolab's probes cost a fast workload: fio 4 KiB random reads (libaio, direct, depth 32) on
# the test loop device, alone and under `iolab record`, in interleaved pairs so drift of a
# shared machine hits both sides alike. Prints the median IOPS ratio (with / without) of the
# full default probe set and of each probe alone.
#   bench/cost_overhead.sh [BUILD_DIR] [PAIRS] [SECONDS]    (defaults: build, 5, 5)
# Needs root and fio. Target: the default set loses at most 3% (median ratio >= 0.97).
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
build=$(cd "${1:-$root/build}" && pwd)
pairs=${2:-5}
seconds=${3:-5}
iolab=$build/collector/iolab
work=$(mktemp -d /tmp/iolab-cost-bench.XXXXXX)
trap '"$root/scripts/testdev" down costbench >/dev/null 2>&1 || true; rm -rf "$work"' EXIT

[[ $(id -u) -eq 0 ]] || { echo "cost_overhead: needs root" >&2; exit 3; }
device=$("$root/scripts/testdev" up costbench | tail -1)
cat >"$work/job.fio" <<JOB
[randread]
filename=$device
rw=randread
bs=4k
direct=1
ioengine=libaio
iodepth=32
time_based=1
runtime=$seconds
clocksource=cpu
JOB

plain_iops() {
    fio --output-format=json --output="$work/plain.json" "$work/job.fio" >/dev/null
    python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["jobs"][0]["read"]["iops"])' \
        "$work/plain.json"
}

# $@: --probe options (none: the default set)
recorded_iops() {
    rm -f "$work/runs.db"
    "$iolab" record -o "$work/runs.db" "$@" -- fio "$work/job.fio" >/dev/null 2>"$work/record.err" ||
        { cat "$work/record.err" >&2; exit 3; }
    "$iolab" show -o "$work/runs.db" --json |
        python3 -c 'import json,sys; print(json.load(sys.stdin)["fio_jobs"][0]["iops"])'
}

median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

echo "uptime: $(uptime)"
echo "device: $device, $pairs pairs of ${seconds}s runs per configuration"
printf '%-10s %12s %12s %8s %16s\n' CONFIG "IOPS ALONE" "IOPS WITH" RATIO "MIN-MAX RATIO"
for config in ${IOLAB_BENCH_CONFIGS:-default block clock lock alloc cpu}; do
    ratios=()
    alone=()
    with=()
    for ((i = 0; i < pairs; i++)); do
        a=$(plain_iops)
        if [[ $config == default ]]; then
            w=$(recorded_iops)
        else
            w=$(recorded_iops --probe "$config")
        fi
        alone+=("$a")
        with+=("$w")
        ratios+=("$(awk -v a="$a" -v w="$w" 'BEGIN { printf "%.4f", w / a }')")
    done
    printf '%-10s %12.0f %12.0f %8.3f %8.3f-%-7.3f\n' "$config" \
        "$(printf '%s\n' "${alone[@]}" | median)" "$(printf '%s\n' "${with[@]}" | median)" \
        "$(printf '%s\n' "${ratios[@]}" | median)" \
        "$(printf '%s\n' "${ratios[@]}" | sort -g | head -1)" \
        "$(printf '%s\n' "${ratios[@]}" | sort -g | tail -1)"
done
echo "uptime: $(uptime)"
