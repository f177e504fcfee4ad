# shellcheck shell=bash
# Seeding, wrk runs and memory readings (sourced by run.sh). Results are appended to the run folder's
# workloads.tsv and memory.tsv, which bench/Report turns into the tables.

# seed <label> <url> <count> <cookies file> [<first index> [append]]: creates sessions with bench/Seeder, within
# SEED_BUDGET seconds (and the run's time limit). Sets SEEDED (sessions created) and SEED_SECONDS. When the budget
# runs out the run goes on with the sessions seeded so far (SEED_PARTIAL=1); the tables say how many that was.
seed() {
  local label=$1 url=$2 count=$3 cookies=$4 first=${5:-0} append=() status=0 budget line
  [ "${6:-}" != append ] || append=(--append)
  budget=$(remaining_seconds)
  [ "$budget" -le "$SEED_BUDGET" ] || budget=$SEED_BUDGET
  [ "$budget" -gt 0 ] || die "time limit reached before seeding $label"
  end_progress
  # stdout to a file, not $(...): a subshell would hide the seeder's PID from the EXIT trap.
  run_tracked "$SEEDER_MARKER" - dotnet "$SEEDER_DLL" --url "$url" --sessions "$count" --first-index "$first" \
    --cookies "$cookies" --cart-bytes "$CART_BYTES" --parallel "$SEED_PARALLEL" --label "$label" \
    --deadline-seconds "$budget" ${append[@]+"${append[@]}"} >"$RUN_DIR/seed.out" || status=$?
  line=$(tail -n 1 "$RUN_DIR/seed.out")
  case $status in
    0) SEED_PARTIAL=0 ;;
    3) SEED_PARTIAL=1 ;;
    *) die "seeding $label failed (exit $status; server log: $TARGET_LOG)" ;;
  esac
  read -r _ SEEDED SEED_SECONDS <<<"$line"
  [[ "${SEEDED:-}" =~ ^[0-9]+$ ]] || die "the seeder printed no count ('$line')"
  [ "$SEEDED" -gt 0 ] || die "seeding $label created no session within ${budget}s"
  if [ "$SEED_PARTIAL" = 1 ]; then
    say "warning: seeding $label stopped after ${budget}s with $SEEDED of $count sessions; going on with those"
  fi
}

# run_wrk <target> <workload> <script> <cookies> <seconds> <record: yes|no>: one wrk per URL of TARGET_URLS, all at
# once, the connections split evenly between them; each starts at its own share of the cookies (so the frontends
# read every session, not the same one at the same moment). Several results are merged into one (merge_wrk_results).
# With a 7th argument (a round of --rounds), a recorded result goes to rounds/<target>.<workload>.jsonl for merge_rounds.
run_wrk() {
  local target=$1 workload=$2 script=$BENCH_DIR/wrk/$3 cookies=$4 duration=$5 record=$6 round=${7:-} out outs=() pids=() pid status=0
  local start left json count=${#TARGET_URLS[@]} connections i offset cookie_count running
  mkdir -p "$RUN_DIR/wrk"
  out=$RUN_DIR/wrk/$target.$workload.$([ "$record" = yes ] && echo "run${round:+.r$round}" || echo warmup).out
  connections=$((CONNECTIONS / count))
  [ "$connections" -ge "$WRK_THREADS" ] || die "--connections $CONNECTIONS is too few for $count frontends with --threads $WRK_THREADS"
  cookie_count=$(wc -l <"$cookies")
  for i in $(seq 0 $((count - 1))); do
    offset=$((i * cookie_count / count))
    outs+=("$out$([ "$count" -eq 1 ] || echo ".$((i + 1))")")
    timeout $((duration + 60)) wrk -t"$WRK_THREADS" -c"$connections" -d"${duration}s" --timeout "$WRK_TIMEOUT" \
      -s "$script" "${TARGET_URLS[$i]}" -- "$cookies" "$offset" </dev/null >"${outs[$i]}" 2>&1 &
    pids+=("$!")
    track "$!" wrk
  done
  start=$SECONDS
  while :; do
    running=0
    for pid in "${pids[@]}"; do if alive "$pid" wrk; then running=1; fi; done
    [ "$running" = 1 ] || break
    left=$((duration - (SECONDS - start)))
    [ "$left" -ge 0 ] || left=0
    progress "$STEP_LABEL: $([ "$record" = yes ] && echo "$workload" || echo "warm-up ($workload)")" "${left}s left"
    check_deadline
    sleep 0.5
  done
  for pid in "${pids[@]}"; do
    wait "$pid" || status=$?
    untrack "$pid"
  done
  [ "$record" = yes ] || return 0
  json=$(for i in "${!outs[@]}"; do sed -n 's/^BENCH_RESULT //p' "${outs[$i]}" | tail -n 1; done | merge_wrk_results "$count")
  if [ "$status" -eq 0 ] && [ -n "$json" ] && [ -n "$round" ]; then
    mkdir -p "$RUN_DIR/rounds"
    printf '%s\n' "$json" >>"$RUN_DIR/rounds/$target.$workload.jsonl"   # merged by merge_rounds
  elif [ "$status" -eq 0 ] && [ -n "$json" ]; then
    printf '%s\t%s\t%s\n' "$target" "$workload" "$json" >>"$RUN_DIR/workloads.tsv"
  elif [ -n "$round" ]; then
    say "warning: wrk $target $workload round $round failed (exit $status): $(tail -n 2 "${outs[@]}" | tr '\n\t' '  ')"
  else
    say "warning: wrk $target $workload failed (exit $status): $(tail -n 2 "${outs[@]}" | tr '\n\t' '  ')"
    printf '%s\t%s\tFAILED: wrk exit %s\n' "$target" "$workload" "$status" >>"$RUN_DIR/workloads.tsv"
  fi
}

# merge_wrk_results <count> [rounds]: the BENCH_RESULT JSON lines on stdin (one per wrk run at once, or with "rounds"
# one per round of --rounds) as one line, or nothing unless there are <count> of them. Requests, bytes, socket errors
# and status counts are summed, the duration is the longest (rounds: summed, and each round's req/s is kept); latency
# percentiles and the maximum are the largest of the runs (an upper bound: wrk's histograms are not at hand), the mean
# is weighted by requests and the stdev the largest.
merge_wrk_results() {
  python3 -c '
import json, sys
runs = [json.loads(line) for line in sys.stdin if line.strip()]
rounds = sys.argv[2] == "rounds"
if len(runs) != int(sys.argv[1]):
    sys.exit(0)
if len(runs) == 1 and not rounds:
    print(json.dumps(runs[0], separators=(",", ":")))
    sys.exit(0)
total = sum(r["requests"] for r in runs)
lat = [r["latency_us"] for r in runs]
merged = {
    "requests": total,
    "duration_us": (sum if rounds else max)(r["duration_us"] for r in runs),
    "bytes": sum(r["bytes"] for r in runs),
    "latency_us": {
        **{k: max(l[k] for l in lat) for k in ("p50", "p90", "p99", "max", "stdev")},
        "mean": sum(l["mean"] * r["requests"] for l, r in zip(lat, runs)) / total if total else 0.0,
    },
    "socket_errors": {k: sum(r["socket_errors"][k] for r in runs) for k in ("connect", "read", "write", "timeout")},
    "status": {k: sum(r["status"][k] for r in runs) for k in ("2xx", "other", "wrk_status_errors")},
}
if rounds:
    merged["rounds_req_per_s"] = [round(r["requests"] * 1e6 / r["duration_us"]) for r in runs]
else:
    merged["wrk_processes"] = len(runs)
print(json.dumps(merged, separators=(",", ":")))
' "$1" "${2:-at-once}"
}

# memory_point <label> <sessions> <probe folder>: RSS and live heap of TARGET_PID, after a forced full GC.
memory_point() {
  local label=$1 sessions=$2 probe=$3 waited=0 live rss gcdump=- dump
  progress "$STEP_LABEL: measuring '$label'"
  alive "$TARGET_PID" "$TARGET_MARKER" || die "the measured process exited (log: $TARGET_LOG)"
  # 1. the heap probe inside the process: full blocking compacting GC, then GC.GetTotalMemory(true)
  rm -f "$probe/heap.txt"
  : >"$probe/collect"
  until [ -f "$probe/heap.txt" ]; do
    [ "$waited" -lt 480 ] || die "the heap probe did not answer within 120 s (DOTNET_STARTUP_HOOKS not loaded?)"
    sleep 0.25
    waited=$((waited + 1))
  done
  live=$(sed -n 's/^live_bytes=//p' "$probe/heap.txt")
  # 2. RSS right after that GC, before dotnet-gcdump's EventPipe session adds its own buffers to the process
  rss=$(awk '/^VmRSS:/ { printf "%d", $2 * 1024 }' "/proc/$TARGET_PID/status")
  # 3. dotnet-gcdump: its collect forces a full GC as well and walks the heap graph from the roots
  dump=$probe/point.gcdump
  if (cd "$BENCH_DIR" && timeout 600 dotnet tool run dotnet-gcdump collect -p "$TARGET_PID" -o "$dump") \
    >>"$probe/gcdump.log" 2>&1; then
    gcdump=$( (cd "$BENCH_DIR" && timeout 300 dotnet tool run dotnet-gcdump report "$dump") 2>>"$probe/gcdump.log" |
      awk '/GC Heap bytes/ { gsub(",", "", $1); print $1; exit }')
    [ -n "$gcdump" ] || gcdump=-
  else
    say "warning: dotnet-gcdump collect failed at '$label' (see $probe/gcdump.log)"
  fi
  rm -f "$dump"
  printf '%s\t%s\t%s\t%s\t%s\n' "$label" "$sessions" "$rss" "$live" "$gcdump" >>"$RUN_DIR/memory.tsv"
  say "memory '$label': RSS $((rss / 1048576)) MiB, live heap $((live / 1048576)) MiB, gcdump $([ "$gcdump" = - ] && echo - || echo "$((gcdump / 1048576)) MiB")"
}
