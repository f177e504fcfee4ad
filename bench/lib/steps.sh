# shellcheck shell=bash
# The steps of a run (sourced by run.sh): one target, the memory readings, the report, the cleanup on exit.

workloads_of() { # name:script pairs for a target kind (the page workload needs the demo pages: embedded targets)
  case $1 in
    bare) echo "get:bare.lua" ;;
    embedded) echo "read:read.lua write:write.lua mix:mix.lua page:page.lua" ;;
    *) echo "read:read.lua write:write.lua mix:mix.lua" ;;
  esac
}

bench_target() {
  local name=$1 pair
  start_and_warm "$name"
  for pair in $(workloads_of "$ROW_KIND"); do
    run_wrk "$name" "${pair%%:*}" "${pair#*:}" "$COOKIES" "$DURATION" yes
  done
  progress "$STEP_LABEL: stopping"
  stop_target
  record_target "$name"
  say "$name done"
}

# start_and_warm <name>: starts a target, seeds it (COOKIES: its cookie file) and runs its unrecorded warm-up.
start_and_warm() {
  local name=$1 warm i
  target_row "$name"
  STEP_LABEL="($STEP/$TOTAL_STEPS) $name"
  progress "$STEP_LABEL: starting"
  COOKIES=$RUN_DIR/targets/$name.cookies
  case $ROW_KIND in
    bare) start_bare "$name" ;;
    redis) start_redis "$name" ;;
    ceiling) start_ceiling "$name" ;;
    embedded) start_embedded "$name" ${ROW_ARGS[@]+"${ROW_ARGS[@]}"} ;;
    cluster) start_cluster "$name" ${ROW_ARGS[@]+"${ROW_ARGS[@]}"} ;;
    *) die "target $name: unknown kind '$ROW_KIND'" ;;
  esac
  if [ "$ROW_KIND" = bare ]; then
    # No session: cookies of a realistic size, so the requests are as large as the session reads.
    for i in $(seq 1 100); do printf 'sid=%0200d\n' "$i"; done >"$COOKIES"
    warm=get:bare.lua SEEDED=0 SEED_SECONDS=0 SEED_PARTIAL=0
  else
    seed "$name" "$TARGET_URL" "$SESSIONS" "$COOKIES"
    warm=mix:mix.lua
  fi
  [ "$WARMUP" -eq 0 ] || run_wrk "$name" "${warm%%:*}" "${warm#*:}" "$COOKIES" "$WARMUP" no
}

# record_target <name>: the target's line of targets.tsv (after its run: the slow-turn count reads its logs).
record_target() {
  target_row "$1"
  printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$1" "$ROW_KIND" \
    "$ROW_DESCRIPTION${ROW_ARGS[*]:+ [${ROW_ARGS[*]}]}$(slow_turns_note "$1")" \
    "${SEEDED_OF[$1]:-$SEEDED}" "${SEED_SECONDS_OF[$1]:-$SEED_SECONDS}" "${SEED_PARTIAL_OF[$1]:-$SEED_PARTIAL}" >>"$RUN_DIR/targets.tsv"
}

# --- rounds (--rounds N > 1) -------------------------------------------------------------------------------------
# The targets of one process (plus redis-server) are all started, seeded and warmed first, then paused (SIGSTOP); each
# workload is measured in N slices of DURATION/N seconds, taking the targets in turn, only the measured one running
# (after a settle second of the same workload, unrecorded, as a resumed process catches up). The host's speed drifts by
# a third within a minute on a small shared machine; measured minutes apart, two targets' ratio mostly measures that
# drift. A target's slices are merged into one row: requests and time summed (req/s over all its slices), latency
# percentiles the largest of its slices, errors summed. Cluster targets (several processes and PostgreSQL) run one after
# another as without rounds.

declare -A PAUSED_PIDS=() URLS_OF=() COOKIES_OF=() SEEDED_OF=() SEED_SECONDS_OF=() SEED_PARTIAL_OF=()
ROUND_SETTLE_SECONDS=1

in_rounds() { case $1 in bare | redis | ceiling | embedded) return 0 ;; *) return 1 ;; esac; }

# prepare_for_rounds <name>: start_and_warm, then remember the target and pause every process it started.
prepare_for_rounds() {
  local name=$1 first=${#TRACKED[@]} entry pids=()
  start_and_warm "$name"
  for entry in "${TRACKED[@]:first}"; do pids+=("${entry%% *}"); done
  PAUSED_PIDS[$name]="${pids[*]}"
  URLS_OF[$name]="${TARGET_URLS[*]}"
  COOKIES_OF[$name]=$COOKIES
  SEEDED_OF[$name]=$SEEDED SEED_SECONDS_OF[$name]=$SEED_SECONDS SEED_PARTIAL_OF[$name]=$SEED_PARTIAL
  # shellcheck disable=SC2086 # a list of PIDs
  kill -STOP ${PAUSED_PIDS[$name]}
  say "$name ready and paused"
}

# bench_rounds <name>...: every workload of these (prepared) targets in ROUNDS slices each, then their rows.
bench_rounds() {
  local names=("$@") workload name round pair slice=$(((DURATION + ROUNDS - 1) / ROUNDS))
  for workload in get read write mix page; do
    for round in $(seq 1 "$ROUNDS"); do
      for name in "${names[@]}"; do
        target_row "$name"
        pair=$(workloads_of "$ROW_KIND" | tr ' ' '\n' | grep "^$workload:") || continue
        STEP_LABEL="(rounds) $name, round $round of $ROUNDS"
        read -r -a TARGET_URLS <<<"${URLS_OF[$name]}"
        # shellcheck disable=SC2086 # a list of PIDs
        kill -CONT ${PAUSED_PIDS[$name]}
        run_wrk "$name" "$workload" "${pair#*:}" "${COOKIES_OF[$name]}" "$ROUND_SETTLE_SECONDS" no
        run_wrk "$name" "$workload" "${pair#*:}" "${COOKIES_OF[$name]}" "$slice" yes "$round"
        # shellcheck disable=SC2086
        kill -STOP ${PAUSED_PIDS[$name]}
      done
    done
  done
  for name in "${names[@]}"; do
    target_row "$name"
    for pair in $(workloads_of "$ROW_KIND"); do merge_rounds "$name" "${pair%%:*}"; done
  done
  progress "(rounds) stopping"
  stop_target
  for name in "${names[@]}"; do record_target "$name"; done
  say "rounds done: ${names[*]}"
}

# merge_rounds <target> <workload>: its slices' results into one workloads.tsv row (FAILED unless all were recorded).
merge_rounds() {
  local file=$RUN_DIR/rounds/$1.$2.jsonl json=
  [ ! -s "$file" ] || json=$(merge_wrk_results "$ROUNDS" rounds <"$file")
  if [ -n "$json" ]; then
    printf '%s\t%s\t%s\n' "$1" "$2" "$json" >>"$RUN_DIR/workloads.tsv"
  else
    printf '%s\t%s\tFAILED: %s of %s rounds recorded\n' "$1" "$2" "$( (grep -c . "$file" 2>/dev/null) || echo 0)" "$ROUNDS" >>"$RUN_DIR/workloads.tsv"
  fi
}

# slow_turns_note <name>: for Sessions targets, how many times Orleans warned that a grain turn took longer than its
# threshold ("... took elapsed time ... which is longer than ...") in the target's logs (silo and frontend).
slow_turns_note() {
  case $ROW_KIND in
    embedded | cluster)
      printf '; Orleans slow-turn warnings: %s' \
        "$( (grep -rh --include='*.log' 'which is longer than' "$(target_dir "$1")" || true) | wc -l)" ;;
  esac
}

# measure_memory: the memory target in a process of its own with the heap probe; an idle run when --idle-wait.
measure_memory() {
  local points seeded=0 n max
  target_row "$MEMORY_TARGET"
  STEP_LABEL="($STEP/$TOTAL_STEPS) memory"
  read -r -a points <<<"${MEMORY_POINTS//,/ }"
  max=${points[${#points[@]} - 1]}
  memory_process memory ${ROW_ARGS[@]+"${ROW_ARGS[@]}"}
  memory_point "empty (after /readyz)" 0 "$PROBE_DIR"
  for n in "${points[@]}"; do
    [ "$n" -gt "$seeded" ] || die "--memory-points must ascend"
    seed "memory $n" "$TARGET_URL" $((n - seeded)) "$RUN_DIR/targets/memory.cookies" "$seeded" append
    seeded=$((seeded + SEEDED))
    if [ "$SEED_PARTIAL" = 1 ]; then
      memory_point "$seeded sessions (of $n: seeding budget ran out)" "$seeded" "$PROBE_DIR"
      break
    fi
    memory_point "$n sessions" "$n" "$PROBE_DIR"
  done
  stop_target
  if [ -n "$IDLE_WAIT" ]; then
    memory_process memory-idle ${ROW_ARGS[@]+"${ROW_ARGS[@]}"} "--$IDLE_DEACTIVATION_KEY=$(idle_deactivation_value)"
    memory_point "idle run: empty" 0 "$PROBE_DIR"
    seed "memory idle run" "$TARGET_URL" "$max" "$RUN_DIR/targets/memory-idle.cookies"
    max=$SEEDED
    memory_point "idle run: $max sessions" "$max" "$PROBE_DIR"
    local start=$SECONDS
    while [ $((SECONDS - start)) -lt "$IDLE_WAIT" ]; do
      progress "$STEP_LABEL: idle wait ($IDLE_DEACTIVATION_KEY=$(idle_deactivation_value))" "$((IDLE_WAIT - (SECONDS - start)))s left"
      check_deadline
      sleep 1
    done
    memory_point "idle run: $max sessions after ${IDLE_WAIT}s idle" "$max" "$PROBE_DIR"
    stop_target
  fi
  say "memory done"
}

memory_process() { # memory_process <name> <WebFrontend option>...
  local name=$1
  shift
  PROBE_DIR=$RUN_DIR/targets/$name/probe
  mkdir -p "$PROBE_DIR"
  EMBEDDED_ENV=(DOTNET_STARTUP_HOOKS="$HEAP_PROBE_DLL" BENCH_HEAP_PROBE_DIR="$PROBE_DIR")
  progress "$STEP_LABEL: starting $name"
  start_embedded "$name" "$@"
  EMBEDDED_ENV=()
}

# finish_report <status>: the tables, from whatever was recorded (also after a failure, marked as such).
finish_report() {
  meta status "$1"
  meta elapsed_s "$((SECONDS - START_SECONDS))"
  mkdir -p "$BENCH_DIR/results"
  end_progress
  dotnet "$REPORT_DLL" "$RUN_DIR" "$RESULTS_BASE"
  say "results: ${RESULTS_BASE#"$REPO_ROOT"/}.json and .md ($(elapsed) in all)"
}

on_exit() {
  local status=$?
  trap - EXIT INT TERM
  end_progress
  case $status in 130) say "interrupted (SIGINT); stopping what this run started" ;; 143) say "terminated (SIGTERM); stopping what this run started" ;; esac
  stop_target
  if [ "$status" -ne 0 ] && [ -n "${REPORT_DLL:-}" ] && { [ -s "$RUN_DIR/workloads.tsv" ] || [ -s "$RUN_DIR/memory.tsv" ]; }; then
    say "the run failed (exit $status); tables of what was measured:"
    finish_report "incomplete: exit $status" || true
  fi
  if [ "$status" -eq 0 ] && [ "$KEEP_TEMP" = 0 ]; then
    rm -rf "$RUN_DIR"
  else
    say "run folder kept: $RUN_DIR"
  fi
  exit "$status"
}
