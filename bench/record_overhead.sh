#!/usr/bin/env bash
# What block-latency observers cost a fast workload (see pairs_common.sh), side by side:
#   block        iolab record --probe block (its default sampling windows, 5% of the time)
#   block-every  the same with --duty 100: every IO (kernel stamps, one program per IO)
#   block-map    every IO, forced onto the fallback (in-flight map at insert/issue/complete)
#   default      iolab record with its default probe set and windows
#   biolatency   Debian's libbpf-tools biolatency -d DEVICE, for comparison
# Prints the median IOPS ratio (with / without) per observer, its range and fio's p99 clat.
#   bench/record_overhead.sh [BUILD_DIR] [PAIRS] [SECONDS]    (defaults: build, 5, 5)
# Needs root and fio. Target: the block probe loses at most 2% (median ratio >= 0.98).
set -euo pipefail
bench_name=recbench
observer_pid=
bench_cleanup() { [[ -z $observer_pid ]] || kill "$observer_pid" 2>/dev/null || true; }
source "$(dirname "$0")/pairs_common.sh"
disk=${device#/dev/}

# fio's read IOPS and p99 completion latency (us) from its JSON output file $1.
figures() {
    python3 -c 'import json,sys
r = json.load(open(sys.argv[1]))["jobs"][0]["read"]
print(r["iops"], r["clat_ns"]["percentile"]["99.000000"] / 1000)' "$1"
}

plain() {
    fio --output-format=json --output="$work/out.json" "$work/job.fio" >/dev/null
    figures "$work/out.json"
}

# $1: observer name
observed() {
    rm -f "$work"/runs.db*
    case $1 in
    block | block-every | default | block-map)
        local args=()
        [[ $1 == default ]] || args=(--probe block)
        [[ $1 == block-every || $1 == block-map ]] && args+=(--duty 100)
        [[ $1 == block-map ]] && args+=(--block-inflight-map)
        "$iolab" record -o "$work/runs.db" "${args[@]}" -- \
            fio --output-format=json --output="$work/out.json" "$work/job.fio" \
            >/dev/null 2>"$work/record.err" || { cat "$work/record.err" >&2; exit 3; }
        ;;
    biolatency)
        stdbuf -oL /usr/sbin/biolatency -d "$disk" >"$work/bio.out" 2>&1 &
        observer_pid=$!
        # Attached once it says so.
        for _ in $(seq 100); do grep -q "Hit Ctrl-C" "$work/bio.out" && break; sleep 0.1; done
        fio --output-format=json --output="$work/out.json" "$work/job.fio" >/dev/null
        kill -INT "$observer_pid"
        wait "$observer_pid" || true
        observer_pid=
        ;;
    esac
    figures "$work/out.json"
}

echo "uptime: $(uptime)"
echo "device: $device, $pairs interleaved pairs of ${seconds}s fio runs per observer"
printf '%-11s %11s %11s %7s %15s %13s\n' OBSERVER "IOPS ALONE" "IOPS WITH" RATIO "MIN-MAX RATIO" "P99 us A/W"
for observer in ${IOLAB_BENCH_OBSERVERS:-block block-every biolatency block-map default}; do
    ratios=() alone=() with=() p99a=() p99w=()
    for ((i = 0; i < pairs; i++)); do
        read -r a pa < <(plain)
        read -r w pw < <(observed "$observer")
        alone+=("$a") with+=("$w") p99a+=("$pa") p99w+=("$pw")
        ratios+=("$(ratio "$w" "$a")")
    done
    printf '%-11s %11.0f %11.0f %7.3f %7.3f-%-7.3f %6.0f/%-6.0f\n' "$observer" \
        "$(printf '%s\n' "${alone[@]}" | median)" "$(printf '%s\n' "${with[@]}" | median)" \
        "$(printf '%s\n' "${ratios[@]}" | median)" \
        "$(printf '%s\n' "${ratios[@]}" | sort -g | head -1)" \
        "$(printf '%s\n' "${ratios[@]}" | sort -g | tail -1)" \
        "$(printf '%s\n' "${p99a[@]}" | median)" "$(printf '%s\n' "${p99w[@]}" | median)"
done
echo "uptime: $(uptime)"
