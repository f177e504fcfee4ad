#!/usr/bin/env bash
# Login failure timing: does a failed login take as long for an unknown user as for a wrong password? Starts the
# WebFrontend (Production, embedded, memory storage, one configured user, login rate limits off) on a free 127.0.0.1 port, sends
# TRIES failed logins of each kind, interleaved so drift hits both alike, and prints the medians and their ratio.
#
#   scripts/login-timing.sh [--tries N] [--configuration Debug|Release] [--no-build]
#
# Exit status 0 when the medians are within 20 % of each other, 1 when not, 2 on a usage or start error.
# The process it starts is stopped by PID on exit, and every wait is bounded.
set -euo pipefail

REPO_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
TRIES=50
CONFIGURATION=Release
BUILD=1
while [ $# -gt 0 ]; do
  case $1 in
    --tries) TRIES=$2; shift 2 ;;
    --configuration) CONFIGURATION=$2; shift 2 ;;
    --no-build) BUILD=0; shift ;;
    *) sed -n '2,/^set -euo pipefail/p' "$0" | sed '$d; s/^# \{0,1\}//' >&2; exit 2 ;;
  esac
done

log() { printf 'login-timing: %s\n' "$*" >&2; }
command -v curl >/dev/null || { log "curl is needed"; exit 2; }

if [ "$BUILD" = 1 ]; then
  log "building WebFrontend ($CONFIGURATION)"
  dotnet build "$REPO_ROOT/WebFrontend/WebFrontend.csproj" -c "$CONFIGURATION" -v quiet -nologo >&2
fi
DLL=$REPO_ROOT/WebFrontend/bin/$CONFIGURATION/net10.0/Sessions.WebFrontend.dll
[ -f "$DLL" ] || { log "no build at $DLL (drop --no-build)"; exit 2; }

read -r PORT SILO_PORT GATEWAY_PORT < <(python3 -c '
import socket
held = [socket.socket() for _ in range(3)]
for s in held: s.bind(("127.0.0.1", 0))
print(*[s.getsockname()[1] for s in held])
for s in held: s.close()')
URL=http://127.0.0.1:$PORT
WORK=$(mktemp -d)
PID=
cleanup() {
  if [ -n "$PID" ] && kill -0 "$PID" 2>/dev/null; then
    kill "$PID" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$PID" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$PID" 2>/dev/null || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT

# alice's hash in ASP.NET Core PasswordHasher's format version 3: 0x01, then PRF (2: HMAC-SHA512), iterations and salt
# length as big-endian 32-bit integers, the salt and the 256-bit PBKDF2 key.
ALICE_HASH=$(python3 -c '
import base64, hashlib, os, struct
salt = os.urandom(16)
key = hashlib.pbkdf2_hmac("sha512", b"alice-password", salt, 100000, 32)
print(base64.b64encode(b"\x01" + struct.pack(">III", 2, 100000, len(salt)) + salt + key).decode())')

log "starting the WebFrontend on $URL"
env ASPNETCORE_ENVIRONMENT=Production DOTNET_ENVIRONMENT=Production Urls="$URL" Silo__Storage=Memory \
  Silo__SiloPort="$SILO_PORT" Cluster__GatewayPort="$GATEWAY_PORT" SessionCookie__KeyRingPath= Auth__Users__alice__PasswordHash="$ALICE_HASH" \
  SessionGrainKey__Secret="$(head -c 32 /dev/urandom | base64)" \
  RateLimits__LoginsPerMinute=0 LoginThrottle__AddressBurst=100000 LoginThrottle__AccountBurst=100000 LoginThrottle__AccountAttemptsPerHour=1000000 Logging__LogLevel__Default=Warning \
  dotnet "$DLL" >"$WORK/app.log" 2>&1 &
PID=$!
for _ in $(seq 600); do
  curl -fs "$URL/readyz" >/dev/null 2>&1 && break
  kill -0 "$PID" 2>/dev/null || { log "the WebFrontend exited:"; tail -n 20 "$WORK/app.log" >&2; exit 2; }
  sleep 0.1
done
curl -fs "$URL/readyz" >/dev/null || { log "not ready after 60 s"; exit 2; }

attempt() { # attempt <userName> <password>: prints the seconds one failed login took (must answer 401)
  local out
  out=$(curl -s -o /dev/null -w '%{http_code} %{time_total}' --max-time 10 -H 'Content-Type: application/json' \
    -d "{\"userName\":\"$1\",\"password\":\"$2\"}" "$URL/api/auth/login")
  [ "${out%% *}" = 401 ] || { log "expected 401, got ${out%% *}"; exit 2; }
  printf '%s\n' "${out#* }"
}

log "warming up"
for _ in $(seq 5); do attempt alice warm-up >/dev/null; attempt "nobody" warm-up >/dev/null; done
log "$TRIES failed logins of each kind"
for i in $(seq "$TRIES"); do
  attempt "nobody-$i" "whatever-$i" >>"$WORK/unknown"
  attempt alice "wrong-$i" >>"$WORK/wrong"
done

python3 - "$WORK/unknown" "$WORK/wrong" "$TRIES" <<'PY'
import statistics, sys
unknown = [float(x) * 1000 for x in open(sys.argv[1])]
wrong = [float(x) * 1000 for x in open(sys.argv[2])]
mu, mw = statistics.median(unknown), statistics.median(wrong)
ratio = mu / mw
print(f"| failed login | tries | median ms | p10 ms | p90 ms |")
print(f"|---|---:|---:|---:|---:|")
for name, xs in (("unknown user", unknown), ("wrong password", wrong)):
    q = statistics.quantiles(xs, n=10)
    print(f"| {name} | {len(xs)} | {statistics.median(xs):.1f} | {q[0]:.1f} | {q[-1]:.1f} |")
print(f"\nunknown / wrong median ratio: {ratio:.3f} ({'within' if abs(ratio - 1) <= 0.2 else 'NOT within'} 20 %)")
sys.exit(0 if abs(ratio - 1) <= 0.2 else 1)
PY
