#!/usr/bin/env bash
# Runs the shell recipe of docs/ci.md as written (the block between the ci-recipe markers) with
# short fio runs: a candidate that changes nothing must pass, one whose fio job is capped at
# half the baseline's IOPS must fail with the job and its drop named in the report.
# The job itself runs at a fixed rate (rate_iops) any machine reaches even while busy, so the
# test checks the recipe and the gate, not how quiet the machine is; bench/false_alarm.sh
# measures the gate on a full-speed job.
#   tests/docs/ci_recipe_test.sh IOLAB_BINARY SOURCE_DIR
set -uo pipefail

iolab_binary=$1
source_dir=$2
skip=77

if [[ $(id -u) -ne 0 ]]; then
  if [[ ${CI:-} == true ]]; then
    echo "ci_recipe_test: needs root (recording loads BPF programs)" >&2
    exit 1
  fi
  echo "ci_recipe_test: not root: skipped" >&2
  exit $skip
fi

recipe=$(sed -n '/<!-- ci-recipe:begin -->/,/<!-- ci-recipe:end -->/p' "$source_dir/docs/ci.md" |
  sed '1,2d;$d' | sed '$d')
[[ -n $recipe ]] || { echo "ci_recipe_test: no recipe block in docs/ci.md" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"; "$source_dir/scripts/testdev" down ci-recipe >/dev/null 2>&1' EXIT
cd "$work" || exit 1
ln -s "$source_dir/scripts" scripts
mkdir bin && ln -s "$iolab_binary" bin/iolab
export PATH=$work/bin:$PATH
export IOLAB_DEV
IOLAB_DEV=$(scripts/testdev up ci-recipe) || exit 1

cat >short.fio <<'JOB'
[global]
filename=${IOLAB_DEV}
direct=1
ioengine=libaio
iodepth=16
bs=4k
time_based=1
runtime=1
clocksource=cpu

[randread]
rw=randread
rate_iops=4000
JOB

# Runs the recipe in a fresh database with `install_candidate` defined by $1.
run_recipe() {
  rm -f iops-gate.db* iops-report.* iops-junit.xml
  JOB=short.fio RUNS=3 bash -c "$1
$recipe" >recipe.out 2>recipe.err
}

# A candidate that changes nothing: no regression. The gate is statistical (a 5% family-wise
# false-alarm rate by design), so one retry keeps this test from flaking while a gate that
# always cries wolf still fails it.
passed=no
for attempt in 1 2; do
  run_recipe 'install_candidate() { :; }'
  status=$?
  [[ $status -eq 0 ]] && { passed=yes; break; }
  echo "ci_recipe_test: unchanged candidate, attempt $attempt: exit $status" >&2
  head -3 iops-report.md >&2
done
[[ $passed == yes ]] || { cat recipe.err >&2; exit 1; }
for file in iops-report.md iops-report.html iops-junit.xml; do
  [[ -s $file ]] || { echo "ci_recipe_test: $file missing" >&2; exit 1; }
done
grep -q 'no regression' iops-report.md || { echo "ci_recipe_test: no verdict" >&2; exit 1; }

# A candidate capped at half the baseline's mean IOPS: a regression, named.
capped='install_candidate() {
  iops=$(iolab report --baseline tag:baseline --candidate tag:baseline --format json |
    python3 -c "import json, sys; print(int(json.load(sys.stdin)[\"metrics\"][0][\"baseline\"][\"mean\"] * 0.5))")
  sed "s/^rate_iops=.*/rate_iops=$iops/" short.fio >capped.fio
  JOB=capped.fio
}'
run_recipe "$capped"
status=$?
if [[ $status -ne 1 ]]; then
  echo "ci_recipe_test: capped candidate: exit $status, expected 1" >&2
  cat recipe.err iops-report.md >&2
  exit 1
fi
if ! grep -Eq 'REGRESSION: randread/read IOPS -(4|5|6)[0-9]\.[0-9]%' iops-report.md; then
  echo "ci_recipe_test: the report does not name the job and its drop:" >&2
  head -5 iops-report.md >&2
  exit 1
fi
xmllint --noout --schema "$source_dir/tests/data/reports/junit.xsd" iops-junit.xml || exit 1
grep -q '<failure type="regression"' iops-junit.xml || exit 1
head -1 iops-report.md
echo "ci_recipe_test: ok"
