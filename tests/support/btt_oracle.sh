#!/usr/bin/env bash
# The independent observer of the block phases tests: blktrace's events for one device, taken
# through the kernel's ftrace blk tracer while COMMAND runs, then blkparse and btt over them.
#   btt_oracle.sh DEVICE OUTDIR -- COMMAND...
#   btt_oracle.sh --windows OUTDIR SPANS     btt again over the traces inside SPANS alone
# Prints btt's figures as "NAME N MEAN_NS" lines (Q2G, G2I, I2D, D2C, Q2C, Q2M; N is btt's
# count) and "merges N", "requests N" from blkparse; OUTDIR keeps btt.txt, blkparse.txt and
# the command's output (command.out), d2c_*_d2c.dat each IO's D2C. The traces are stamped with CLOCK_MONOTONIC (ftrace's
# "mono" clock, bpf_ktime_get_ns()'s), so SPANS ("OPEN-CLOSE ...", ns) can be iolab's sampling
# windows (record.window_spans_ns) and btt then times what iolab could see.
# blktrace's own relay files need debugfs, which this machine refuses; the ftrace blk tracer
# records the same events (kernel/trace/blktrace.c) in the same binary layout. Every tracing
# setting it changes is restored on exit, also on failure. Needs root.
set -euo pipefail
script_dir=$(dirname "$0")
# blkparse and btt over OUTDIR's ftrace.bin, restricted to SPANS when given; prints the figures.
figures() {
    local out=$1 spans=${2:-}
    rm -f "$out"/trace.blktrace.*
    python3 "$script_dir/ftrace_to_blktrace.py" "$out/ftrace.bin" "$out/trace" ${spans:+"$spans"} >/dev/null
    blkparse -i "$out/trace" -d "$out/trace.bin" >"$out/blkparse.txt"
    # btt writes its per-device data files into the current directory.
    # and each IO's D2C ("SECONDS LATENCY_SECONDS" lines) into d2c_MAJOR,MINOR_d2c.dat.
    rm -f "$out"/d2c_*_d2c.dat
    (cd "$out" && btt -i trace.bin -l d2c >btt.txt)
    # btt's "All Devices" table: NAME MIN AVG MAX N, times in seconds.
    awk '/^==================== All Devices/ {on = 1; next}
         /^====================/ {on = 0}
         on && $1 ~ /^(Q2G|G2I|I2D|D2C|Q2C|Q2M)$/ {printf "%s %d %.1f\n", $1, $5, $3 * 1e9}' \
        "$out/btt.txt"
    # blkparse's summary: one section per CPU, then "Total" when there were several.
    awk '/^Total \(/ {m = 0; c = 0}
         /Read Merges:/ {gsub(",", ""); m += $3 + $7}
         /Reads Completed:/ {gsub(",", ""); c += $3 + $7}
         END {printf "merges %d\nrequests %d\n", m, c}' "$out/blkparse.txt"
}

if [[ ${1:-} == --windows ]]; then
    figures "$2" "$3"
    exit 0
fi
device=${1#/dev/}
out=$2
shift 3
tracing=/sys/kernel/tracing
[[ -w $tracing/current_tracer ]] || { echo "btt_oracle: no writable tracefs at $tracing" >&2; exit 3; }
# The tracer is one for the whole machine: test processes running side by side take turns
# (the lock), and wait a bounded time for any other user of it to finish.
exec 9>/run/lock/iolab-btt-oracle.lock
flock -w 900 9 || { echo "btt_oracle: tracefs tracer still locked after 900 s" >&2; exit 3; }
for _ in $(seq 300); do
    [[ $(<$tracing/current_tracer) == nop ]] && break
    sleep 1
done
[[ $(<$tracing/current_tracer) == nop ]] || { echo "btt_oracle: tracefs tracer busy" >&2; exit 3; }

old_buffer=$(<$tracing/buffer_size_kb)
old_clock=$(sed 's/.*\[\(.*\)\].*/\1/' $tracing/trace_clock)
reader=
restore() {
    echo 0 >"/sys/block/$device/trace/enable" 2>/dev/null || true
    [[ -z $reader ]] || { kill "$reader" 2>/dev/null; wait "$reader" 2>/dev/null || true; }
    echo nop >$tracing/current_tracer
    echo 0 >$tracing/options/bin
    echo "$old_buffer" >$tracing/buffer_size_kb
    echo "$old_clock" >$tracing/trace_clock
}
trap restore EXIT

mkdir -p "$out"
echo 65536 >$tracing/buffer_size_kb
echo mono >$tracing/trace_clock
echo >$tracing/trace
echo 1 >$tracing/options/bin
echo blk >$tracing/current_tracer
cat $tracing/trace_pipe >"$out/ftrace.bin" &
reader=$!
echo 1 >"/sys/block/$device/trace/enable"
status=0
"$@" >"$out/command.out" || status=$?
echo 0 >"/sys/block/$device/trace/enable"
# The reader drains what is left in the buffer, then stops.
sleep 1
overruns=$(awk '/^overrun/ {s += $2} END {print s + 0}' $tracing/per_cpu/cpu*/stats)
restore
reader=
trap - EXIT
[[ $status -eq 0 ]] || { echo "btt_oracle: the command failed ($status)" >&2; exit "$status"; }
[[ $overruns -eq 0 ]] || { echo "btt_oracle: ftrace lost $overruns events" >&2; exit 3; }

figures "$out"
