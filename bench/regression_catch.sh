#!/usr/bin/env bash
# Does iolab's gate catch a real IOPS loss? Records a fio job REPS times (the baseline), then the
# same job capped with rate_iops at CAP (70%) of the baseline's mean IOPS REPS times (the
# candidate), and writes the comparison as Markdown, HTML and JUnit into OUT (a directory).
#   sudo bench/regression_catch.sh [OUT]   env: BUILD_DIR (build), REPS (5), RUNTIME (2 s), CAP (0.7),
#                                          WRAP (e.g. "chrt -f 20": fio at real-time priority)
set -uo pipefail
reps=${REPS:-5}
out=$(mkdir -p "${1:-gate-report}" && cd "${1:-gate-report}" && pwd)
source "$(dirname "$0")/gate_common.sh"

record baseline "$work/job.fio"
base=$(mean_iops baseline)
cap=$(python3 -c "print(int($base * ${CAP:-0.7}))")
sed "s/^rw=randread/rw=randread\nrate_iops=$cap/" "$work/job.fio" >"$work/capped.fio"
record capped "$work/capped.fio"
echo "baseline mean $base IOPS; candidate capped at rate_iops=$cap"

for format in md html junit; do
  "$iolab" report --baseline series:baseline --candidate series:capped --format "$format" \
    -o "$out/report.${format/junit/xml}"
  status=$?
done
"$iolab" diff series:baseline series:capped | grep -E '^(randread|REGRESSION|no regression)'
echo "exit status: $status (0 no regression, 1 regression); reports in $out"
echo "uptime at end: $(uptime)"
exit "$status"
