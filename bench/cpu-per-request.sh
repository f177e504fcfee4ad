#!/usr/bin/env bash
# Server CPU time per request of one workload on the embedded WebFrontend (Release build of this checkout, or of
# another checkout given with --repo): seeds 10,000 sessions with a 1 KiB cart, runs 20 s (WARMUP=S to change) of unrecorded mix, then
# 15 s of the workload with wrk (-t1 -c64), and prints req/s and the process's user+system CPU per request (from
# /proc/<pid>/stat). Steadier than req/s between runs on a small machine, where wrk and the server share the cores;
# alternate two checkouts several times to compare them (docs/benchmarks.md shows an example).
#
#   bench/cpu-per-request.sh [--repo DIR] [--ceiling] [read|write|mix] [extra WebFrontend options...]
#
# --ceiling measures bench/CeilingApp instead (run.sh's ceiling target: the same pipeline over a dictionary).
#
# Build first (dotnet build -c Release Sessions.sln bench/Bench.sln in that checkout). Loopback only; the app is
# stopped and its folder removed on exit.
set -euo pipefail
BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$BENCH_DIR/.." && pwd)
if [ "${1:-}" = --repo ]; then REPO=$(cd "$2" && pwd); shift 2; fi
CEILING=0
if [ "${1:-}" = --ceiling ]; then CEILING=1; shift; fi
WORKLOAD=${1:-read}
shift || true
OUT=$(mktemp -d "${TMPDIR:-/tmp}/sessions-cpu.XXXXXX")
# shellcheck source=lib/embedded-app.sh
. "$BENCH_DIR/lib/embedded-app.sh"
PORT=$(free_port)
APP=
trap 'kill "$APP" 2>/dev/null || true; wait "$APP" 2>/dev/null || true; rm -rf "$OUT"' EXIT
if [ "$CEILING" = 1 ]; then
  start_ceiling_app "$REPO" "$OUT" "$PORT"
else
  start_embedded_app "$REPO" "$OUT" "$PORT" -- "$@"
fi
echo "seeding 10,000 sessions..." >&2
dotnet "$REPO/bench/Seeder/bin/Release/net10.0/Sessions.Bench.Seeder.dll" --url "http://127.0.0.1:$PORT" --sessions 10000 \
  --cookies "$OUT/cookies" --cart-bytes 1024 --parallel 32 --label cpu --deadline-seconds 200 >/dev/null
cd "$BENCH_DIR"
echo "warm-up ${WARMUP:-20} s, then $WORKLOAD 15 s..." >&2
wrk -t1 -c64 -d"${WARMUP:-20}"s --timeout 10s -s wrk/mix.lua "http://127.0.0.1:$PORT" -- "$OUT/cookies" >/dev/null 2>&1
cpu_ticks() { awk '{print $14 + $15}' "/proc/$APP/stat"; }
before=$(cpu_ticks)
wrk -t1 -c64 -d15s --timeout 10s -s "wrk/$WORKLOAD.lua" "http://127.0.0.1:$PORT" -- "$OUT/cookies" >"$OUT/wrk.out" 2>&1
after=$(cpu_ticks)
requests=$(awk '/requests in/ {print $1}' "$OUT/wrk.out")
rate=$(awk '/Requests\/sec/ {print $2}' "$OUT/wrk.out")
errors=$(grep -c "Non-2xx\|Socket errors" "$OUT/wrk.out" || true)
micros=$(python3 -c "print(round(($after - $before) / $(getconf CLK_TCK) * 1e6 / $requests, 1))")
echo "$WORKLOAD req/s=$rate requests=$requests cpu_us_per_request=$micros error_lines=$errors"
