# shellcheck shell=bash
# Preparing a run (sourced by run.sh): the selected targets, prerequisites, the build, the run's metadata.

FRONTEND_MARKER=Sessions.WebFrontend.dll
REDIS_APP_MARKER=Sessions.Bench.RedisSessionApp.dll
CEILING_APP_MARKER=Sessions.Bench.CeilingApp.dll
SEEDER_MARKER=Sessions.Bench.Seeder.dll

# SELECTED: the targets of this run, in TARGET_ORDER.
select_targets() {
  local name wanted known=" ${TARGET_ORDER[*]} "
  SELECTED=()
  if [ -z "$ONLY_TARGETS" ]; then SELECTED=("${TARGET_ORDER[@]}"); return; fi
  for wanted in ${ONLY_TARGETS//,/ }; do
    [[ "$known" == *" $wanted "* ]] || die "unknown target '$wanted' (known: ${TARGET_ORDER[*]})"
  done
  for name in "${TARGET_ORDER[@]}"; do
    [[ ",$ONLY_TARGETS," == *",$name,"* ]] && SELECTED+=("$name")
  done
  return 0
}

# target_row <name>: sets ROW_KIND, ROW_ARGS (array: an embedded target's WebFrontend options, another target's
# settings) and ROW_DESCRIPTION from the tables at the top of run.sh.
target_row() {
  local row name args description kind
  for row in "${EMBEDDED_TARGETS[@]}"; do
    IFS='|' read -r name args description <<<"$row"
    if [ "$name" = "$1" ]; then
      ROW_KIND=embedded; ROW_DESCRIPTION=$description
      read -r -a ROW_ARGS <<<"$args"
      return 0
    fi
  done
  for row in "${OTHER_TARGETS[@]}"; do
    IFS='|' read -r name kind args description <<<"$row"
    if [ "$name" = "$1" ]; then
      ROW_KIND=$kind; ROW_DESCRIPTION=$description
      read -r -a ROW_ARGS <<<"$args"
      return 0
    fi
  done
  die "target '$1' is in TARGET_ORDER but in neither table"
}

install_prerequisites() {
  local missing=() name
  command -v python3 >/dev/null || die "python3 is needed (free ports; as for scripts/local-cluster.sh)"
  command -v dotnet >/dev/null || die "the .NET SDK (dotnet) is needed"
  command -v redis-server >/dev/null && command -v redis-cli >/dev/null || missing+=(redis-server)
  command -v wrk >/dev/null || missing+=(wrk)
  command -v curl >/dev/null || missing+=(curl)
  if [[ " ${SELECTED[*]} " == *" sessions-cluster"* ]] && ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 &&
    ! command -v pg_config >/dev/null; then
    missing+=(postgresql)
  fi
  [ ${#missing[@]} -gt 0 ] || return 0
  [ "$INSTALL" = 1 ] || die "missing: ${missing[*]} (install them, or run without --no-install)"
  [ "$(id -u)" -eq 0 ] || die "missing: ${missing[*]}; run as root to let this script apt-get install them"
  say "installing ${missing[*]} (apt-get update -qq, apt-get install -y -qq)"
  for name in update install; do
    if [ "$name" = update ]; then
      run_tracked apt-get "$RUN_DIR/apt.log" timeout 600 apt-get update -qq >>"$RUN_DIR/apt.log" ||
        { tail -n 20 "$RUN_DIR/apt.log" >&2; die "apt-get update failed"; }
    else
      run_tracked apt-get "$RUN_DIR/apt.log" env DEBIAN_FRONTEND=noninteractive timeout 900 \
        apt-get install -y -qq "${missing[@]}" >>"$RUN_DIR/apt.log" ||
        { tail -n 20 "$RUN_DIR/apt.log" >&2; die "apt-get install failed"; }
    fi
  done
}

# find_output <project folder> <assembly file>: the Release build output.
find_output() {
  local file
  file=$(ls "$1"/bin/Release/*/"$2" 2>/dev/null | head -n 1 || true)
  [ -n "$file" ] || die "$1/bin/Release/*/$2 not found: build first, or run without --no-build"
  printf '%s\n' "$file"
}

build_all() {
  local solution log=$RUN_DIR/build.log
  if [ "$BUILD" = 1 ]; then
    for solution in "$REPO_ROOT/Sessions.sln" "$BENCH_DIR/Bench.sln"; do
      progress "building ${solution#"$REPO_ROOT"/} (Release)"
      # No node reuse and no shared compiler server: no build process outlives this step.
      run_tracked dotnet "$log" timeout 1200 dotnet build "$solution" -c Release -nologo -v quiet \
        -nodeReuse:false -p:UseSharedCompilation=false >>"$log" || { tail -n 40 "$log" >&2; die "build of $solution failed"; }
    done
  fi
  progress "dotnet tool restore (dotnet-gcdump)"
  (cd "$BENCH_DIR" && run_tracked dotnet "$log" timeout 300 dotnet tool restore >>"$log") ||
    { tail -n 20 "$log" >&2; die "dotnet tool restore failed"; }
  FRONTEND_DLL=$(find_output "$REPO_ROOT/WebFrontend" Sessions.WebFrontend.dll)
  FRONTEND_APPSETTINGS=$(dirname "$FRONTEND_DLL")/appsettings.json
  [ -f "$FRONTEND_APPSETTINGS" ] || FRONTEND_APPSETTINGS=$REPO_ROOT/WebFrontend/appsettings.json
  REDIS_APP_DLL=$(find_output "$BENCH_DIR/RedisSessionApp" Sessions.Bench.RedisSessionApp.dll)
  REDIS_APP_ROOT=$(dirname "$REDIS_APP_DLL")
  CEILING_APP_DLL=$(find_output "$BENCH_DIR/CeilingApp" Sessions.Bench.CeilingApp.dll)
  SEEDER_DLL=$(find_output "$BENCH_DIR/Seeder" Sessions.Bench.Seeder.dll)
  REPORT_DLL=$(find_output "$BENCH_DIR/Report" Sessions.Bench.Report.dll)
  HEAP_PROBE_DLL=$(find_output "$BENCH_DIR/HeapProbe" Sessions.Bench.HeapProbe.dll)
  say "built: $(dotnet --version) SDK; WebFrontend $FRONTEND_DLL"
}

meta() { printf '%s\t%s\n' "$1" "$(printf '%s' "$2" | tr '\t\n' '  ')" >>"$RUN_DIR/meta.tsv"; }

write_metadata() {
  meta started_utc "$(date -u +%Y-%m-%dT%H:%M:%SZ)"
  meta mode "$([ "$SMOKE" = 1 ] && echo smoke || echo full)"
  meta command_line "$COMMAND_LINE"
  meta git_commit "$(git -C "$REPO_ROOT" rev-parse --short HEAD 2>/dev/null || echo ?)$(git -C "$REPO_ROOT" diff --quiet HEAD 2>/dev/null || echo +changes)"
  meta git_branch "$(git -C "$REPO_ROOT" rev-parse --abbrev-ref HEAD 2>/dev/null || echo ?)"
  meta nproc "$(nproc)"
  meta cpu_model "$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)"
  meta memory_total "$(awk '/^MemTotal:/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)"
  meta kernel "$(uname -sr)"
  meta dotnet_version "$(dotnet --version)"
  meta redis_version "$(redis-server --version | awk '{ print $1, $2, $3 }')"
  meta wrk_version "$( (wrk -v 2>&1 || true) | head -n 1 | awk '{ print $1, $2 }')"
  meta load_average_at_start "$(cut -d' ' -f1-3 /proc/loadavg)"
  meta duration_s "$DURATION"
  meta rounds "$ROUNDS"
  meta warmup_s "$WARMUP"
  meta sessions "$SESSIONS"
  meta connections "$CONNECTIONS"
  meta wrk_threads "$WRK_THREADS"
  meta wrk_timeout "$WRK_TIMEOUT"
  meta cart_bytes "$CART_BYTES"
  meta payload_bytes_per_session "$((CART_BYTES + ${#CART_KEY} + ${#COUNTER_KEY} + 1))"
  meta memory_points "$([ "$MEMORY" = 1 ] && echo "$MEMORY_POINTS" || echo skipped)"
  meta idle_wait_s "${IDLE_WAIT:-skipped}"
  meta idle_deactivation "$([ -n "$IDLE_WAIT" ] && echo "$IDLE_DEACTIVATION_KEY=$(idle_deactivation_value)" || echo -)"
  if [ "$(awk '{ print ($1 > 0.5) }' /proc/loadavg)" = 1 ]; then
    say "note: load average is $(cut -d' ' -f1 /proc/loadavg) before the first target: something else is using the CPU"
  fi
}
CART_KEY=cart
COUNTER_KEY=n

idle_deactivation_value() {
  local s=$((IDLE_WAIT / 2))
  if [ -n "$IDLE_DEACTIVATION" ]; then echo "$IDLE_DEACTIVATION"; else printf '%02d:%02d:%02d' $((s / 3600)) $((s / 60 % 60)) $((s % 60)); fi
}
