# Shared by bench/false_alarm.sh and bench/regression_catch.sh (sourced, not run).
# Sets: iolab (the binary), work (a temporary directory, removed on exit), IOLAB_DEV (a loop test
# device of its own) and writes $work/job.fio: 4 KiB random reads, RUNTIME seconds.

root=$(cd "$(dirname "$0")/.." && pwd)
build=$(cd "${BUILD_DIR:-$root/build}" && pwd)
iolab=$build/cli/iolab
runtime=${RUNTIME:-2}
[[ -x $iolab ]] || { echo "no $iolab (set BUILD_DIR)" >&2; exit 2; }
[[ $(id -u) -eq 0 ]] || { echo "needs root (iolab record)" >&2; exit 2; }

work=$(mktemp -d /tmp/iolab-gate.XXXXXX)
trap 'rm -rf "$work"; "$root/scripts/testdev" down gate-bench >/dev/null 2>&1' EXIT
export IOLAB_DEV
IOLAB_DEV=$("$root/scripts/testdev" up gate-bench)
export IOLAB_DB=$work/gate.db

cat >"$work/job.fio" <<JOB
[global]
filename=\${IOLAB_DEV}
direct=1
ioengine=libaio
iodepth=32
bs=4k
time_based=1
runtime=$runtime
clocksource=cpu

[randread]
rw=randread
JOB

# record SERIES JOB [REPS]: REPS (default $reps) runs of JOB as one series. WRAP runs the
# recorder (and so fio, which inherits it) under e.g. "chrt -f 20" on a busy machine.
record() {
  ${WRAP:-} "$iolab" record --repeat "${3:-$reps}" --series "$1" -- fio "$2" >/dev/null 2>"$work/record.err" ||
    { cat "$work/record.err" >&2; exit 3; }
}

# mean_iops SERIES: the mean IOPS of the series' first fio job.
mean_iops() {
  "$iolab" report --baseline "series:$1" --candidate "series:$1" --format json |
    python3 -c 'import json, sys; print(json.load(sys.stdin)["metrics"][0]["baseline"]["mean"])'
}

echo "uptime at start: $(uptime)${WRAP:+; recording under: $WRAP}"
