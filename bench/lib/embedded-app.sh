# shellcheck shell=bash
# Starts the embedded WebFrontend (Release build) the way run.sh measures it, for profile.sh and
# cpu-per-request.sh (sourced), or bench/CeilingApp (start_ceiling_app): Production, no per-address creation limit (the seeder creates sessions from one
# address), the keys the seeder and wrk use through /api/session (cart, n) declared client-writable (bench/README.md).

free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# start_embedded_app <repo> <folder> <port> [NAME=value ...] [-- WebFrontend options...]: starts it in the background
# with its database, key ring and log in <folder>, sets APP to its PID and waits (at most 60 s) until it is ready.
start_embedded_app() {
  local repo=$1 folder=$2 port=$3
  shift 3
  local extra_env=()
  while [ $# -gt 0 ] && [ "$1" != -- ]; do extra_env+=("$1"); shift; done
  [ "${1:-}" = -- ] && shift
  (cd "$repo/WebFrontend/bin/Release/net10.0" && exec env "${extra_env[@]}" DOTNET_ENVIRONMENT=Production \
    ASPNETCORE_ENVIRONMENT=Production RateLimits__SessionCreationsPerMinute=0 \
    SessionApi__ClientWritableKeys__0=cart SessionApi__ClientWritableKeys__1=n \
    dotnet Sessions.WebFrontend.dll --urls "http://127.0.0.1:$port" --Silo:SqlitePath="$folder/sessions.db" \
    --SessionCookie:KeyRingPath="$folder/keys" --Silo:SiloPort="$(free_port)" --Cluster:GatewayPort="$(free_port)" "$@" \
    >"$folder/app.log" 2>&1) &
  APP=$!
  for _ in $(seq 120); do curl -sf "http://127.0.0.1:$port/readyz" >/dev/null && return 0; sleep 0.5; done
  echo "the WebFrontend did not get ready in 60 s; see $folder/app.log" >&2
  return 1
}

# start_ceiling_app <repo> <folder> <port>: bench/CeilingApp (Release build of bench/Bench.sln) in the background, as
# run.sh's ceiling target, its log in <folder>; sets APP to its PID and waits (at most 60 s) until it answers.
start_ceiling_app() {
  local repo=$1 folder=$2 port=$3
  local bin="$repo/bench/CeilingApp/bin/Release/net10.0"
  (cd "$folder" && exec env DOTNET_ENVIRONMENT=Production ASPNETCORE_ENVIRONMENT=Production \
    SessionApi__ClientWritableKeys__0=cart SessionApi__ClientWritableKeys__1=n \
    dotnet "$bin/Sessions.Bench.CeilingApp.dll" --contentRoot "$bin" --urls "http://127.0.0.1:$port" >"$folder/app.log" 2>&1) &
  APP=$!
  for _ in $(seq 120); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && return 0; sleep 0.5; done
  echo "the ceiling app did not answer in 60 s; see $folder/app.log" >&2
  return 1
}
