#!/usr/bin/env bash
# Prepares a Debian machine (as root) for dgm: installs what is missing (docker.io, debootstrap,
# chromium; openssh-server, openssl and iproute2 for the tests' second engine), starts dockerd if no
# engine answers, installs node_modules, builds the sandbox image.
# Idempotent: on a machine where everything is there it only checks.
#
#   scripts/setup-machine.sh                      the base sandbox image (JavaScript, Python)
#   scripts/setup-machine.sh --languages all      also the Go, Rust, Java and C++ images (the tests need them)
#
# When it starts dockerd it writes dockerd's pid to $DGM_DOCKERD_PID_FILE (default
# /run/dgm-dockerd.pid) so the caller can stop exactly that process later (.ci/run does). It never
# starts a second dockerd, and never touches an engine it did not start.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
LANGUAGES=""
if [[ "${1:-}" == "--languages" ]]; then
  LANGUAGES="${2:?--languages needs a list, e.g. all or go,rust}"
fi
PID_FILE="${DGM_DOCKERD_PID_FILE:-/run/dgm-dockerd.pid}"
DOCKERD_LOG="${DGM_DOCKERD_LOG:-/var/log/dgm-dockerd.log}"

log() { echo "[setup-machine] $*" >&2; }

if [[ "$(id -u)" != 0 ]]; then
  log "run me as root (apt-get and dockerd need it)"
  exit 1
fi

# 1. System packages: only what is missing.
missing=()
command -v dockerd >/dev/null 2>&1 || missing+=(docker.io)
command -v debootstrap >/dev/null 2>&1 || missing+=(debootstrap)
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
# The engine-pool tests start a second dockerd on its own bridge (ip), reach it over TCP+TLS (openssl
# makes the certificates) and over SSH (a private sshd; the package's own service is never started).
[[ -x /usr/sbin/sshd ]] || missing+=(openssh-server)
command -v openssl >/dev/null 2>&1 || missing+=(openssl)
command -v ip >/dev/null 2>&1 || missing+=(iproute2)
if ((${#missing[@]} > 0)); then
  log "installing ${missing[*]}"
  # Without a service manager, package scripts must not start daemons behind our back.
  own_policy=""
  if [[ ! -e /usr/sbin/policy-rc.d ]]; then
    printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d
    chmod +x /usr/sbin/policy-rc.d
    own_policy=1
    trap 'rm -f /usr/sbin/policy-rc.d' EXIT
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" ca-certificates xz-utils
  if [[ -n "$own_policy" ]]; then
    rm -f /usr/sbin/policy-rc.d
    trap - EXIT
  fi
else
  log "docker.io, debootstrap, chromium, openssh-server, openssl and iproute2 are present"
fi

# 2. The Docker engine: use the one that answers; start one only if none runs at all.
engine_answers() { timeout 5 docker version --format '{{.Server.Version}}' >/dev/null 2>&1; }
wait_for_engine() {
  for _ in $(seq 1 60); do
    engine_answers && return 0
    sleep 1
  done
  return 1
}
if engine_answers; then
  log "Docker engine answers"
elif pidof dockerd >/dev/null 2>&1; then
  log "a dockerd is running but not answering yet; waiting for it (not starting a second one)"
  wait_for_engine || { log "dockerd (pid $(pidof dockerd)) does not answer; see its log"; exit 1; }
else
  log "starting dockerd (log: $DOCKERD_LOG, pid file: $PID_FILE)"
  mkdir -p "$(dirname "$DOCKERD_LOG")" "$(dirname "$PID_FILE")"
  nohup dockerd >>"$DOCKERD_LOG" 2>&1 </dev/null &
  echo $! >"$PID_FILE"
  if ! wait_for_engine; then
    log "dockerd did not answer within 60 s; last lines of $DOCKERD_LOG:"
    tail -n 20 "$DOCKERD_LOG" >&2 || true
    exit 1
  fi
  log "dockerd (pid $(cat "$PID_FILE")) answers"
fi

# 3. node_modules, when missing or older than the lock file.
if [[ ! -f node_modules/.package-lock.json || package-lock.json -nt node_modules/.package-lock.json ]]; then
  log "npm ci"
  npm ci --no-audit --no-fund
else
  log "node_modules is up to date"
fi

# 4. The sandbox image of the current recipe (reused when present; offline build otherwise), and the
#    toolchain images asked for (Debian's packages, about 20 s each).
if [[ -n "$LANGUAGES" ]]; then
  node bin/dgm.mjs sandbox build --languages "$LANGUAGES"
else
  node bin/dgm.mjs sandbox build
fi
