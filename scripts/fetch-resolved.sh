#!/usr/bin/env bash
# Fetches Debian's systemd-resolved package and extracts it into .cache/systemd-resolved/ for the
# network-namespace lab (test/lab/). Nothing is installed: installing the package would take over this
# machine's /etc/resolv.conf, while the lab only needs the binary, run in its own namespaces.
# The version is the installed systemd's (resolved links against systemd's private libsystemd-shared,
# whose symbols are only guaranteed between identical versions); without systemd, the candidate.
# Idempotent: does nothing when the extracted binary of that version is already there.
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
cache=$repo/.cache/systemd-resolved

fail() { echo "fetch-resolved.sh: $*" >&2; exit 1; }

command -v apt-get >/dev/null && command -v dpkg-deb >/dev/null || fail 'needs apt-get and dpkg-deb (Debian)'

version=$(dpkg-query -W -f '${Version}' systemd 2>/dev/null || true)
if [[ -z $version ]]; then
  version=$(apt-cache policy systemd-resolved | awk '/Candidate:/ { print $2 }')
fi
[[ -n $version && $version != '(none)' ]] ||
  fail 'no systemd-resolved package known to apt (run apt-get update first)'

# Debian 12 ships the binary under /lib, later releases under /usr/lib: the lab runs the `binary` link.
if [[ -x $cache/binary && $(cat "$cache/version" 2>/dev/null) == "$version" ]]; then
  echo "fetch-resolved.sh: systemd-resolved $version already in .cache/systemd-resolved"
  exit 0
fi

download=$(mktemp -d "${TMPDIR:-/tmp}/fetch-resolved.XXXXXX")
trap 'rm -rf "$download"' EXIT
# apt-get download fetches as the _apt user into the current directory.
chmod 755 "$download"
if id _apt >/dev/null 2>&1; then chown _apt "$download"; fi
(cd "$download" && apt-get download -q "systemd-resolved=$version" >/dev/null) ||
  fail "apt-get download systemd-resolved=$version failed (is that systemd version still in the archive? apt-get install systemd upgrades it)"
deb=$(ls "$download"/systemd-resolved_*.deb)

rm -rf "$cache"
mkdir -p "$cache/root"
dpkg-deb -x "$deb" "$cache/root"
for binary in usr/lib/systemd/systemd-resolved lib/systemd/systemd-resolved; do
  if [[ -x $cache/root/$binary ]]; then ln -s "root/$binary" "$cache/binary"; break; fi
done
[[ -x $cache/binary ]] || fail 'the package holds no systemd-resolved binary'
echo "$version" >"$cache/version"
echo "fetch-resolved.sh: extracted systemd-resolved $version into .cache/systemd-resolved"
