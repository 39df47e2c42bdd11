#!/usr/bin/env bash
# What SIGKILLs of `iolab record` leave behind. N recordings of fio (2 s of 4 KiB random reads on
# a loop test device of the soak's own) into one database, each killed at a moment drawn
# uniformly over a recorder's whole life (opening the database, loading probes, the workload,
# the final write); every fifth recording is left to finish instead. Then counts:
#   integrity failures   `iolab db check` problems
#   complete runs lost   finished recordings missing or not complete afterwards
#   BPF programs left    iolab's programs still loaded 3 s after the last kill (bpftool prog)
#   workloads left       fio processes of the soak still running 1 s after each kill
#   temporary files left recording directories of dead recorders after the next recording
#   clock source / scheduler changed   against their values before the soak
#   bench/kill_soak.sh [N] [BUILD_DIR]     (defaults: 100, build). Needs root, fio, bpftool.
set -euo pipefail
count=${1:-100}
set -- "${2:-}" 1 2
bench_name=killsoak
source "$(dirname "$0")/pairs_common.sh"
disk=${device#/dev/}
db=$work/runs.db
programs='rq_complete_btf|rq_requeue_btf|fork_btf|exit_btf|block_rq_|clock_|lock_|alloc_'

iolab_programs() { bpftool prog show 2>/dev/null | grep -cE "name ($programs)" || true; }
# pgrep and grep fail when they find nothing: a count of 0, not an error under pipefail.
soak_workloads() { { pgrep -f -- "$work/job.fio" || true; } | { grep -vx "$$" || true; } | wc -l; }
clocksource() { cat /sys/devices/system/clocksource/clocksource0/current_clocksource; }
scheduler() { cat "/sys/block/$disk/queue/scheduler"; }

clock_before=$(clocksource)
scheduler_before=$(scheduler)
programs_before=$(iolab_programs)

# A recorder's life: the median of three whole recordings.
lives=()
for _ in 1 2 3; do
    start=$(date +%s.%N)
    "$iolab" record --probe block -o "$work/life.db" -- fio "$work/job.fio" >/dev/null 2>&1
    lives+=("$(echo "$(date +%s.%N) - $start" | bc)")
done
life=$(printf '%s\n' "${lives[@]}" | median)

workloads_left=0
complete_expected=0
dead_recorders=()
for ((i = 1; i <= count; i++)); do
    if ((i % 5 == 0)); then
        "$iolab" record --probe block -o "$db" --name finished -- fio "$work/job.fio" \
            >/dev/null 2>&1 && complete_expected=$((complete_expected + 1))
        continue
    fi
    delay=$(awk -v life="$life" -v seed="$RANDOM$i" 'BEGIN { srand(seed); printf "%.3f", rand() * life }')
    "$iolab" record --probe block -o "$db" --name killed -- fio "$work/job.fio" >/dev/null 2>&1 &
    recorder=$!
    sleep "$delay"
    kill -KILL "$recorder" 2>/dev/null || true
    wait "$recorder" 2>/dev/null || true
    dead_recorders+=("$recorder")
    sleep 1
    left=$(soak_workloads)
    if ((left > 0)); then
        workloads_left=$((workloads_left + 1))
        pkill -KILL -f -- "$work/job.fio" || true
    fi
done

# The next recording removes what killed recorders left in the scratch directory.
"$iolab" record --probe block -o "$work/next.db" -- true >/dev/null 2>&1
temp_left=0
for pid in "${dead_recorders[@]}"; do
    compgen -G "/tmp/iolab-0/record-$pid-*" >/dev/null && temp_left=$((temp_left + 1))
done
sleep 3
programs_left=$(($(iolab_programs) - programs_before))
((programs_left > 0)) || programs_left=0

check=$("$iolab" db check --json -o "$db" || true)
integrity_failures=$(python3 -c 'import json,sys; print(len(json.loads(sys.argv[1])["problems"]))' "$check")
complete_found=$("$iolab" list --json -o "$db" |
    python3 -c 'import json,sys; print(sum(r["status"] == "complete" and r["name"] == "finished" for r in json.load(sys.stdin)))')
complete_lost=$((complete_expected - complete_found))
((complete_lost > 0)) || complete_lost=0
clock_changed=0
[[ $(clocksource) == "$clock_before" ]] || clock_changed=1
scheduler_changed=0
[[ $(scheduler) == "$scheduler_before" ]] || scheduler_changed=1

printf 'kill_soak: %d recordings (%d killed, %d finished), recorder life %.2f s\n' \
    "$count" "${#dead_recorders[@]}" "$complete_expected" "$life"
printf '  %-28s %s\n' "integrity failures" "$integrity_failures" \
    "complete runs lost" "$complete_lost" \
    "BPF programs left after 3 s" "$programs_left" \
    "kills leaving workloads" "$workloads_left" \
    "temporary dirs left" "$temp_left" \
    "clock source changed" "$clock_changed" \
    "scheduler changed" "$scheduler_changed"
exit $((integrity_failures + complete_lost + programs_left + workloads_left + temp_left + clock_changed + scheduler_changed > 0))
