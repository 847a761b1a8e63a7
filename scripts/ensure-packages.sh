#!/usr/bin/env bash
# Installs the Debian packages whose commands are missing, quietly; on failure shows apt's output.
#   bash scripts/ensure-packages.sh nginx=nginx supervisord=supervisor …   (command=package)
set -euo pipefail
missing=()
for pair in "$@"; do command -v "${pair%%=*}" >/dev/null || missing+=("${pair#*=}"); done
[ ${#missing[@]} -eq 0 ] && exit 0
echo "installing ${missing[*]} (Debian)…"
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
install() { DEBIAN_FRONTEND=noninteractive apt-get install -y "${missing[@]}" >"$log" 2>&1; }
# A fresh machine's package lists may be stale or missing: update once, then try again.
install || { apt-get update >/dev/null 2>&1 && install; } || { tail -20 "$log" >&2; exit 1; }
