#!/usr/bin/env bash
# The read-lease hit ratio and the frontend cache's memory under visitors with think time (not the closed loop of
# bench/run.sh): starts the embedded WebFrontend (Release build), seeds sessions with a 1 KiB cart, then runs
# wrk/think.lua: many connections, each a visitor that waits a random think time between its requests, reads its
# cart or (the write share) increments a counter, and moves on to another session after a visit. Prints the
# requests, the hit ratio (sessions.frontend.lease_reads hit / (hit + miss), after the warm-up and over the whole
# run), lease revocations, the lease cache's entries and bytes, and the process's memory. See bench/README.md.
#
#   bench/lease-hit-ratio.sh [options] [-- WebFrontend options...]
#
# Options:
#   --sessions N          sessions seeded (default 10000)
#   --connections N       wrk connections, one visitor each (default 2000)
#   --threads N           wrk threads (default 1)
#   --duration S          measured seconds after the warm-up (default 60)
#   --warmup S            seconds of the same load before the measured part (default 15)
#   --think-min MS        shortest think time between two requests of a visitor (default 500)
#   --think-max MS        longest think time (default 5000)
#   --write-percent P     share of requests that write (POST .../n/increment), the rest read the cart (default 10)
#   --visit N             requests of a visit on average before a connection takes another session (default 20)
#   --no-leases           the same with read leases off (--ReadLeases:Enabled=false), for comparison
#   --lease-duration T    --ReadLeases:Duration=T (a time span, e.g. 00:00:05; default: the app's)
#   --time-limit MIN      stop with an error after this many minutes (default 20)
#   --no-build            use the existing Release build (default: dotnet build -c Release of what it runs)
#   --keep-temp           keep the run folder (app log, cookies, wrk output)
#   -h, --help            this text
#
# The metrics are read from the app's /metrics (Prometheus text of the "Sessions" meter): until the frontend has
# them, their lines say n/a. Memory: VmRSS (peak while the load ran, sampled with the metrics every 5 s), and the live
# managed heap after a forced full GC at the end (bench/HeapProbe, a startup hook). Loopback only; the app and wrk are
# stopped by PID on exit. Run it on a quiet machine.
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_ROOT=$(cd "$BENCH_DIR/.." && pwd)

SESSIONS=10000 CONNECTIONS=2000 THREADS=1 DURATION=60 WARMUP=15 THINK_MIN=500 THINK_MAX=5000 WRITE_PERCENT=10
VISIT=20 TIME_LIMIT_MINUTES=20 BUILD=1 KEEP_TEMP=0 CART_BYTES=1024
APP_OPTIONS=()
SAMPLE_SECONDS=5

usage() { sed -n '2,/^set -euo pipefail/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//' >&2; exit "${1:-2}"; }
need_value() { [ "$2" -ge 2 ] || { echo "lease-hit-ratio: $1 needs a value" >&2; usage; }; }
while [ $# -gt 0 ]; do
  case $1 in
    --sessions) need_value "$1" $#; SESSIONS=$2; shift 2 ;;
    --connections) need_value "$1" $#; CONNECTIONS=$2; shift 2 ;;
    --threads) need_value "$1" $#; THREADS=$2; shift 2 ;;
    --duration) need_value "$1" $#; DURATION=$2; shift 2 ;;
    --warmup) need_value "$1" $#; WARMUP=$2; shift 2 ;;
    --think-min) need_value "$1" $#; THINK_MIN=$2; shift 2 ;;
    --think-max) need_value "$1" $#; THINK_MAX=$2; shift 2 ;;
    --write-percent) need_value "$1" $#; WRITE_PERCENT=$2; shift 2 ;;
    --visit) need_value "$1" $#; VISIT=$2; shift 2 ;;
    --no-leases) APP_OPTIONS+=(--ReadLeases:Enabled=false); shift ;;
    --lease-duration) need_value "$1" $#; APP_OPTIONS+=("--ReadLeases:Duration=$2"); shift 2 ;;
    --time-limit) need_value "$1" $#; TIME_LIMIT_MINUTES=$2; shift 2 ;;
    --no-build) BUILD=0; shift ;;
    --keep-temp) KEEP_TEMP=1; shift ;;
    -h|--help) usage 0 ;;
    --) shift; APP_OPTIONS+=("$@"); break ;;
    *) echo "lease-hit-ratio: unknown option $1" >&2; usage ;;
  esac
done
for value in "$SESSIONS" "$CONNECTIONS" "$THREADS" "$DURATION" "$WARMUP" "$THINK_MIN" "$THINK_MAX" "$WRITE_PERCENT" "$VISIT" "$TIME_LIMIT_MINUTES"; do
  [[ "$value" =~ ^[0-9]+$ ]] || { echo "lease-hit-ratio: '$value' is not a whole number" >&2; usage; }
done
if [ "$SESSIONS" -lt 1 ] || [ "$DURATION" -lt 1 ] || [ "$THREADS" -lt 1 ] || [ "$CONNECTIONS" -lt "$THREADS" ] ||
  [ "$THINK_MAX" -lt "$THINK_MIN" ] || [ "$WRITE_PERCENT" -gt 100 ] || [ "$VISIT" -lt 1 ]; then
  echo "lease-hit-ratio: need --sessions, --duration, --visit >= 1, --connections >= --threads >= 1, --think-max >= --think-min, --write-percent <= 100" >&2
  usage
fi
command -v wrk >/dev/null || { echo "lease-hit-ratio: wrk is needed (apt-get install wrk)" >&2; exit 1; }
command -v curl >/dev/null && command -v python3 >/dev/null || { echo "lease-hit-ratio: curl and python3 are needed" >&2; exit 1; }

START=$SECONDS
DEADLINE=$((SECONDS + TIME_LIMIT_MINUTES * 60))
say() { printf 'lease-hit-ratio [%02d:%02d] %s\n' $(((SECONDS - START) / 60)) $(((SECONDS - START) % 60)) "$*" >&2; }
die() { say "error: $*"; exit 1; }
check_deadline() { [ "$SECONDS" -lt "$DEADLINE" ] || die "time limit of $TIME_LIMIT_MINUTES min reached (--time-limit)"; }

OUT=$(mktemp -d "${TMPDIR:-/tmp}/sessions-lease-hits.XXXXXX")
APP='' WRK=''
# stop <pid> <marker>: SIGTERM, SIGKILL after 20 s; only while the PID still runs what this script started.
stop() {
  local waited=0
  [ -n "$1" ] && [[ "$(tr '\0' ' ' <"/proc/$1/cmdline" 2>/dev/null || true)" == *"$2"* ]] || return 0
  kill -TERM "$1" 2>/dev/null || true
  while kill -0 "$1" 2>/dev/null && [ "$waited" -lt 80 ]; do sleep 0.25; waited=$((waited + 1)); done
  kill -KILL "$1" 2>/dev/null || true
  wait "$1" 2>/dev/null || true
}
on_exit() {
  local status=$?
  trap - EXIT INT TERM
  stop "$WRK" wrk
  stop "$APP" Sessions.WebFrontend.dll
  if [ "$status" -eq 0 ] && [ "$KEEP_TEMP" = 0 ]; then rm -rf "$OUT"; else say "run folder kept: $OUT"; fi
  exit "$status"
}
trap on_exit EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# wrk needs a descriptor per connection.
if [ "$(ulimit -n)" != unlimited ] && [ "$(ulimit -n)" -lt $((CONNECTIONS + 256)) ]; then
  ulimit -n $((CONNECTIONS + 256)) 2>/dev/null || die "open files limit $(ulimit -n) is below --connections $CONNECTIONS + 256 (raise it: ulimit -n)"
fi

if [ "$BUILD" = 1 ]; then
  say "building WebFrontend, Seeder, HeapProbe (Release)"
  for project in WebFrontend/WebFrontend.csproj bench/Seeder/Seeder.csproj bench/HeapProbe/HeapProbe.csproj; do
    timeout 1200 dotnet build "$REPO_ROOT/$project" -c Release -nologo -v quiet -nodeReuse:false -p:UseSharedCompilation=false \
      >>"$OUT/build.log" 2>&1 || { tail -n 30 "$OUT/build.log" >&2; die "build of $project failed"; }
  done
fi
SEEDER_DLL=$REPO_ROOT/bench/Seeder/bin/Release/net10.0/Sessions.Bench.Seeder.dll
HEAP_PROBE_DLL=$REPO_ROOT/bench/HeapProbe/bin/Release/net10.0/Sessions.Bench.HeapProbe.dll
for file in "$REPO_ROOT/WebFrontend/bin/Release/net10.0/Sessions.WebFrontend.dll" "$SEEDER_DLL" "$HEAP_PROBE_DLL"; do
  [ -f "$file" ] || die "$file not found: build first, or run without --no-build"
done

# shellcheck source=lib/embedded-app.sh
. "$BENCH_DIR/lib/embedded-app.sh"
PORT=$(free_port)
URL=http://127.0.0.1:$PORT
mkdir -p "$OUT/probe"
say "starting the embedded WebFrontend on $URL${APP_OPTIONS[*]:+ with ${APP_OPTIONS[*]}}"
start_embedded_app "$REPO_ROOT" "$OUT" "$PORT" DOTNET_STARTUP_HOOKS="$HEAP_PROBE_DLL" BENCH_HEAP_PROBE_DIR="$OUT/probe" \
  -- ${APP_OPTIONS[@]+"${APP_OPTIONS[@]}"} || die "the WebFrontend did not start (log: $OUT/app.log)"

say "seeding $SESSIONS sessions"
seed_budget=$((DEADLINE - SECONDS - DURATION - WARMUP - 60))
[ "$seed_budget" -gt 0 ] || die "--time-limit leaves no time to seed"
seed_status=0
dotnet "$SEEDER_DLL" --url "$URL" --sessions "$SESSIONS" --cookies "$OUT/cookies" --cart-bytes "$CART_BYTES" \
  --parallel 32 --label lease-hit-ratio --deadline-seconds "$seed_budget" >"$OUT/seed.out" || seed_status=$?
case $seed_status in
  0) ;;
  3) say "warning: seeding ran out of time; going on with $(wc -l <"$OUT/cookies") sessions" ;;
  *) die "seeding failed (exit $seed_status; log: $OUT/app.log)" ;;
esac
SEEDED=$(wc -l <"$OUT/cookies")

# metrics <file>: a scrape of /metrics into <file> (empty when it does not answer).
metrics() { curl -s --max-time 10 "$URL/metrics" >"$1" 2>/dev/null || : >"$1"; }
# metric <file> <name prefix> [<label>]: the sum of the samples whose metric name starts with the prefix (the exporter
# may add _total or a unit) and that carry the label, e.g. result="hit"; n/a when there is none.
metric() {
  awk -v prefix="$2" -v label="${3:-}" '
    /^#/ || NF == 0 { next }
    {
      name = $0; sub(/[{ ].*/, "", name)
      rest = $0; if (index(rest, "}") > 0) sub(/^.*\}/, "", rest); else sub(/^[^ ]+/, "", rest)
      split(rest, fields, " ")   # the value, then an optional timestamp
    }
    index(name, prefix) == 1 && (label == "" || index($0, label) > 0) { sum += fields[1]; found = 1 }
    END { if (found) printf "%.0f\n", sum; else print "n/a" }' "$1"
}
delta() { if [ "$1" = n/a ] || [ "$2" = n/a ]; then echo n/a; else echo $(($2 - $1)); fi; }
ratio() { # ratio <hits> <misses>
  if [ "$1" = n/a ] || [ "$2" = n/a ] || [ $(($1 + $2)) -eq 0 ]; then echo n/a
  else python3 -c "print(f'{$1 / ($1 + $2) * 100:.1f} % of {$1 + $2} lease reads')"; fi
}
rss() { awk '/^VmRSS:/ { print $2 * 1024 }' "/proc/$APP/status" 2>/dev/null || echo 0; }
mib() { if [ "$1" = n/a ]; then echo n/a; else python3 -c "print(f'{$1 / 1048576:.1f} MiB')"; fi; }

READS=sessions_frontend_lease_reads
ENTRIES=sessions_frontend_lease_cache_entries
BYTES=sessions_frontend_lease_cache_bytes
REVOCATIONS=sessions_frontend_lease_revocations

metrics "$OUT/metrics.start"
total=$((WARMUP + DURATION))
slots=$((CONNECTIONS / THREADS))
say "load: $CONNECTIONS connections (visitors), think time ${THINK_MIN}-${THINK_MAX} ms, ${WRITE_PERCENT} % writes, visits of ~$VISIT requests, ${WARMUP}s warm-up + ${DURATION}s measured"
(cd "$BENCH_DIR/wrk" && exec timeout $((total + 60)) wrk -t"$THREADS" -c"$CONNECTIONS" -d"${total}s" --timeout 10s -s think.lua \
  "$URL" -- "$OUT/cookies" "$slots" "$THINK_MIN" "$THINK_MAX" "$WRITE_PERCENT" "$VISIT" "$THREADS") </dev/null >"$OUT/wrk.out" 2>&1 &
WRK=$!
started=$SECONDS
peak_rss=0 warm_taken=0 next_sample=$SECONDS peak_entries=n/a peak_bytes=n/a
: >"$OUT/metrics.warm"
while kill -0 "$WRK" 2>/dev/null; do
  check_deadline
  elapsed=$((SECONDS - started))
  if [ "$warm_taken" = 0 ] && [ "$elapsed" -ge "$WARMUP" ]; then
    metrics "$OUT/metrics.warm"
    warm_taken=1
  fi
  if [ "$SECONDS" -ge "$next_sample" ]; then
    next_sample=$((SECONDS + SAMPLE_SECONDS))
    r=$(rss)
    [ "$r" -le "$peak_rss" ] || peak_rss=$r
    metrics "$OUT/metrics.last"
    entries=$(metric "$OUT/metrics.last" "$ENTRIES")
    bytes=$(metric "$OUT/metrics.last" "$BYTES")
    if [ "$entries" != n/a ] && { [ "$peak_entries" = n/a ] || [ "$entries" -gt "$peak_entries" ]; }; then peak_entries=$entries; fi
    if [ "$bytes" != n/a ] && { [ "$peak_bytes" = n/a ] || [ "$bytes" -gt "$peak_bytes" ]; }; then peak_bytes=$bytes; fi
    say "$([ "$elapsed" -lt "$WARMUP" ] && echo warm-up || echo measuring): $((total - elapsed))s left; RSS $(mib "$r"), lease cache $entries entries, $(mib "$bytes")"
  fi
  sleep 1
done
status=0
wait "$WRK" || status=$?
WRK=''
metrics "$OUT/metrics.end"
[ "$status" -eq 0 ] || { tail -n 5 "$OUT/wrk.out" >&2; die "wrk failed (exit $status)"; }
[ "$warm_taken" = 1 ] || cp "$OUT/metrics.start" "$OUT/metrics.warm"

say "forcing a full GC in the app (heap probe)"
: >"$OUT/probe/collect"
waited=0
until [ -f "$OUT/probe/heap.txt" ]; do
  [ "$waited" -lt 240 ] || break
  sleep 0.25
  waited=$((waited + 1))
done
live=$(sed -n 's/^live_bytes=//p' "$OUT/probe/heap.txt" 2>/dev/null || true)
committed=$(sed -n 's/^committed_bytes=//p' "$OUT/probe/heap.txt" 2>/dev/null || true)
rss_after=$(rss)

result=$(sed -n 's/^BENCH_RESULT //p' "$OUT/wrk.out" | tail -n 1)
[ -n "$result" ] || die "wrk printed no result (see $OUT/wrk.out)"
read -r requests errors rate p50 p99 <<<"$(python3 - "$result" <<'PY'
import json, sys
r = json.loads(sys.argv[1])
errors = r["status"]["other"] + sum(r["socket_errors"].values())
rate = r["requests"] * 1e6 / max(r["duration_us"], 1)
print(r["requests"], errors, "%.0f" % rate, "%.2f" % (r["latency_us"]["p50"] / 1000), "%.2f" % (r["latency_us"]["p99"] / 1000))
PY
)"

hits_all=$(delta "$(metric "$OUT/metrics.start" "$READS" 'result="hit"')" "$(metric "$OUT/metrics.end" "$READS" 'result="hit"')")
misses_all=$(delta "$(metric "$OUT/metrics.start" "$READS" 'result="miss"')" "$(metric "$OUT/metrics.end" "$READS" 'result="miss"')")
hits=$(delta "$(metric "$OUT/metrics.warm" "$READS" 'result="hit"')" "$(metric "$OUT/metrics.end" "$READS" 'result="hit"')")
misses=$(delta "$(metric "$OUT/metrics.warm" "$READS" 'result="miss"')" "$(metric "$OUT/metrics.end" "$READS" 'result="miss"')")
revocations=$(delta "$(metric "$OUT/metrics.start" "$REVOCATIONS")" "$(metric "$OUT/metrics.end" "$REVOCATIONS")")
entries=$(metric "$OUT/metrics.last" "$ENTRIES")
bytes=$(metric "$OUT/metrics.last" "$BYTES")
per_entry=n/a
if [ "$entries" != n/a ] && [ "$bytes" != n/a ] && [ "$entries" -gt 0 ]; then per_entry="$((bytes / entries)) bytes"; fi

cat <<EOF
## Read-lease hit ratio with think time ($(date -u +%Y-%m-%dT%H:%M:%SZ), commit $(git -C "$REPO_ROOT" rev-parse --short HEAD 2>/dev/null || echo ?))

- load: $CONNECTIONS connections (wrk -t$THREADS), think time $THINK_MIN-$THINK_MAX ms, $WRITE_PERCENT % writes, visits of ~$VISIT requests, $SEEDED seeded sessions, ${WARMUP} s warm-up + ${DURATION} s; app options: ${APP_OPTIONS[*]:-(defaults)}
- machine: $(nproc) cores, load average at the end $(cut -d' ' -f1-3 /proc/loadavg)
- requests: $requests in $total s ($rate req/s), errors $errors, p50 $p50 ms, p99 $p99 ms
- hit ratio after the warm-up: $(ratio "$hits" "$misses")
- hit ratio over the whole run: $(ratio "$hits_all" "$misses_all")
- lease revocations: $revocations
- lease cache at the last sample under load: $entries entries, $(mib "$bytes") ($per_entry per entry); peak $peak_entries entries, $(mib "$peak_bytes")
- process memory: RSS peak under load $(mib "$peak_rss"), RSS at the end $(mib "$rss_after"); live managed heap after a full GC $(mib "${live:-n/a}") (GC committed $(mib "${committed:-n/a}"))
EOF
