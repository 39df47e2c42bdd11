#!/usr/bin/env bash
# Times `iolab history` over a long history: RUNS runs (default 10,000) made from a real fio
# JSON output (tests/data/import/fio_jobs.json: 3 jobs, 4 job directions) with two known steps
# (bench/history_runs.cpp). Target: < 1 s for one job's IOPS history. One timing each (the
# machine is shared); the times are wall clock, including opening the database.
#   bench/history.sh [BUILD_DIR] [RUNS]
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
build=$(cd "${1:-$root/build}" && pwd)
runs=${2:-10000}
iolab=$build/cli/iolab
work=$(mktemp -d /tmp/iolab-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT

"$build/bench/history_runs" "$root/tests/data/import/fio_jobs.json" "$work/history.db" "$runs"
ls -l "$work/history.db" | awk '{ printf "database: %.1f MB\n", $5 / 1e6 }'

timed() {
    local start end
    start=$(date +%s.%N)
    "$iolab" history --db "$work/history.db" "$@" >"$work/out.txt"
    end=$(date +%s.%N)
    awk -v s="$start" -v e="$end" -v what="$*" \
        'BEGIN { printf "iolab history %-32s %.3f s\n", what, e - s }'
}

timed --job randread
grep -A4 '^randread/read' "$work/out.txt"
timed --job randread --metric p99
timed
grep -c 'change point' "$work/out.txt" | awk '{ print "lines naming change points: " $1 }'
