#!/usr/bin/env bash
# What iolab's probes cost a fast workload (see pairs_common.sh): the median IOPS ratio (with /
# without) of the full default probe set and of each probe alone, with their default sampling
# windows, and of the default set at --duty 100 (every event) for comparison; beside each, the
# cost iolab itself states for the run (`iolab show`: recording cost ≈ X% of IOPS), median.
#   bench/cost_overhead.sh [BUILD_DIR] [PAIRS] [SECONDS] [CLOCKSOURCE]  (build, 5, 5, cpu)
# With CLOCKSOURCE clock_gettime fio reads the clock through libc on every IO (the libc clock
# path's worst case; target: at least 0.95 of the IOPS).
# Needs root and fio. Target: the default set loses at most 1% (median ratio >= 0.99).
set -euo pipefail
bench_name=costbench
source "$(dirname "$0")/pairs_common.sh"

plain_iops() {
    fio --output-format=json --output="$work/plain.json" "$work/job.fio" >/dev/null
    python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["jobs"][0]["read"]["iops"])' \
        "$work/plain.json"
}

# $@: iolab record options. Prints fio's IOPS and the IOPS share iolab states it cost.
recorded_iops() {
    rm -f "$work/runs.db"
    "$iolab" record -o "$work/runs.db" "$@" -- fio "$work/job.fio" >/dev/null 2>"$work/record.err" ||
        { cat "$work/record.err" >&2; exit 3; }
    "$iolab" show -o "$work/runs.db" --json |
        python3 -c 'import json,sys
j = json.load(sys.stdin)
print(j["fio_jobs"][0]["iops"], j.get("recording_cost", {}).get("iops_share", 0))'
}

# The iolab record options of configuration $1.
options_of() {
    case $1 in
    default) ;;
    default-every) echo --duty 100 ;;
    *) echo --probe "$1" ;;
    esac
}

echo "uptime: $(uptime)"
echo "device: $device, $pairs pairs of ${seconds}s runs per configuration, fio clocksource=$clocksource"
printf '%-14s %12s %12s %8s %16s %10s\n' CONFIG "IOPS ALONE" "IOPS WITH" RATIO "MIN-MAX RATIO" \
    "STATED"
for config in ${IOLAB_BENCH_CONFIGS:-default block clock lock alloc cpu default-every}; do
    ratios=() alone=() with=() stated=()
    for ((i = 0; i < pairs; i++)); do
        a=$(plain_iops)
        # shellcheck disable=SC2046 # options_of prints words meant to split
        read -r w share < <(recorded_iops $(options_of "$config"))
        alone+=("$a") with+=("$w") stated+=("$(awk -v s="$share" 'BEGIN { printf "%.4f", 1 - s }')")
        ratios+=("$(ratio "$w" "$a")")
    done
    printf '%-14s %12.0f %12.0f %8.3f %8.3f-%-7.3f %10.3f\n' "$config" \
        "$(printf '%s\n' "${alone[@]}" | median)" "$(printf '%s\n' "${with[@]}" | median)" \
        "$(printf '%s\n' "${ratios[@]}" | median)" \
        "$(printf '%s\n' "${ratios[@]}" | sort -g | head -1)" \
        "$(printf '%s\n' "${ratios[@]}" | sort -g | tail -1)" \
        "$(printf '%s\n' "${stated[@]}" | median)"
done
echo "uptime: $(uptime)"
