# shellcheck shell=bash
# Logging, the progress line, deadlines, free ports and the processes run.sh starts (sourced by run.sh).

START_SECONDS=$SECONDS
PROGRESS_OPEN=0   # 1 while a transient progress line is on a terminal's stderr

elapsed() { local s=$((SECONDS - START_SECONDS)); printf '%02d:%02d' $((s / 60)) $((s % 60)); }

end_progress() { if [ "$PROGRESS_OPEN" = 1 ]; then printf '\n' >&2; PROGRESS_OPEN=0; fi; }

# say <text>: a permanent line on stderr.
say() { end_progress; printf 'bench [%s] %s\n' "$(elapsed)" "$*" >&2; }

die() { say "error: $*"; exit 1; }

# progress <phase> [<detail>]: the live progress line, rewritten in place on a terminal (with the detail, e.g. a
# countdown); on a pipe or file one line per phase.
LAST_PHASE=
progress() {
  if [ -t 2 ]; then
    printf '\r\033[Kbench [%s] %s%s' "$(elapsed)" "$1" "${2:+, $2}" >&2
    PROGRESS_OPEN=1
  elif [ "$1" != "$LAST_PHASE" ]; then
    printf 'bench [%s] %s\n' "$(elapsed)" "$1" >&2
  fi
  LAST_PHASE=$1
}

# The whole run stops with an error once it passes its time limit (checked in every wait loop).
check_deadline() {
  [ "$SECONDS" -lt "$DEADLINE_SECONDS" ] || die "time limit of $((TIME_LIMIT_SECONDS / 60)) min reached (--time-limit)"
}
remaining_seconds() { echo $((DEADLINE_SECONDS - SECONDS)); }

# free_ports <count>: distinct free TCP ports on 127.0.0.1, chosen by the OS.
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

# --- processes started by this run --------------------------------------------------------------------------------
# TRACKED holds "pid marker" pairs; the marker is part of the process's command line and guards against a reused PID.
TRACKED=()

# track <pid> <marker>: a process just started in the background, stopped by the trap. Waits (at most 30 s) until it
# has exec'd (its command line names the marker) or ended: until then the forked shell's command line is this script's,
# and alive() would take a starting process for one that exited.
track() {
  local waited=0 state
  while [ "$waited" -lt 300 ] && ! alive "$1" "$2"; do
    state=$(sed 's/.*) //' "/proc/$1/stat" 2>/dev/null | cut -d' ' -f1) || break
    [ -n "$state" ] && [ "$state" != Z ] || break
    sleep 0.1
    waited=$((waited + 1))
  done
  TRACKED+=("$1 $2")
}

alive() { # alive <pid> <marker>: running (not a zombie) and its command line contains the marker
  local state cmdline
  state=$(sed 's/.*) //' "/proc/$1/stat" 2>/dev/null | cut -d' ' -f1) || return 1
  [ -n "$state" ] && [ "$state" != Z ] || return 1
  cmdline=$({ tr '\0' ' ' <"/proc/$1/cmdline"; } 2>/dev/null) || return 1
  [[ "$cmdline" == *"$2"* ]]
}

# stop_tracked: SIGTERM to every tracked process, SIGKILL to those still running after STOP_SECONDS.
stop_tracked() {
  local entry pid marker waited=0 left
  [ ${#TRACKED[@]} -gt 0 ] || return 0
  for entry in "${TRACKED[@]}"; do
    read -r pid marker <<<"$entry"
    if alive "$pid" "$marker"; then kill -CONT "$pid" 2>/dev/null || true; kill -TERM "$pid" 2>/dev/null || true; fi   # CONT: one paused by --rounds
  done
  while :; do
    left=()
    for entry in "${TRACKED[@]}"; do
      read -r pid marker <<<"$entry"
      if alive "$pid" "$marker"; then left+=("$pid"); fi
    done
    [ ${#left[@]} -gt 0 ] || break
    if [ "$waited" -ge $((STOP_SECONDS * 4)) ]; then
      say "still running after ${STOP_SECONDS}s, SIGKILL: ${left[*]}"
      for pid in "${left[@]}"; do kill -KILL "$pid" 2>/dev/null || true; done
      break
    fi
    sleep 0.25
    waited=$((waited + 1))
  done
  for entry in "${TRACKED[@]}"; do
    read -r pid marker <<<"$entry"
    wait "$pid" 2>/dev/null || true   # reap our own children
  done
  TRACKED=()
}

# run_tracked <marker> <log> <command...>: runs a command in the background as a tracked process and waits for it,
# so an interrupt reaches the trap at once and the trap stops the command. Its stderr is appended to <log> ("-":
# left on stderr). Returns the command's exit status.
run_tracked() {
  local marker=$1 log=$2 pid status=0
  shift 2
  if [ "$log" = - ]; then "$@" </dev/null & else "$@" </dev/null 2>>"$log" & fi
  pid=$!
  track "$pid" "$marker"
  wait "$pid" || status=$?
  untrack "$pid"
  return "$status"
}

untrack() {
  local entry keep=()
  for entry in ${TRACKED[@]+"${TRACKED[@]}"}; do
    [ "${entry%% *}" = "$1" ] || keep+=("$entry")
  done
  TRACKED=(${keep[@]+"${keep[@]}"})
}

# wait_http <url> <pid> <marker> <log> [<expected status>]: until the URL answers (200 by default).
wait_http() {
  local url=$1 pid=$2 marker=$3 log=$4 want=${5:-200} waited=0 code
  while :; do
    code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "$url" 2>/dev/null || true)
    [ "$code" = "$want" ] && return 0
    if ! alive "$pid" "$marker"; then
      tail -n 30 "$log" >&2 || true
      die "the process behind $url exited before answering (log: $log)"
    fi
    [ "$waited" -lt "$READY_SECONDS" ] || { tail -n 30 "$log" >&2 || true; die "$url not answering $want after ${READY_SECONDS}s (last: '$code')"; }
    check_deadline
    sleep 1
    waited=$((waited + 1))
  done
}
