#!/usr/bin/env bash
# Profiles one workload on the embedded WebFrontend (Release): seeds sessions, runs wrk, and meanwhile collects
# dotnet-counters (System.Runtime) and a dotnet-trace sample of the process, into a temp folder it prints.
#
#   bench/profile.sh [read|write|mix] [extra WebFrontend options...]
#   PROFILE_PERF=1 bench/profile.sh ...   # also 5 s of Linux perf CPU samples with call stacks (perf.data)
#
# The app runs as run.sh runs it: Production, no per-address creation limit (the seeder creates sessions from one
# address). Build first (dotnet build -c Release Sessions.sln bench/Bench.sln). Loopback only; the app is stopped on exit.
set -euo pipefail
BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_ROOT=$(cd "$BENCH_DIR/.." && pwd)
WORKLOAD=${1:-write}
shift || true
OUT=$(mktemp -d "${TMPDIR:-/tmp}/sessions-profile.XXXXXX")
# shellcheck source=lib/embedded-app.sh
. "$BENCH_DIR/lib/embedded-app.sh"
PORT=$(free_port)

# perf resolves JIT-compiled frames through the runtime's perf map, which W^X double mapping would hide.
PERF_ENV=()
LOAD_SECONDS=20
if [ "${PROFILE_PERF:-0}" = 1 ]; then
  PERF_ENV=(DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0)
  LOAD_SECONDS=26
fi
APP=
trap 'kill "$APP" 2>/dev/null || true' EXIT
start_embedded_app "$REPO_ROOT" "$OUT" "$PORT" "${PERF_ENV[@]}" -- "$@"

dotnet "$BENCH_DIR/Seeder/bin/Release/net10.0/Sessions.Bench.Seeder.dll" --url "http://127.0.0.1:$PORT" --sessions 2000 \
  --cookies "$OUT/cookies" --cart-bytes 1024 --parallel 32 --label profile --deadline-seconds 120 >/dev/null
cd "$BENCH_DIR"
dotnet tool restore >/dev/null # dotnet-counters and dotnet-trace from bench/.config/dotnet-tools.json
wrk -t1 -c64 -d"${LOAD_SECONDS}s" --timeout 10s -s "wrk/$WORKLOAD.lua" "http://127.0.0.1:$PORT" -- "$OUT/cookies" >"$OUT/wrk.out" 2>&1 &
WRK=$!
sleep 4
dotnet tool run dotnet-counters collect -p "$APP" --refresh-interval 1 --format csv -o "$OUT/counters.csv" \
  --duration 00:00:08 --counters System.Runtime >/dev/null 2>&1 || echo "dotnet-counters failed" >&2
dotnet tool run dotnet-trace collect -p "$APP" --duration 00:00:05 -o "$OUT/trace.nettrace" >/dev/null 2>&1 \
  || echo "dotnet-trace failed" >&2
if [ "${PROFILE_PERF:-0}" = 1 ]; then
  perf record -F 499 -g -p "$APP" -o "$OUT/perf.data" -- sleep 5 >/dev/null 2>&1 || echo "perf record failed" >&2
fi
wait "$WRK"
grep -E "Requests/sec|Latency" "$OUT/wrk.out"
echo "slow-turn warnings: $(grep -c 'longer than' "$OUT/app.log" || true)"
echo "results in $OUT (dotnet tool run dotnet-trace report $OUT/trace.nettrace topN)"
[ -f "$OUT/perf.data" ] && echo "CPU profile: perf report -i $OUT/perf.data --no-children --sort sym"
exit 0
