# Shared by bench/record_overhead.sh and bench/cost_overhead.sh (sourced, not run): fio 4 KiB
# random reads (libaio, direct IO, depth 32) on a loop test device of the bench's own, alone and
# observed, in interleaved pairs so that the drift of a shared machine hits both sides alike.
# Before sourcing, set bench_name; arguments: [BUILD_DIR] [PAIRS] [SECONDS] [CLOCKSOURCE]
# (build, 5, 5, cpu; clock_gettime makes fio read the clock through libc about 5 times per IO).
# Sets root, build, pairs, seconds, iolab, work (removed on exit), device and $work/job.fio;
# defines median and ratio. A script may define bench_cleanup, which runs on exit first.

root=$(cd "$(dirname "$0")/.." && pwd)
build=$(cd "${1:-$root/build}" && pwd)
pairs=${2:-5}
seconds=${3:-5}
clocksource=${4:-cpu}
iolab=$build/cli/iolab
[[ $(id -u) -eq 0 ]] || { echo "$bench_name: needs root" >&2; exit 3; }
[[ -x $iolab ]] || { echo "$bench_name: no $iolab (build it first)" >&2; exit 3; }

work=$(mktemp -d "/tmp/iolab-$bench_name.XXXXXX")
on_exit() {
    declare -F bench_cleanup >/dev/null && bench_cleanup
    "$root/scripts/testdev" down "$bench_name" >/dev/null 2>&1 || true
    rm -rf "$work"
}
trap on_exit EXIT

device=$("$root/scripts/testdev" up "$bench_name" | tail -1)
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
clocksource=$clocksource
JOB

median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# ratio WITH ALONE
ratio() { awk -v a="$2" -v w="$1" 'BEGIN { printf "%.4f", w / a }'; }
