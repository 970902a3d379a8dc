#!/usr/bin/env bash
# Installs, from Debian's packages, what the tests need and this machine lacks: mvn verify runs it
# before the tests, so that a fresh machine with a JDK, Maven and Node needs nothing else.
# Arguments: command=package pairs, such as chromium=chromium. Fails loudly where it cannot.
set -euo pipefail
missing=()
for pair in "$@"; do
  command -v "${pair%%=*}" >/dev/null 2>&1 || missing+=("${pair#*=}")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -eq 0 ]; then
  as_root=()
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  as_root=(sudo -n)
else
  echo "error: the tests need the Debian packages ${missing[*]}, and only root can install them:" >&2
  echo "       sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "error: the tests need ${missing[*]}, and this machine has no apt-get to install them" >&2
  exit 1
fi

log="${TMPDIR:-/tmp}/hatchet-apt-$$.log"
echo "installing ${missing[*]} for the tests (apt-get; its output goes to $log)" >&2
export DEBIAN_FRONTEND=noninteractive
if ! { "${as_root[@]}" apt-get update -q && \
       "${as_root[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"; } >"$log" 2>&1; then
  tail -n 20 "$log" >&2
  echo "error: apt-get could not install ${missing[*]} (see $log)" >&2
  exit 1
fi
for pair in "$@"; do
  if ! command -v "${pair%%=*}" >/dev/null 2>&1; then
    echo "error: ${pair#*=} is installed, but the command ${pair%%=*} is still missing" >&2
    exit 1
  fi
done
