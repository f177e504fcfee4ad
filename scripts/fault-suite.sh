#!/usr/bin/env bash
# The fault suite: runs the fault scenarios of tests/Sessions.IntegrationTests/Cluster against real processes (a local
# cluster of 3 silos, 2 frontends and a private PostgreSQL from scripts/local-cluster.sh on 127.0.0.1; the partition
# in network namespaces the test makes itself) under an increment-and-read load from both frontends, and prints one
# table: requests, errors, acknowledged increments lost, stale reads and recovery time (fault to last error) per
# scenario, and the check of each load's recorded history (every increment, read and end of a session with its
# invocation and completion; tests/Sessions.Testing/Consistency/HistoryChecker.cs): how many operations it checked and
# its violations (stale or impossible values, a session live after its acknowledged end, increments not exactly once).
#
#   scripts/fault-suite.sh [options]
#
# Options:
#   --write-behind          run the cluster write-behind and measure what each fault loses (the scenarios then report
#                           instead of asserting; by default they run write-through and fail on any loss, as in CI)
#   --scenarios A,B,...     only these (default all): add-silo, stop-silo, kill-silo, rolling-restart,
#                           postgres-outage-10s, partition (skipped with the reason where namespaces cannot be made)
#   --history-minutes N     the long form: each scenario's load runs N minutes longer after its fault, so the history
#                           check covers more operations (CI runs the short form: the scenarios' own durations)
#   --long                  the same as --history-minutes 5
#   --out FILE              also write the table (markdown) to FILE
#   --time-limit MIN        stop the run after this many minutes (default 30, plus 2 per scenario and history minute);
#                           the cluster is taken down
#   --no-build              use the existing Debug build instead of building Sessions.sln
#   -h, --help              this text
#
# Needs what the tests need: PostgreSQL server binaries (see scripts/local-cluster.sh); root for the partition.
set -euo pipefail

REPO_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
ALL_SCENARIOS=(add-silo stop-silo kill-silo rolling-restart postgres-outage-10s partition)
declare -A TEST_OF=(
  [add-silo]=LocalClusterTests.UnderIncrementLoad_AnAddedSilo
  [stop-silo]=LocalClusterTests.UnderIncrementLoad_AGracefulStopOfASilo
  [kill-silo]=LocalClusterTests.UnderIncrementLoad_ASiloKilled
  [rolling-restart]=LocalClusterTests.UnderIncrementLoad_ARollingRestartOfEverySilo
  [postgres-outage-10s]=LocalClusterTests.UnderIncrementLoad_APostgresOutageOf10Seconds
  [partition]=PartitionTests.ASiloCutOff
)

WRITE_MODE=WriteThrough
SCENARIOS=("${ALL_SCENARIOS[@]}")
OUT=''
TIME_LIMIT_MINUTES=''
HISTORY_MINUTES=0
BUILD=1

usage() { sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//'; }
say() { printf 'fault-suite [%02d:%02d] %s\n' $((SECONDS / 60)) $((SECONDS % 60)) "$*" >&2; }
die() { say "error: $*"; exit 1; }

while [ $# -gt 0 ]; do
  case $1 in
    --write-behind) WRITE_MODE=WriteBehind; shift ;;
    --scenarios) [ $# -ge 2 ] || die "--scenarios needs a value"; IFS=, read -r -a SCENARIOS <<<"$2"; shift 2 ;;
    --history-minutes) [ $# -ge 2 ] || die "--history-minutes needs a value"; HISTORY_MINUTES=$2; shift 2 ;;
    --long) HISTORY_MINUTES=5; shift ;;
    --out) [ $# -ge 2 ] || die "--out needs a value"; OUT=$2; shift 2 ;;
    --time-limit) [ $# -ge 2 ] || die "--time-limit needs a value"; TIME_LIMIT_MINUTES=$2; shift 2 ;;
    --no-build) BUILD=0; shift ;;
    -h|--help) usage; exit 0 ;;
    *) usage >&2; die "unknown option '$1'" ;;
  esac
done
[[ "$HISTORY_MINUTES" =~ ^[0-9]+$ ]] || die "--history-minutes must be a whole number of minutes"
[ -n "$TIME_LIMIT_MINUTES" ] || TIME_LIMIT_MINUTES=$((30 + 2 * HISTORY_MINUTES * ${#SCENARIOS[@]}))
[[ "$TIME_LIMIT_MINUTES" =~ ^[1-9][0-9]*$ ]] || die "--time-limit must be a whole number of minutes"

filter=''
for scenario in "${SCENARIOS[@]}"; do
  [ -n "${TEST_OF[$scenario]:-}" ] || die "unknown scenario '$scenario' (known: ${ALL_SCENARIOS[*]})"
  filter+="${filter:+|}FullyQualifiedName~Sessions.Tests.Cluster.${TEST_OF[$scenario]}"
done

RUN_DIR=$(mktemp -d "${TMPDIR:-/tmp}/sessions-faults.XXXXXX")
REPORT=$RUN_DIR/report.tsv
TEST_PID=''
cleanup() {
  # The tests take their cluster down themselves, and its watchdog does once the test process is gone.
  if [ -n "$TEST_PID" ] && kill -0 "$TEST_PID" 2>/dev/null; then
    kill -TERM "$TEST_PID" 2>/dev/null || true
    wait "$TEST_PID" 2>/dev/null || true
  fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

cd "$REPO_ROOT"
if [ "$BUILD" = 1 ]; then
  say "building Sessions.sln (Debug)"
  timeout 1200 dotnet build Sessions.sln -nologo -v quiet -nodeReuse:false -p:UseSharedCompilation=false \
    >"$RUN_DIR/build.log" 2>&1 || { tail -n 40 "$RUN_DIR/build.log" >&2; die "build failed"; }
fi

say "running ${SCENARIOS[*]} ($WRITE_MODE, load $HISTORY_MINUTES min longer, limit $TIME_LIMIT_MINUTES min); test log: $RUN_DIR/test.log"
SESSIONS_FAULT_REPORT=$REPORT SESSIONS_FAULT_WRITE_MODE=$WRITE_MODE SESSIONS_FAULT_LOAD_MINUTES=$HISTORY_MINUTES \
  timeout --kill-after=60 $((TIME_LIMIT_MINUTES * 60)) dotnet test tests/Sessions.IntegrationTests --no-build --filter "$filter" \
  --logger "console;verbosity=normal" >"$RUN_DIR/test.log" 2>&1 &
TEST_PID=$!
while kill -0 "$TEST_PID" 2>/dev/null; do
  sleep 5
  kill -0 "$TEST_PID" 2>/dev/null || break
  reported=0
  [ -f "$REPORT" ] && reported=$(wc -l <"$REPORT")
  say "$reported of ${#SCENARIOS[@]} scenarios reported"
done
status=0
wait "$TEST_PID" || status=$?
TEST_PID=''

[ -s "$REPORT" ] || { tail -n 60 "$RUN_DIR/test.log" >&2; die "no scenario reported (dotnet test exit $status)"; }
table=$(
  printf '| scenario | write mode | requests | acknowledged increments | errors | error rate | lost increments | stale reads | reads checked | after a write elsewhere | increments acked/maybe | ends checked | violations | recovery s | note |\n'
  printf '|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|\n'
  awk -F'\t' '{ printf "| %s |", $1; for (i = 2; i <= NF; i++) printf " %s |", $i; printf "\n" }' "$REPORT"
)
printf '%s\n\nRecovery: from the fault to the last error the load saw (0: none after it). Lost: acknowledged increments missing afterwards. Reads checked: reads the history check judged (final reads included), of them those invoked after an increment acknowledged through the other frontend; violations: of every rule of the history check (0 required write-through).\n' "$table"
if [ -n "$OUT" ]; then
  printf '## Fault suite %s (%s, commit %s)\n\n%s\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$WRITE_MODE" \
    "$(git rev-parse --short HEAD 2>/dev/null || echo unknown)" "$table" >"$OUT"
  say "table written to $OUT"
fi
if [ "$status" -ne 0 ]; then
  grep -E '^\s*(failed|Failed|\[FAIL\])' "$RUN_DIR/test.log" | head -n 20 >&2 || true
  die "dotnet test exit $status (log: $RUN_DIR/test.log)"
fi
say "done; run folder $RUN_DIR"
