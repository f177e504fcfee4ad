#!/usr/bin/env bash
# A Sessions cluster on this machine: a private PostgreSQL, N Silo processes and M WebFrontend processes in client
# mode, all on free 127.0.0.1 ports.
#
#   scripts/local-cluster.sh up [--silos N] [--frontends M] [--state-dir DIR]   (defaults: 3, 2, <repo>/.local-cluster)
#   scripts/local-cluster.sh status | down
#   scripts/local-cluster.sh start-silo <n> | kill-silo <n> | stop-silo <n> | add-silo
#   scripts/local-cluster.sh stop-db | start-db        (the cluster's PostgreSQL: an outage, then back on its port)
#   scripts/local-cluster.sh start-frontend <n> | stop-frontend <n> | restart-frontends
#
# Every command takes --state-dir. stdout carries only one line per process:
#   silo <n> pid=<pid> silo-port=<port> gateway-port=<port>
#   frontend <n> pid=<pid> url=http://127.0.0.1:<port>
# Progress and diagnostics go to stderr.
#
# Environment:
#   LOCAL_CLUSTER_NO_BUILD=1              use the existing build output instead of building Sessions.sln
#   LOCAL_CLUSTER_CONFIGURATION           build configuration to build and run (default Debug)
#   LOCAL_CLUSTER_PG_BINDIR               folder of initdb/pg_ctl/psql (default: SESSIONS_PG_BINDIR, pg_config
#                                         --bindir, then /usr/lib/postgresql/<newest>/bin)
#   LOCAL_CLUSTER_WAIT_SECONDS            longest wait for processes to become ready (default 120)
#   LOCAL_CLUSTER_STOP_SECONDS            grace period after SIGTERM before SIGKILL (default 20)
#   LOCAL_CLUSTER_PROBE_TIMEOUT           silo liveness probe timeout (default 00:00:02)
#   LOCAL_CLUSTER_MISSED_PROBES           missed probes before a silo is voted dead (default 3)
#   LOCAL_CLUSTER_ENVIRONMENT             DOTNET_ENVIRONMENT / ASPNETCORE_ENVIRONMENT of the processes (default Production)
#   LOCAL_CLUSTER_OWNER_PID               up: take the cluster down by itself once this process is gone (tests)
#   LOCAL_CLUSTER_TLS                     1 (default): mutual TLS between silos and frontends (ClusterTls), with a CA
#                                         and a certificate up makes with openssl in <state-dir>/run/tls; 0: plain TCP
#
# For tools, up also writes <state-dir>/run/connection-string (Npgsql) and <state-dir>/run/cluster-id.
set -euo pipefail

SCRIPT=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/$(basename "${BASH_SOURCE[0]}")
REPO_ROOT=$(cd "$(dirname "$SCRIPT")/.." && pwd)
CONFIGURATION=${LOCAL_CLUSTER_CONFIGURATION:-Debug}
WAIT_SECONDS=${LOCAL_CLUSTER_WAIT_SECONDS:-120}
STOP_SECONDS=${LOCAL_CLUSTER_STOP_SECONDS:-20}
PROBE_TIMEOUT=${LOCAL_CLUSTER_PROBE_TIMEOUT:-00:00:02}
MISSED_PROBES=${LOCAL_CLUSTER_MISSED_PROBES:-3}
RUN_ENVIRONMENT=${LOCAL_CLUSTER_ENVIRONMENT:-Production}
# One line per entry, stamped with UTC milliseconds: the logs of several processes can be lined up.
LOG_FORMAT=(Logging__Console__FormatterOptions__SingleLine=true Logging__Console__FormatterOptions__UseUtcTimestamp=true
  "Logging__Console__FormatterOptions__TimestampFormat=HH:mm:ss.fff ")
TLS=${LOCAL_CLUSTER_TLS:-1}
SERVICE_ID=sessions-local
DATABASE=sessions
PG_SERVICE_USER=postgres   # PostgreSQL refuses to run as root; as root its programs run as this user
ACTIVE=3                   # Orleans SiloStatus.Active in sessions_membership.status

STATE_DIR=${LOCAL_CLUSTER_STATE_DIR:-$REPO_ROOT/.local-cluster}
SILOS=3
FRONTENDS=2

log() { printf 'local-cluster: %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }
usage() { # the header comment above; exit code $1 (default 2: bad usage)
  sed -n '2,/^set -euo pipefail/p' "$SCRIPT" | sed '$d; s/^# \{0,1\}//' >&2
  exit "${1:-2}"
}

is_root() { [ "$(id -u)" -eq 0 ]; }

# --- paths -------------------------------------------------------------------------------------------------------
set_paths() {
  mkdir -p "$STATE_DIR"
  STATE_DIR=$(cd "$STATE_DIR" && pwd)
  RUN_DIR=$STATE_DIR/run         # pid and port records of the running cluster; removed by down
  LOG_DIR=$STATE_DIR/logs
  PG_DIR=$STATE_DIR/pg
  PG_DATA=$PG_DIR/data
  CLUSTER_FILE=$RUN_DIR/cluster.env
}

# --- processes ---------------------------------------------------------------------------------------------------
# True when pid is alive (not a zombie) and its command line mentions $2 (guards against a reused PID).
pid_alive() {
  local pid=$1 marker=$2 cmdline
  [ -n "$pid" ] && [ -r "/proc/$pid/cmdline" ] || return 1
  cmdline=$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null) || return 1
  [[ "$cmdline" == *"$marker"* ]]
}

# True when pid exists and is not a zombie (zombies are not always reaped in containers).
process_alive() {
  local state
  state=$(sed 's/.*) //' "/proc/$1/stat" 2>/dev/null | cut -d' ' -f1) || return 1
  [ -n "$state" ] && [ "$state" != Z ]
}

read_pid() { [ -f "$1" ] && cat "$1" || true; }

# wait_exec <pid> <marker>: returns once a process just launched as `( ... exec dotnet <marker> ) &` has exec'd (its
# command line names the marker) or has ended, at most 30 s. Until the exec, the forked subshell's command line is this
# script's, so a liveness check by marker (pid_alive) would take a process that is starting, on a loaded machine, for
# one that exited.
wait_exec() {
  local waited=0
  while process_alive "$1" && ! pid_alive "$1" "$2" && [ "$waited" -lt 300 ]; do
    sleep 0.1
    waited=$((waited + 1))
  done
}

# stop_processes <marker> <pid>...: SIGTERM, wait up to STOP_SECONDS, then SIGKILL what is left.
stop_processes() {
  local marker=$1 pid waited=0 alive
  shift
  for pid in "$@"; do
    if pid_alive "$pid" "$marker"; then kill -TERM "$pid" 2>/dev/null || true; fi
  done
  while :; do
    alive=()
    for pid in "$@"; do
      if pid_alive "$pid" "$marker"; then alive+=("$pid"); fi
    done
    [ ${#alive[@]} -eq 0 ] && break
    if [ "$waited" -ge "$((STOP_SECONDS * 4))" ]; then
      log "still running after ${STOP_SECONDS}s, sending SIGKILL to ${alive[*]}"
      for pid in "${alive[@]}"; do kill -KILL "$pid" 2>/dev/null || true; done
      sleep 0.5
      break
    fi
    sleep 0.25
    waited=$((waited + 1))
  done
}

# free_ports <count>: that many distinct free TCP ports on 127.0.0.1, chosen by the OS.
free_ports() {
  python3 - "$1" <<'PY'
import socket, sys
held = []
for _ in range(int(sys.argv[1])):
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.bind(("127.0.0.1", 0))
    held.append(s)
print(" ".join(str(s.getsockname()[1]) for s in held))
PY
}

# --- PostgreSQL --------------------------------------------------------------------------------------------------
find_pg_bindir() {
  local dir=${LOCAL_CLUSTER_PG_BINDIR:-${SESSIONS_PG_BINDIR:-}}
  if [ -n "$dir" ]; then
    [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ] || die "no initdb/pg_ctl in '$dir'"
    printf '%s\n' "$dir"; return
  fi
  if command -v pg_config >/dev/null 2>&1; then
    dir=$(pg_config --bindir 2>/dev/null || true)
    if [ -n "$dir" ] && [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ]; then printf '%s\n' "$dir"; return; fi
  fi
  for dir in $(ls -d /usr/lib/postgresql/*/bin /usr/pgsql-*/bin 2>/dev/null | sort -V -r); do
    if [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ]; then printf '%s\n' "$dir"; return; fi
  done
  die "PostgreSQL server programs (initdb, pg_ctl) not found; install PostgreSQL or set LOCAL_CLUSTER_PG_BINDIR"
}

as_pg() { # runs a PostgreSQL program from its own folder, as the service user when root
  if is_root; then (cd "$PG_DIR" && runuser -u "$PG_SERVICE_USER" -- "$@"); else (cd "$PG_DIR" && "$@"); fi
}

psql_query() { # psql_query <database> <sql>: unaligned tuples, no headers
  local psql=$PG_BIN/psql
  [ -x "$psql" ] || psql=psql
  "$psql" -X -q -h 127.0.0.1 -p "$PG_PORT" -U postgres -d "$1" -v ON_ERROR_STOP=1 -tA -c "$2"
}

postmaster_pid() { [ -f "$PG_DATA/postmaster.pid" ] && head -n 1 "$PG_DATA/postmaster.pid" || true; }

start_postgres() { # start_postgres [port]: on that port (a restart), else a free one
  mkdir -p "$PG_DIR"
  if is_root; then
    chown "$PG_SERVICE_USER:" "$PG_DIR"
    runuser -u "$PG_SERVICE_USER" -- test -w "$PG_DIR" ||
      die "user $PG_SERVICE_USER cannot write $PG_DIR (a parent folder is closed to it); use --state-dir under /tmp"
  fi
  if [ ! -f "$PG_DATA/PG_VERSION" ]; then
    log "initdb $PG_DATA"
    as_pg "$PG_BIN/initdb" -D "$PG_DATA" -U postgres -A trust -E UTF8 --no-locale --no-sync >"$LOG_DIR/initdb.log" 2>&1 ||
      { cat "$LOG_DIR/initdb.log" >&2; die "initdb failed"; }
    # Trust, and only from this machine's loopback address.
    printf 'local all all trust\nhost all all 127.0.0.1/32 trust\n' | as_pg tee "$PG_DATA/pg_hba.conf" >/dev/null
  fi
  if pid_alive "$(postmaster_pid)" postgres; then
    die "a PostgreSQL server already runs on $PG_DATA (pid $(postmaster_pid)); run down first"
  fi
  PG_PORT=${1:-$(free_ports 1)}
  log "starting PostgreSQL on 127.0.0.1:$PG_PORT"
  as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" -l "$PG_DIR/postgres.log" -w -t 60 \
    -o "-p $PG_PORT -h 127.0.0.1 -k '' -c max_connections=300" start >&2 ||
    { tail -n 20 "$PG_DIR/postgres.log" >&2 || true; die "PostgreSQL did not start"; }
  if [ -z "$(psql_query postgres "SELECT 1 FROM pg_database WHERE datname = '$DATABASE'")" ]; then
    psql_query postgres "CREATE DATABASE $DATABASE" >/dev/null
  fi
}

stop_postgres() {
  local pid
  pid=$(postmaster_pid)
  pid_alive "$pid" postgres || return 0
  log "stopping PostgreSQL (pid $pid)"
  as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" -m fast -w -t 30 stop >&2 ||
    as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" -m immediate -w -t 30 stop >&2 || true
  if pid_alive "$pid" postgres; then kill -KILL "$pid" 2>/dev/null || true; fi
}

# --- cluster records ---------------------------------------------------------------------------------------------
write_var() { printf '%s=%q\n' "$1" "$2"; }

load_cluster() {
  [ -f "$CLUSTER_FILE" ] || return 1
  # shellcheck disable=SC1090
  . "$CLUSTER_FILE"
}

require_cluster() { load_cluster || die "no cluster recorded in $STATE_DIR (run up first)"; }

find_dll() { # find_dll <project folder> <assembly name>
  local dll
  dll=$(ls "$REPO_ROOT/$1/bin/$CONFIGURATION"/*/"$2.dll" 2>/dev/null | head -n 1 || true)
  [ -n "$dll" ] || die "$1/bin/$CONFIGURATION/*/$2.dll not found: build first (dotnet build Sessions.sln -c $CONFIGURATION) or unset LOCAL_CLUSTER_NO_BUILD"
  printf '%s\n' "$dll"
}

silo_line() { # silo_line <n>
  local pid
  pid=$(read_pid "$RUN_DIR/silo-$1.pid")
  . "$RUN_DIR/silo-$1.ports"
  printf 'silo %s pid=%s silo-port=%s gateway-port=%s\n' "$1" "$pid" "$SILO_PORT" "$GATEWAY_PORT"
}

frontend_line() { # frontend_line <n>
  local pid
  pid=$(read_pid "$RUN_DIR/frontend-$1.pid")
  . "$RUN_DIR/frontend-$1.ports"
  printf 'frontend %s pid=%s url=http://127.0.0.1:%s\n' "$1" "$pid" "$HTTP_PORT"
}

silo_running() { pid_alive "$(read_pid "$RUN_DIR/silo-$1.pid")" Sessions.Silo.dll; }
frontend_running() { pid_alive "$(read_pid "$RUN_DIR/frontend-$1.pid")" Sessions.WebFrontend.dll; }

# --- cluster TLS -------------------------------------------------------------------------------------------------
# make_tls_certificates: a throwaway CA and one certificate it issues (serverAuth + clientAuth) that every silo and
# frontend of this run presents; the keys are readable by this user only and go away with the run directory.
make_tls_certificates() {
  local dir=$RUN_DIR/tls
  command -v openssl >/dev/null 2>&1 || die "openssl not found (needed for cluster TLS; LOCAL_CLUSTER_TLS=0 runs without it)"
  mkdir -p "$dir"
  chmod 700 "$dir"
  (
    cd "$dir"
    umask 077
    openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout ca.key -out ca.pem -days 30 \
      -subj "/CN=sessions-local-cluster-ca" -addext "basicConstraints=critical,CA:TRUE" \
      -addext "keyUsage=critical,keyCertSign,cRLSign" 2>/dev/null
    openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout node.key -out node.csr \
      -subj "/CN=sessions-local-cluster-node" 2>/dev/null
    printf 'basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=serverAuth,clientAuth\n' >node.ext
    openssl x509 -req -in node.csr -CA ca.pem -CAkey ca.key -CAcreateserial -out node.pem -days 30 -extfile node.ext 2>/dev/null
    rm -f node.csr node.ext ca.srl
  ) || die "making the cluster TLS certificates failed"
  log "cluster TLS on: CA and certificate in $dir"
}

# tls_settings: the ClusterTls environment of every process (none when the run has no certificates).
tls_settings() {
  TLS_SETTINGS=()
  if [ -f "$RUN_DIR/tls/ca.pem" ]; then
    TLS_SETTINGS=(ClusterTls__Enabled=true "ClusterTls__CertificatePath=$RUN_DIR/tls/node.pem"
      "ClusterTls__CertificateKeyPath=$RUN_DIR/tls/node.key" "ClusterTls__CaCertificatePath=$RUN_DIR/tls/ca.pem")
  fi
}

# --- silos -------------------------------------------------------------------------------------------------------
launch_silo() { # launch_silo <n>: starts the process on its recorded ports, records its PID
  local n=$1 pid
  . "$RUN_DIR/silo-$n.ports"
  tls_settings
  (
    cd "$SILO_DIR"
    exec env DOTNET_ENVIRONMENT="$RUN_ENVIRONMENT" "${LOG_FORMAT[@]}" \
      Orleans__ServiceId="$SERVICE_ID" Orleans__ClusterId="$CLUSTER_ID" ConnectionStrings__Sessions="$CONNECTION" \
      Cluster__Membership=AdoNet Cluster__GatewayPort="$GATEWAY_PORT" \
      Silo__Storage=PostgreSql Silo__Reminders=AdoNet Silo__ApplySchemaOnStart=false \
      Silo__AdvertisedIPAddress=127.0.0.1 Silo__SiloPort="$SILO_PORT" \
      Silo__FailureDetection__ProbeTimeout="$PROBE_TIMEOUT" Silo__FailureDetection__NumMissedProbesLimit="$MISSED_PROBES" \
      ${TLS_SETTINGS[@]+"${TLS_SETTINGS[@]}"} \
      dotnet "$SILO_DLL" --contentRoot "$SILO_DIR"
  ) </dev/null >>"$LOG_DIR/silo-$n.log" 2>&1 &
  pid=$!
  wait_exec "$pid" Sessions.Silo.dll
  printf '%s\n' "$pid" >"$RUN_DIR/silo-$n.pid"
  log "silo $n started (pid $pid, log $LOG_DIR/silo-$n.log)"
}

max_generation() { # max_generation <silo port>: newest generation of that silo in the membership table, or 0
  psql_query "$DATABASE" "SELECT coalesce(max(generation), 0) FROM sessions_membership
                          WHERE deployment_id = '$CLUSTER_ID' AND port = $1"
}

silo_active() { # silo_active <n> <older generation>: a newer incarnation of silo n is Active
  . "$RUN_DIR/silo-$1.ports"
  [ -n "$(psql_query "$DATABASE" "SELECT 1 FROM sessions_membership
           WHERE deployment_id = '$CLUSTER_ID' AND port = $SILO_PORT AND generation > $2 AND status = $ACTIVE")" ]
}

fail_with_log() { # fail_with_log <name> <log file>
  log "$1 exited; last lines of $2:"
  tail -n 30 "$2" >&2 || true
  die "$1 failed to start"
}

# wait_for_silos <older generation> <n>...: each silo n has a newer Active incarnation
wait_for_silos() {
  local since=$1 n waited=0 pending
  shift
  log "waiting for silo(s) $* to be Active in the membership table (up to ${WAIT_SECONDS}s)"
  while :; do
    pending=()
    for n in "$@"; do
      silo_running "$n" || fail_with_log "silo $n" "$LOG_DIR/silo-$n.log"
      silo_active "$n" "$since" || pending+=("$n")
    done
    [ ${#pending[@]} -eq 0 ] && break
    [ "$waited" -ge "$WAIT_SECONDS" ] && die "silo(s) ${pending[*]} not Active after ${WAIT_SECONDS}s (logs in $LOG_DIR)"
    if [ $((waited % 10)) -eq 0 ] && [ "$waited" -gt 0 ]; then log "  ${waited}s: waiting for silo(s) ${pending[*]}"; fi
    sleep 1
    waited=$((waited + 1))
  done
  log "silo(s) $* Active"
}

# --- frontends ---------------------------------------------------------------------------------------------------
launch_frontend() { # launch_frontend <n>
  local n=$1 pid
  . "$RUN_DIR/frontend-$n.ports"
  tls_settings
  (
    cd "$FRONTEND_DIR"
    exec env DOTNET_ENVIRONMENT="$RUN_ENVIRONMENT" ASPNETCORE_ENVIRONMENT="$RUN_ENVIRONMENT" "${LOG_FORMAT[@]}" \
      Orleans__ServiceId="$SERVICE_ID" Orleans__ClusterId="$CLUSTER_ID" ConnectionStrings__Sessions="$CONNECTION" \
      Cluster__Membership=AdoNet Frontend__Mode=Client \
      ${TLS_SETTINGS[@]+"${TLS_SETTINGS[@]}"} \
      dotnet "$FRONTEND_DLL" --contentRoot "$FRONTEND_DIR" --urls "http://127.0.0.1:$HTTP_PORT"
  ) </dev/null >>"$LOG_DIR/frontend-$n.log" 2>&1 &
  pid=$!
  wait_exec "$pid" Sessions.WebFrontend.dll
  printf '%s\n' "$pid" >"$RUN_DIR/frontend-$n.pid"
  log "frontend $n started (pid $pid, log $LOG_DIR/frontend-$n.log)"
}

http_status() { # the HTTP status of a GET, or nothing when there is no answer within 5 s
  if command -v curl >/dev/null 2>&1; then
    curl -s -o /dev/null -w '%{http_code}' --max-time 5 "$1" 2>/dev/null || true
  else
    python3 - "$1" <<'PY' 2>/dev/null || true
import sys, urllib.request, urllib.error
try:
    print(urllib.request.urlopen(sys.argv[1], timeout=5).status)
except urllib.error.HTTPError as error:
    print(error.code)
PY
  fi
}

# wait_for_frontends <path> <n>...: each frontend n answers 200 on path
wait_for_frontends() {
  local path=$1 n waited=0 pending
  shift
  log "waiting for frontend(s) $* to answer 200 on $path (up to ${WAIT_SECONDS}s)"
  while :; do
    pending=()
    for n in "$@"; do
      frontend_running "$n" || fail_with_log "frontend $n" "$LOG_DIR/frontend-$n.log"
      . "$RUN_DIR/frontend-$n.ports"
      [ "$(http_status "http://127.0.0.1:$HTTP_PORT$path")" = 200 ] || pending+=("$n")
    done
    [ ${#pending[@]} -eq 0 ] && break
    [ "$waited" -ge "$WAIT_SECONDS" ] && die "frontend(s) ${pending[*]} not answering 200 on $path after ${WAIT_SECONDS}s (logs in $LOG_DIR)"
    if [ $((waited % 10)) -eq 0 ] && [ "$waited" -gt 0 ]; then log "  ${waited}s: waiting for frontend(s) ${pending[*]}"; fi
    sleep 1
    waited=$((waited + 1))
  done
}

start_frontends() { # start_frontends <n>...
  local first=$1
  # The first frontend creates the shared cookie key if the ring is empty; the others start once it has.
  launch_frontend "$first"
  wait_for_frontends /healthz "$first"
  shift
  for n in "$@"; do launch_frontend "$n"; done
  wait_for_frontends /readyz "$first" "$@"
}

stop_frontends() { # stop_frontends <n>...
  local n pids=()
  for n in "$@"; do pids+=("$(read_pid "$RUN_DIR/frontend-$n.pid")"); done
  log "stopping frontend(s) $*"
  stop_processes Sessions.WebFrontend.dll "${pids[@]}"
}

# --- watchdog ----------------------------------------------------------------------------------------------------
# With LOCAL_CLUSTER_OWNER_PID set, a background loop takes this cluster down once that process is gone, so a test
# run that dies does not leave silos behind. It ends by itself when the cluster is taken down or replaced.
start_watchdog() {
  local owner=${LOCAL_CLUSTER_OWNER_PID:-}
  [ -n "$owner" ] || return 0
  process_alive "$owner" || die "LOCAL_CLUSTER_OWNER_PID $owner is not a running process"
  (
    while process_alive "$owner"; do
      sleep 2
      [ "$(cat "$RUN_DIR/cluster-id" 2>/dev/null || true)" = "$CLUSTER_ID" ] || exit 0
    done
    log "owner process $owner is gone; taking the cluster down"
    exec bash "$SCRIPT" down --state-dir "$STATE_DIR"
  ) </dev/null >>"$LOG_DIR/watchdog.log" 2>&1 &
  printf '%s\n' "$!" >"$RUN_DIR/watchdog.pid"
  log "watchdog (pid $!) takes the cluster down if process $owner ends first"
}

stop_watchdog() {
  local pid
  pid=$(read_pid "$RUN_DIR/watchdog.pid")
  # The watchdog's own down (it execs this script, keeping its PID) must not stop itself.
  if [ -n "$pid" ] && [ "$pid" != "$$" ] && pid_alive "$pid" local-cluster.sh; then kill -TERM "$pid" 2>/dev/null || true; fi
}

# --- commands ----------------------------------------------------------------------------------------------------
cmd_up() {
  local n ports silos=$SILOS frontends=$FRONTENDS
  if load_cluster && { pid_alive "$(postmaster_pid)" postgres || any_running; }; then
    die "a cluster is already up in $STATE_DIR (run down first)"
  fi
  SILOS=$silos
  FRONTENDS=$frontends
  rm -rf "$RUN_DIR"
  mkdir -p "$RUN_DIR" "$LOG_DIR"
  trap on_up_exit EXIT

  if [ "${LOCAL_CLUSTER_NO_BUILD:-}" = 1 ]; then
    log "using existing $CONFIGURATION build output (LOCAL_CLUSTER_NO_BUILD=1)"
  else
    log "building Sessions.sln ($CONFIGURATION)"
    dotnet build "$REPO_ROOT/Sessions.sln" -c "$CONFIGURATION" -nologo -v quiet >&2 || die "build failed"
  fi
  SILO_DLL=$(find_dll Silo Sessions.Silo)
  FRONTEND_DLL=$(find_dll WebFrontend Sessions.WebFrontend)
  SILO_DIR=$REPO_ROOT/Silo
  FRONTEND_DIR=$REPO_ROOT/WebFrontend
  PG_BIN=$(find_pg_bindir)

  if [ "$TLS" = 1 ]; then make_tls_certificates; else log "cluster TLS off (LOCAL_CLUSTER_TLS=0)"; fi
  start_postgres
  CONNECTION="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=$DATABASE"
  # A fresh cluster id per run: the service id (and so the stored sessions) stays, old silo rows do not matter.
  CLUSTER_ID="local-$(date -u +%Y%m%d%H%M%S)-$$"
  {
    write_var PG_BIN "$PG_BIN"; write_var PG_PORT "$PG_PORT"; write_var CONNECTION "$CONNECTION"
    write_var CLUSTER_ID "$CLUSTER_ID"; write_var SILO_DLL "$SILO_DLL"; write_var FRONTEND_DLL "$FRONTEND_DLL"
    write_var SILO_DIR "$SILO_DIR"; write_var FRONTEND_DIR "$FRONTEND_DIR"
    write_var SILOS "$SILOS"; write_var FRONTENDS "$FRONTENDS"
  } >"$CLUSTER_FILE"
  printf '%s\n' "$CONNECTION" >"$RUN_DIR/connection-string"
  printf '%s\n' "$CLUSTER_ID" >"$RUN_DIR/cluster-id"
  start_watchdog

  log "applying the schema (Sessions.Silo migrate)"
  (cd "$SILO_DIR" && dotnet "$SILO_DLL" migrate --connection "$CONNECTION") >&2 || die "migrate failed"

  ports=($(free_ports $((SILOS * 2 + FRONTENDS))))
  for n in $(seq 1 "$SILOS"); do
    { write_var SILO_PORT "${ports[$(((n - 1) * 2))]}"; write_var GATEWAY_PORT "${ports[$(((n - 1) * 2 + 1))]}"; } >"$RUN_DIR/silo-$n.ports"
  done
  for n in $(seq 1 "$FRONTENDS"); do
    write_var HTTP_PORT "${ports[$((SILOS * 2 + n - 1))]}" >"$RUN_DIR/frontend-$n.ports"
  done

  for n in $(seq 1 "$SILOS"); do launch_silo "$n"; done
  wait_for_silos 0 $(seq 1 "$SILOS")
  start_frontends $(seq 1 "$FRONTENDS")

  trap - EXIT
  log "cluster up: PostgreSQL 127.0.0.1:$PG_PORT, $SILOS silo(s), $FRONTENDS frontend(s); logs in $LOG_DIR"
  for n in $(seq 1 "$SILOS"); do silo_line "$n"; done
  for n in $(seq 1 "$FRONTENDS"); do frontend_line "$n"; done
}

on_up_exit() {
  local status=$?
  [ "$status" -eq 0 ] && return
  log "up failed; stopping what it started (logs kept in $LOG_DIR)"
  cmd_down || true
  exit "$status"
}

any_running() {
  local n
  for n in $(seq 1 "${SILOS:-0}"); do silo_running "$n" && return 0; done
  for n in $(seq 1 "${FRONTENDS:-0}"); do frontend_running "$n" && return 0; done
  return 1
}

cmd_status() {
  local n ok=0 pid
  require_cluster
  pid=$(postmaster_pid)
  if pid_alive "$pid" postgres; then log "postgres pid=$pid port=$PG_PORT"; else log "postgres not running"; ok=1; fi
  for n in $(seq 1 "$SILOS"); do
    if silo_running "$n"; then silo_line "$n"; else log "silo $n not running"; ok=1; fi
  done
  for n in $(seq 1 "$FRONTENDS"); do
    if frontend_running "$n"; then frontend_line "$n"; else log "frontend $n not running"; ok=1; fi
  done
  return "$ok"
}

cmd_down() {
  local n pids=()
  if ! load_cluster; then
    if [ -f "$PG_DATA/postmaster.pid" ]; then PG_BIN=$(find_pg_bindir); stop_postgres; fi
    log "nothing recorded in $STATE_DIR; nothing to stop"
    return 0
  fi
  stop_watchdog
  stop_frontends $(seq 1 "$FRONTENDS")
  for n in $(seq 1 "$SILOS"); do pids+=("$(read_pid "$RUN_DIR/silo-$n.pid")"); done
  log "stopping silo(s)"
  stop_processes Sessions.Silo.dll "${pids[@]}"
  stop_postgres
  rm -rf "$RUN_DIR"
  log "down"
}

check_index() { # check_index <kind> <n> <count>
  [[ "$2" =~ ^[1-9][0-9]*$ ]] && [ "$2" -le "$3" ] || die "$1 must be a number from 1 to $3"
}

cmd_start_silo() {
  local n=$1 since
  require_cluster
  check_index silo "$n" "$SILOS"
  if silo_running "$n"; then log "silo $n is already running"; silo_line "$n"; return; fi
  . "$RUN_DIR/silo-$n.ports"
  since=$(max_generation "$SILO_PORT")
  launch_silo "$n"
  wait_for_silos "$since" "$n"
  silo_line "$n"
}

cmd_kill_silo() {
  local n=$1 pid
  require_cluster
  check_index silo "$n" "$SILOS"
  pid=$(read_pid "$RUN_DIR/silo-$n.pid")
  silo_running "$n" || die "silo $n is not running"
  kill -KILL "$pid"
  log "silo $n (pid $pid) killed with SIGKILL"
}

# add-silo: one more silo on free ports, joined to the running cluster; returns once it is Active.
cmd_add_silo() {
  local n
  require_cluster
  n=$((SILOS + 1))
  local ports=($(free_ports 2))
  { write_var SILO_PORT "${ports[0]}"; write_var GATEWAY_PORT "${ports[1]}"; } >"$RUN_DIR/silo-$n.ports"
  sed -i "s/^SILOS=.*/SILOS=$n/" "$CLUSTER_FILE"
  SILOS=$n
  launch_silo "$n"
  wait_for_silos 0 "$n"
  silo_line "$n"
}

# stop-silo <n>: graceful (SIGTERM: the silo hands its sessions to the others and leaves the membership); returns
# once it has exited, non-zero when it had to be killed after STOP_SECONDS.
cmd_stop_silo() {
  local n=$1 pid waited=0
  require_cluster
  check_index silo "$n" "$SILOS"
  pid=$(read_pid "$RUN_DIR/silo-$n.pid")
  silo_running "$n" || die "silo $n is not running"
  kill -TERM "$pid"
  log "silo $n (pid $pid): SIGTERM, waiting up to ${STOP_SECONDS}s for it to exit"
  while pid_alive "$pid" Sessions.Silo.dll; do
    if [ "$waited" -ge "$((STOP_SECONDS * 4))" ]; then
      kill -KILL "$pid" 2>/dev/null || true
      die "silo $n did not exit within ${STOP_SECONDS}s: killed with SIGKILL"
    fi
    sleep 0.25
    waited=$((waited + 1))
  done
  log "silo $n stopped after $((waited / 4)) s"
}

cmd_stop_db() {
  require_cluster
  stop_postgres
  log "PostgreSQL stopped"
}

cmd_start_db() {
  require_cluster
  start_postgres "$PG_PORT"
}

cmd_start_frontend() {
  local n=$1
  require_cluster
  check_index frontend "$n" "$FRONTENDS"
  if ! frontend_running "$n"; then
    launch_frontend "$n"
    wait_for_frontends /readyz "$n"
  fi
  frontend_line "$n"
}

cmd_stop_frontend() {
  require_cluster
  check_index frontend "$1" "$FRONTENDS"
  stop_frontends "$1"
}

cmd_restart_frontends() {
  local n all
  require_cluster
  all=$(seq 1 "$FRONTENDS")
  stop_frontends $all
  for n in $all; do launch_frontend "$n"; done
  wait_for_frontends /readyz $all
  for n in $all; do frontend_line "$n"; done
}

# --- arguments ---------------------------------------------------------------------------------------------------
[ $# -ge 1 ] || usage
[ "$1" != -h ] && [ "$1" != --help ] || usage 0
COMMAND=$1
shift
INDEX=
while [ $# -gt 0 ]; do
  case $1 in
    --silos) [ $# -ge 2 ] || usage; SILOS=$2; shift 2 ;;
    --frontends) [ $# -ge 2 ] || usage; FRONTENDS=$2; shift 2 ;;
    --state-dir) [ $# -ge 2 ] || usage; STATE_DIR=$2; shift 2 ;;
    -h|--help) usage 0 ;;
    *) [ -z "$INDEX" ] || usage; INDEX=$1; shift ;;
  esac
done
[[ "$SILOS" =~ ^[1-9][0-9]*$ ]] || die "--silos must be a positive number"
[[ "$FRONTENDS" =~ ^[1-9][0-9]*$ ]] || die "--frontends must be a positive number"
set_paths
PG_BIN=${PG_BIN:-}
PG_PORT=${PG_PORT:-}
if [ -f "$CLUSTER_FILE" ] && [ "$COMMAND" != up ]; then load_cluster; fi

case $COMMAND in
  up) [ -z "$INDEX" ] || usage; cmd_up ;;
  status) cmd_status ;;
  down) cmd_down ;;
  start-silo) [ -n "$INDEX" ] || usage; cmd_start_silo "$INDEX" ;;
  kill-silo) [ -n "$INDEX" ] || usage; cmd_kill_silo "$INDEX" ;;
  stop-silo) [ -n "$INDEX" ] || usage; cmd_stop_silo "$INDEX" ;;
  add-silo) [ -z "$INDEX" ] || usage; cmd_add_silo ;;
  stop-db) cmd_stop_db ;;
  start-db) cmd_start_db ;;
  start-frontend) [ -n "$INDEX" ] || usage; cmd_start_frontend "$INDEX" ;;
  stop-frontend) [ -n "$INDEX" ] || usage; cmd_stop_frontend "$INDEX" ;;
  restart-frontends) cmd_restart_frontends ;;
  *) usage ;;
esac
