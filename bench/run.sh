#!/usr/bin/env bash
# Benchmarks Sessions against ASP.NET Core Session + Redis and a bare Kestrel endpoint on this machine, in one run,
# on 127.0.0.1 only, one target at a time, and prints the throughput and memory tables (also saved in
# bench/results/<timestamp>.json and .md). See bench/README.md.
#
#   bench/run.sh [options]
#
# Options:
#   --smoke                 quick end-to-end check: 2 s per workload, 200 sessions, targets bare, ceiling, redis,
#                           sessions-wt (or --targets),
#                           memory points at 200 and 1,000 sessions, 60 s seeding budget, 20 min limit
#   --duration S            seconds per workload (default 15)
#   --warmup S              seconds of unrecorded mix load per target before its workloads (default 20)
#   --rounds N              measure each workload of the one-process targets (bare, ceiling, redis, embedded) in N
#                           slices of S/N seconds, taking those targets in turn with the others paused (SIGSTOP), so
#                           the host's drift over minutes falls on all of them alike (default 3, smoke 1: one
#                           target after another); cluster targets always run one after another
#   --sessions N            sessions seeded per target (default 10000)
#   --connections N         wrk connections (default 64)
#   --threads N             wrk threads, the same for every target (default 1)
#   --targets A,B,...       only these targets (names in the tables at the top of this script)
#   --memory-points N,M     seeded sessions at which memory is read (default 10000,100000)
#   --seed-budget S         longest one seeding may take (default 300); past it the run goes on with the sessions
#                           seeded so far, and the tables say how many that was
#   --no-memory             skip the memory measurement
#   --idle-wait S           also read memory S seconds after seeding, in a process started with the idle
#                           deactivation key set to S/2 (default: skipped)
#   --idle-deactivation T   the value for that key instead of S/2 (a time span, e.g. 00:01:00)
#   --time-limit MIN        stop with an error after this many minutes (default 90, smoke 20, plus --idle-wait);
#                           the tables of what was measured until then are still written
#   --no-build              use the existing Release build output (default: dotnet build -c Release first)
#   --no-install            do not apt-get install missing redis-server / wrk
#   --keep-temp             keep the run folder (logs, databases) after a successful run
#   -h, --help              this text
#
# Run it on a quiet machine (nothing else building): absolute numbers move with load; compare ratios of one run.
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_ROOT=$(cd "$BENCH_DIR/.." && pwd)

# --- what is measured (edit here) ---------------------------------------------------------------------------------
# Embedded Sessions targets: name | WebFrontend command-line options | description.
EMBEDDED_TARGETS=(
  "sessions-wt||embedded, write-through (defaults: Sessions storage engine, SQLite durability Normal, read leases on): acknowledged once its batch committed"
  "sessions-wt-noleases|--ReadLeases:Enabled=false|embedded, write-through, read leases off: every read is an Orleans call (the behaviour before read leases)"
  "sessions-wt-norec|--Analytics:RecordVisits=false|embedded, write-through, page views not reported to sessions: the page workload's cost of visit analytics against sessions-wt"
  "sessions-wt-full|--Silo:SqliteDurability=Full|embedded, write-through, SQLite durability Full (an fsync per batch, survives power loss)"
  "sessions-wb|--SessionPersistence:WriteMode=WriteBehind|embedded, write-behind: acknowledged from memory, stored once per interval"
)
# The other targets: name | kind | settings | description. Settings of a cluster target: NAME=value pairs in the
# environment of scripts/local-cluster.sh (which its silos and frontends inherit; .NET reads A__B as the key A:B) and
# --frontends=N (default 1; with more, the load is split over them, see bench/README.md).
OTHER_TARGETS=(
  "bare|bare||bare Kestrel endpoint of the reference app (--Bench:Mode=Bare): GET / answers a constant 2-byte body, no session"
  "ceiling|ceiling||bench/CeilingApp: the WebFrontend's middleware pipeline, session cookie validation and item API responses over a dictionary of sessions in the process, no Orleans: what a local read can cost at best"
  "redis|redis||ASP.NET Core Session (stock AddSession/UseSession) on AddStackExchangeRedisCache, redis-server without persistence"
  "sessions-cluster|cluster||scripts/local-cluster.sh: 1 Silo + 1 WebFrontend (client mode) + PostgreSQL, write-through, mutual TLS between frontend and silo (the script's default), read leases on"
  "sessions-cluster-noleases|cluster|ReadLeases__Enabled=false|as sessions-cluster with read leases off (frontend and silo): every read is a call to the silo"
  "sessions-cluster-2fe|cluster|--frontends=2|as sessions-cluster with 2 WebFrontends: sessions seeded through frontend 1, each workload run by one wrk per frontend at once with half the connections each (requests and errors summed, latency percentiles the larger of the two), so both hold leases and writes through either revoke the other's"
  "sessions-cluster-plain|cluster|LOCAL_CLUSTER_TLS=0|as sessions-cluster without TLS inside the cluster: the cost of ClusterTls against sessions-cluster"
)
TARGET_ORDER=(bare ceiling redis sessions-wt sessions-wt-noleases sessions-wt-norec sessions-wt-full sessions-wb sessions-cluster
  sessions-cluster-noleases sessions-cluster-2fe sessions-cluster-plain)
SMOKE_TARGETS=(bare ceiling redis sessions-wt)
MEMORY_TARGET="sessions-wt"                             # the embedded target whose memory is read
IDLE_DEACTIVATION_KEY=SessionActivation:IdleDeactivation  # passed only with --idle-wait

# --- settings ---------------------------------------------------------------------------------------------------
CONNECTIONS=64
WRK_THREADS=1
WRK_TIMEOUT=10s          # a response slower than this counts as a socket timeout error
CART_BYTES=1024
SEED_PARALLEL=32
READY_SECONDS=180        # longest wait for a process to answer /healthz or /readyz
STOP_SECONDS=20          # SIGTERM, then SIGKILL after this long

# Defaults of the full run and of --smoke; an option given on the command line wins.
apply_defaults() {
  if [ "$SMOKE" = 1 ]; then
    : "${ROUNDS:=1}" "${DURATION:=2}" "${WARMUP:=1}" "${SESSIONS:=200}" "${MEMORY_POINTS:=200,1000}" "${SEED_BUDGET:=60}"
    : "${TIME_LIMIT_MINUTES:=20}"
    : "${ONLY_TARGETS:=$(IFS=,; echo "${SMOKE_TARGETS[*]}")}"
  else
    : "${ROUNDS:=3}" "${DURATION:=15}" "${WARMUP:=20}" "${SESSIONS:=10000}" "${MEMORY_POINTS:=10000,100000}" "${SEED_BUDGET:=300}"
    : "${TIME_LIMIT_MINUTES:=90}"
  fi
}

ROUNDS='' DURATION='' WARMUP='' SESSIONS='' MEMORY_POINTS='' SEED_BUDGET='' TIME_LIMIT_MINUTES='' ONLY_TARGETS='' IDLE_WAIT='' IDLE_DEACTIVATION=''
MEMORY=1 BUILD=1 INSTALL=1 KEEP_TEMP=0 SMOKE=0

usage() { sed -n '2,/^set -euo pipefail/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//' >&2; exit "${1:-2}"; }

quote() { if [[ "$1" =~ ^[A-Za-z0-9_./:=,+@%-]+$ ]]; then printf '%s' "$1"; else printf "'%s'" "${1//\'/\'\\\'\'}"; fi; }
COMMAND_LINE=$(quote "$0")
for arg in "$@"; do COMMAND_LINE+=" $(quote "$arg")"; done
need_value() { [ "$2" -ge 2 ] || { echo "bench: $1 needs a value" >&2; usage; }; }
while [ $# -gt 0 ]; do
  case $1 in
    --smoke) SMOKE=1; shift ;;
    --duration) need_value "$1" $#; DURATION=$2; shift 2 ;;
    --warmup) need_value "$1" $#; WARMUP=$2; shift 2 ;;
    --rounds) need_value "$1" $#; ROUNDS=$2; shift 2 ;;
    --sessions) need_value "$1" $#; SESSIONS=$2; shift 2 ;;
    --connections) need_value "$1" $#; CONNECTIONS=$2; shift 2 ;;
    --threads) need_value "$1" $#; WRK_THREADS=$2; shift 2 ;;
    --targets) need_value "$1" $#; ONLY_TARGETS=$2; shift 2 ;;
    --memory-points) need_value "$1" $#; MEMORY_POINTS=$2; shift 2 ;;
    --seed-budget) need_value "$1" $#; SEED_BUDGET=$2; shift 2 ;;
    --no-memory) MEMORY=0; shift ;;
    --idle-wait) need_value "$1" $#; IDLE_WAIT=$2; shift 2 ;;
    --idle-deactivation) need_value "$1" $#; IDLE_DEACTIVATION=$2; shift 2 ;;
    --time-limit) need_value "$1" $#; TIME_LIMIT_MINUTES=$2; shift 2 ;;
    --no-build) BUILD=0; shift ;;
    --no-install) INSTALL=0; shift ;;
    --keep-temp) KEEP_TEMP=1; shift ;;
    -h|--help) usage 0 ;;
    *) echo "bench: unknown option $1" >&2; usage ;;
  esac
done

apply_defaults
for value in "$ROUNDS" "$DURATION" "$WARMUP" "$SESSIONS" "$CONNECTIONS" "$WRK_THREADS" "$SEED_BUDGET" ${IDLE_WAIT:+"$IDLE_WAIT"} ${TIME_LIMIT_MINUTES:+"$TIME_LIMIT_MINUTES"}; do
  [[ "$value" =~ ^[0-9]+$ ]] || { echo "bench: '$value' is not a whole number" >&2; usage; }
done
[[ "$MEMORY_POINTS" =~ ^[1-9][0-9]*(,[1-9][0-9]*)*$ ]] || { echo "bench: --memory-points wants N,M,... ascending" >&2; usage; }
if [ "$ROUNDS" -lt 1 ] || [ "$DURATION" -lt 1 ] || [ "$SESSIONS" -lt 1 ] || [ "$CONNECTIONS" -lt 1 ] || [ "$WRK_THREADS" -lt 1 ]; then
  echo "bench: --rounds, --duration, --sessions, --connections and --threads must be at least 1" >&2
  usage
fi
TIME_LIMIT_SECONDS=$((TIME_LIMIT_MINUTES * 60 + ${IDLE_WAIT:-0}))
DEADLINE_SECONDS=$((SECONDS + TIME_LIMIT_SECONDS))

# shellcheck source=lib/common.sh
. "$BENCH_DIR/lib/common.sh"
# shellcheck source=lib/targets.sh
. "$BENCH_DIR/lib/targets.sh"
# shellcheck source=lib/measure.sh
. "$BENCH_DIR/lib/measure.sh"
# shellcheck source=lib/setup.sh
. "$BENCH_DIR/lib/setup.sh"
# shellcheck source=lib/steps.sh
. "$BENCH_DIR/lib/steps.sh"

select_targets
RUN_DIR=$(mktemp -d "${TMPDIR:-/tmp}/sessions-bench.XXXXXX")
chmod 755 "$RUN_DIR"   # local-cluster.sh runs PostgreSQL as the postgres user, which must reach its state folder
STAMP=$(date -u +%Y%m%dT%H%M%SZ)
RESULTS_BASE=$BENCH_DIR/results/$STAMP
trap on_exit EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

say "run folder $RUN_DIR; targets: ${SELECTED[*]}; $DURATION s per workload; $SESSIONS sessions; limit $TIME_LIMIT_MINUTES min"
install_prerequisites
build_all
write_metadata

TOTAL_STEPS=$((${#SELECTED[@]} + MEMORY))
STEP=0
ALONE=("${SELECTED[@]}")
if [ "$ROUNDS" -gt 1 ]; then
  ALONE=() TOGETHER=()
  for name in "${SELECTED[@]}"; do
    target_row "$name"
    if in_rounds "$ROW_KIND"; then TOGETHER+=("$name"); else ALONE+=("$name"); fi
  done
  for name in ${TOGETHER[@]+"${TOGETHER[@]}"}; do
    STEP=$((STEP + 1))
    prepare_for_rounds "$name"
  done
  [ ${#TOGETHER[@]} -eq 0 ] || bench_rounds "${TOGETHER[@]}"
fi
for name in ${ALONE[@]+"${ALONE[@]}"}; do
  STEP=$((STEP + 1))
  bench_target "$name"
done
if [ "$MEMORY" = 1 ]; then
  STEP=$((STEP + 1))
  measure_memory
fi

finish_report complete
