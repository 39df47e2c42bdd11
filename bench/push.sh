#!/usr/bin/env bash
# Times `iolab push` of RUNS runs (default 1,000) from a SQLite file into a private PostgreSQL 15
# server (started here, durable: fsync and synchronous commit on, stopped and removed at the
# end). The runs are the synthetic history of bench/history.sh (bench/history_runs.cpp: real fio
# JSON, 3 jobs with percentiles and clat histograms each). Target: < 30 s. Then times the same
# push again, which copies nothing (every run's identity is already on the server).
#   bench/push.sh [BUILD_DIR] [RUNS]
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
build=$(cd "${1:-$root/build}" && pwd)
runs=${2:-1000}
iolab=$build/cli/iolab
work=$(mktemp -d /tmp/iolab-bench.XXXXXX)
chmod 755 "$work" # the server's own user reaches its socket directory through it
trap '"$build/tests/iolab_test_postgres" stop "$work/pg"; rm -rf "$work"' EXIT

"$build/bench/history_runs" "$root/tests/data/import/fio_jobs.json" "$work/history.db" "$runs"
"$build/tests/iolab_test_postgres" start "$work/pg" $$ durable
uri="postgresql:///postgres?host=$work/pg&user=postgres"

timed() {
    local start end
    start=$(date +%s.%N)
    "$iolab" push --db "$work/history.db" --to "$uri" $(seq 1 "$runs") >"$work/out.txt"
    end=$(date +%s.%N)
    awk -v s="$start" -v e="$end" -v what="$1" -v n="$runs" \
        'BEGIN { printf "%-28s %d runs  %.2f s  (%.1f ms per run)\n", what, n, e - s, (e - s) * 1000 / n }'
    tail -1 "$work/out.txt"
}

timed "push (copies every run)"
timed "push again (copies none)"
"$iolab" db check --db "$uri" | grep -E '^(runs|integrity)'
