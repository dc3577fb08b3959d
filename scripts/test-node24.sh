#!/usr/bin/env bash
# Runs the whole test suite (`npm test`) on Node 24, the runtime README recommends, in a copy of this
# checkout: the capture binding is a native addon compiled for one Node, so the copy gets its own,
# compiled against Node 24's headers, while this checkout keeps the one for the machine's Node.
# The copy is .cache/test-node24/ (the working tree's files that git does not ignore, node_modules,
# the lab's systemd-resolved), remade on every run. Needs what `npm test` needs, and Node 24 from
# scripts/fetch-node.sh, which it runs first.
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
node24=$repo/.cache/node/24
tree=$repo/.cache/test-node24

fail() { echo "test-node24.sh: $*" >&2; exit 1; }

"$repo/scripts/fetch-node.sh"
[[ -d $repo/node_modules ]] || fail 'run npm ci first'
# npm's own node-gyp, the one that compiled the binding for the machine's Node.
node_gyp=$(dirname "$(dirname "$(readlink -f "$(command -v npm)")")")/node_modules/node-gyp/bin/node-gyp.js
[[ -f $node_gyp ]] || fail "no node-gyp beside npm (looked for $node_gyp)"

rm -rf "$tree"
mkdir -p "$tree/.cache"
# The working tree as it is: files not yet added included, files deleted but not yet committed left out.
(cd "$repo" && git ls-files -z --cached --others --exclude-standard |
  while IFS= read -r -d '' file; do if [[ -e $file ]]; then printf '%s\0' "$file"; fi; done |
  xargs -0 cp --parents -t "$tree")
cp -a "$repo/node_modules" "$tree/"
if [[ -d $repo/.cache/systemd-resolved ]]; then cp -a "$repo/.cache/systemd-resolved" "$tree/.cache/"; fi
ln -s "$repo/.cache/node" "$tree/.cache/node"

# test/cli/node-runtimes.test.ts compares Node 24 with the machine's Node, not with itself.
DNSLEAK_BASELINE_NODE=$(command -v node)
export DNSLEAK_BASELINE_NODE PATH=$node24/bin:$PATH
[[ $(node --version) == v24.* ]] || fail "node on PATH is $(node --version), not Node 24"
(cd "$tree/node_modules/pcap" && node "$node_gyp" rebuild --nodedir="$node24" >"$tree/node-gyp.log" 2>&1) ||
  fail 'compiling the capture binding for Node 24 failed (.cache/test-node24/node-gyp.log)'
cd "$tree"
echo "test-node24.sh: npm test on Node $(node --version) in .cache/test-node24"
npm test
