#!/usr/bin/env bash
# The test command: installs what the tests need when it is missing, builds Sessions.sln, runs both test projects
# (tests/Sessions.Tests, fast and in-process; tests/Sessions.IntegrationTests, processes, PostgreSQL and a browser) and
# prints "N passed, N failed" counted from their test results (TRX) as the last line. Exits non-zero on any failure.
#
#   scripts/test.sh [dotnet test options]     e.g. scripts/test.sh --filter "FullyQualifiedName~Sessions.Tests.Grains"
#
# Only the fast tests, without the set-up: dotnet test tests/Sessions.Tests
set -uo pipefail
cd "$(dirname "$0")/.."

need_apt=()
# the PostgreSQL tests start private servers from Debian's server programs (initdb, postgres)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need_apt+=(postgresql)
# the browser tests drive Debian's Chromium (CHROMIUM_PATH, else /usr/bin/chromium); the fonts render the
# screenshots' text
[ -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ] || need_apt+=(chromium fonts-dejavu-core)
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "== installing: ${need_apt[*]}"
  sudo=()
  [ "$(id -u)" -eq 0 ] || sudo=(sudo)
  "${sudo[@]}" apt-get update -qq \
    && DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq "${need_apt[@]}" >/dev/null \
    || echo "== installing ${need_apt[*]} failed; the tests that need them will fail" >&2
fi

rm -rf tests/*/TestResults
echo "== dotnet build Sessions.sln"
dotnet build Sessions.sln
status=$?
if [ "$status" -eq 0 ]; then
  # One test project after the other (-m:1): the integration tests' time limits were set with at most two in-process
  # tests running beside them, as in one test process; both projects at once would double that on a 2-core machine.
  echo "== dotnet test Sessions.sln"
  dotnet test Sessions.sln --no-build -m:1 "$@"
  status=$?
fi

passed=0
failed=0
for project in tests/*/*.csproj; do
  grep -q '<IsTestProject>true</IsTestProject>' "$project" || continue
  trx=$(dirname "$project")/TestResults/results.trx # the name and folder test.runsettings gives
  if [ ! -f "$trx" ]; then
    # a filter may leave a project without tests; an unfiltered run that wrote no results failed
    if [ "$status" -eq 0 ] && [ $# -eq 0 ]; then
      echo "== no test results from $project" >&2
      status=1
    fi
    continue
  fi
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")
  f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0}))
  failed=$((failed + ${f:-0}))
done
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  failed=1 # the run failed without a counted test failure (build error, crash, timeout)
fi
echo "$passed passed, $failed failed"
exit "$status"
