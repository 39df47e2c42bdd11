#!/usr/bin/env bash
# How often does iolab's gate call a regression when nothing changed? Records the same fio job
# as two series of REPS runs, compares them with `iolab diff`, ITERATIONS times, and counts the
# comparisons that exit 1. Back to back by default (what `iolab record --repeat` does in CI);
# INTERLEAVE=1 alternates single runs of the two series instead.
#   sudo bench/false_alarm.sh          env: BUILD_DIR (build), ITERATIONS (10), REPS (5),
#                                           RUNTIME (2 s), INTERLEAVE (0), THRESHOLD (5%),
#                                           WRAP (e.g. "chrt -f 20": fio at real-time priority)
# 10 x 2 x 5 runs of 2 s take about 5 minutes.
set -uo pipefail
iterations=${ITERATIONS:-10}
reps=${REPS:-5}
source "$(dirname "$0")/gate_common.sh"

alarms=0
started=$(date +%s)
for ((i = 1; i <= iterations; i++)); do
  if [[ ${INTERLEAVE:-0} == 1 ]]; then
    for ((r = 1; r <= reps; r++)); do
      record "a-$i" "$work/job.fio" 1
      record "b-$i" "$work/job.fio" 1
    done
  else
    record "a-$i" "$work/job.fio"
    record "b-$i" "$work/job.fio"
  fi
  "$iolab" diff --threshold "${THRESHOLD:-5%}" "series:a-$i" "series:b-$i" >"$work/diff.txt" 2>&1
  status=$?
  iops=$(grep -m1 ' IOPS ' "$work/diff.txt" | awk '{$1=$1; print}')
  verdict=$(tail -n 1 "$work/diff.txt")
  [[ $status -eq 1 ]] && alarms=$((alarms + 1))
  [[ $status -gt 1 ]] && { cat "$work/diff.txt" >&2; exit "$status"; }
  printf '%2d  exit %d  %s\n    %s\n' "$i" "$status" "$iops" "$verdict"
  [[ $status -eq 1 ]] && grep -E 'regression$' "$work/diff.txt" | sed 's/^/    /'
done
echo "false alarms: $alarms of $iterations comparisons ($reps vs $reps runs of ${runtime} s," \
  "$([[ ${INTERLEAVE:-0} == 1 ]] && echo interleaved || echo back to back)," \
  "$(( $(date +%s) - started )) s)"
echo "uptime at end: $(uptime)"
