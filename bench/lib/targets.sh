# shellcheck shell=bash
# Starting and stopping the systems under test (sourced by run.sh). Each start_* sets TARGET_URL, TARGET_PID and
# TARGET_MARKER (the process that serves HTTP), TARGET_URLS (every URL wrk loads: TARGET_URL alone but for a cluster
# target with several frontends) and leaves its processes tracked, so stop_target / the EXIT trap stop
# them by PID. Everything a target writes lives in its own folder under the run folder.

# The seeder and wrk create sessions from one address far faster than any client would: no per-address creation limit.
BENCH_LIMITS=(RateLimits__SessionCreationsPerMinute=0)
# The seeder and wrk read and write the keys cart and n through the browser-facing /api/session, which serves only keys
# declared client-writable (SessionApi:ClientWritableKeys; the demo's appsettings.json declares name, visits, counter
# and the prefix prefs.): the bench declares its two. Indexes 0 and 1 replace the demo's first two entries; the
# bench uses no other key. The bench's cart is its own 1 KiB document, not the shop's.
BENCH_CLIENT_WRITABLE=(SessionApi__ClientWritableKeys__0=cart SessionApi__ClientWritableKeys__1=n)
APP_ENV=(env DOTNET_ENVIRONMENT=Production ASPNETCORE_ENVIRONMENT=Production DOTNET_CLI_TELEMETRY_OPTOUT=1 "${BENCH_LIMITS[@]}")
CLUSTER_STATE_DIRS=()   # local-cluster.sh state folders brought up by this run (taken down by stop_target / the trap)

target_dir() { local dir=$RUN_DIR/targets/$1; mkdir -p "$dir"; printf '%s\n' "$dir"; }

# start_bare <name>: the reference app in its bare mode (Kestrel + routing, constant body).
start_bare() {
  local dir port
  dir=$(target_dir "$1")
  port=$(free_ports 1)
  (cd "$dir" && exec "${APP_ENV[@]}" dotnet "$REDIS_APP_DLL" --contentRoot "$REDIS_APP_ROOT" \
    --urls "http://127.0.0.1:$port" --Bench:Mode=Bare) </dev/null >"$dir/app.log" 2>&1 &
  set_target "$!" "$REDIS_APP_MARKER" "http://127.0.0.1:$port" "$dir/app.log"
  wait_http "$TARGET_URL/healthz" "$TARGET_PID" "$TARGET_MARKER" "$dir/app.log"
}

# start_ceiling <name>: bench/CeilingApp (its appsettings.json has the WebFrontend's log levels and SessionApi keys),
# with the keys the seeder and wrk use declared client-writable as for the WebFrontend. Its sessions live in the
# process: the seeder seeds it through the same item API.
start_ceiling() {
  local dir port
  dir=$(target_dir "$1")
  port=$(free_ports 1)
  (cd "$dir" && exec "${APP_ENV[@]}" "${BENCH_CLIENT_WRITABLE[@]}" dotnet "$CEILING_APP_DLL" \
    --contentRoot "$(dirname "$CEILING_APP_DLL")" --urls "http://127.0.0.1:$port") </dev/null >"$dir/app.log" 2>&1 &
  set_target "$!" "$CEILING_APP_MARKER" "http://127.0.0.1:$port" "$dir/app.log"
  wait_http "$TARGET_URL/healthz" "$TARGET_PID" "$TARGET_MARKER" "$dir/app.log"
}

# start_redis <name>: redis-server (no persistence) and the ASP.NET Core Session reference app on it.
start_redis() {
  local dir ports waited=0 redis_pid
  dir=$(target_dir "$1")
  read -r -a ports <<<"$(free_ports 2)"
  (cd "$dir" && exec redis-server --bind 127.0.0.1 --port "${ports[0]}" --save '' --appendonly no --dir "$dir" \
    --daemonize no --logfile "$dir/redis.log") </dev/null >/dev/null 2>&1 &
  redis_pid=$!
  track "$redis_pid" redis-server
  until [ "$(redis-cli -h 127.0.0.1 -p "${ports[0]}" ping 2>/dev/null || true)" = PONG ]; do
    alive "$redis_pid" redis-server || { tail -n 20 "$dir/redis.log" >&2 || true; die "redis-server exited"; }
    [ "$waited" -lt "$READY_SECONDS" ] || die "redis-server not answering after ${READY_SECONDS}s"
    sleep 0.5
    waited=$((waited + 1))
  done
  (cd "$dir" && exec "${APP_ENV[@]}" dotnet "$REDIS_APP_DLL" --contentRoot "$REDIS_APP_ROOT" \
    --urls "http://127.0.0.1:${ports[1]}" --Redis:Configuration="127.0.0.1:${ports[0]}" \
    --DataProtection:KeysPath="$dir/keys") </dev/null >"$dir/app.log" 2>&1 &
  set_target "$!" "$REDIS_APP_MARKER" "http://127.0.0.1:${ports[1]}" "$dir/app.log"
  wait_http "$TARGET_URL/healthz" "$TARGET_PID" "$TARGET_MARKER" "$dir/app.log"
}

# start_embedded <name> [<WebFrontend option>...]: one WebFrontend process with its co-hosted silo, in its own content
# root (a copy of appsettings.json), SQLite file and cookie key ring, on free HTTP, silo and gateway ports.
# EMBEDDED_ENV (an array of NAME=value) is added to the process's environment (the heap probe uses it).
start_embedded() {
  local name=$1 dir ports
  shift
  dir=$(target_dir "$name")
  mkdir -p "$dir/data" "$dir/keys"
  cp "$FRONTEND_APPSETTINGS" "$dir/appsettings.json"
  read -r -a ports <<<"$(free_ports 3)"
  (cd "$dir" && exec "${APP_ENV[@]}" "${BENCH_CLIENT_WRITABLE[@]}" ${EMBEDDED_ENV[@]+"${EMBEDDED_ENV[@]}"} dotnet "$FRONTEND_DLL" --contentRoot "$dir" \
    --urls "http://127.0.0.1:${ports[0]}" --Silo:SqlitePath="$dir/data/sessions.db" \
    --SessionCookie:KeyRingPath="$dir/keys" --Silo:SiloPort="${ports[1]}" --Cluster:GatewayPort="${ports[2]}" \
    "$@") </dev/null >"$dir/app.log" 2>&1 &
  set_target "$!" "$FRONTEND_MARKER" "http://127.0.0.1:${ports[0]}" "$dir/app.log"
  wait_http "$TARGET_URL/readyz" "$TARGET_PID" "$TARGET_MARKER" "$dir/app.log"
}

# start_cluster <name> [<setting>...]: scripts/local-cluster.sh with 1 silo + 1 frontend (--frontends=N: N) +
# PostgreSQL on the Release build, with mutual TLS inside the cluster unless a setting says LOCAL_CLUSTER_TLS=0; the
# other settings (NAME=value) go into its environment, which its silos and frontends inherit. Sets TARGET_URLS to
# every frontend's URL (TARGET_URL: frontend 1's).
start_cluster() {
  local name=$1 dir state lines pid status=0 frontends=1 setting settings=()
  shift
  for setting in "$@"; do
    case $setting in
      --frontends=*) frontends=${setting#--frontends=} ;;
      *=*) settings+=("$setting") ;;
      *) die "target $name: setting '$setting' is neither --frontends=N nor NAME=value" ;;
    esac
  done
  dir=$(target_dir "$name")
  state=$dir/state
  CLUSTER_STATE_DIRS+=("$state")
  # local-cluster.sh starts its processes with `exec env NAME=value ... dotnet`: they inherit these variables.
  run_tracked local-cluster.sh "$dir/cluster.log" env "${BENCH_LIMITS[@]}" "${BENCH_CLIENT_WRITABLE[@]}" \
    LOCAL_CLUSTER_CONFIGURATION=Release LOCAL_CLUSTER_NO_BUILD=1 LOCAL_CLUSTER_TLS=1 \
    LOCAL_CLUSTER_OWNER_PID=$$ LOCAL_CLUSTER_WAIT_SECONDS="$READY_SECONDS" ${settings[@]+"${settings[@]}"} \
    bash "$REPO_ROOT/scripts/local-cluster.sh" up --silos 1 --frontends "$frontends" --state-dir "$state" >"$dir/up.out" || status=$?
  [ "$status" -eq 0 ] || { tail -n 30 "$dir/cluster.log" >&2 || true; die "local-cluster.sh up failed ($status)"; }
  lines=$(grep '^frontend 1 ' "$dir/up.out") || die "local-cluster.sh printed no frontend line"
  pid=$(sed -n 's/.* pid=\([0-9]*\).*/\1/p' <<<"$lines")
  TARGET_URL=$(sed -n 's/.* url=\(http[^ ]*\).*/\1/p' <<<"$lines")
  TARGET_PID=$pid
  TARGET_MARKER=$FRONTEND_MARKER
  TARGET_LOG=$state/logs/frontend-1.log
  mapfile -t TARGET_URLS < <(sed -n 's/^frontend [0-9]* .* url=\(http[^ ]*\).*/\1/p' "$dir/up.out")
  [ "${#TARGET_URLS[@]}" -eq "$frontends" ] || die "local-cluster.sh printed ${#TARGET_URLS[@]} frontend lines, not $frontends"
  say "cluster up: $(tr '\n' ';' <"$dir/up.out")"
}

set_target() { TARGET_PID=$1; TARGET_MARKER=$2; TARGET_URL=$3; TARGET_URLS=("$3"); TARGET_LOG=$4; track "$1" "$2"; }

# stop_target: the tracked processes, then any cluster this run brought up.
stop_target() {
  local state
  stop_tracked
  for state in ${CLUSTER_STATE_DIRS[@]+"${CLUSTER_STATE_DIRS[@]}"}; do
    LOCAL_CLUSTER_STOP_SECONDS=$STOP_SECONDS bash "$REPO_ROOT/scripts/local-cluster.sh" down --state-dir "$state" \
      >/dev/null 2>>"$RUN_DIR/cluster-down.log" || say "local-cluster.sh down failed (see $RUN_DIR/cluster-down.log)"
  done
  CLUSTER_STATE_DIRS=()
}
