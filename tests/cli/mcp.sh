#!/usr/bin/env bash
# `agentreel mcp` with a real MCP client: web/tests/mcp_client_test.mjs runs the official TypeScript SDK's stdio client
# (@modelcontextprotocol/sdk, pinned in web/package.json, installed by `npm ci` in web/) against the server.
# Exits 77 (ctest: skipped) when node or the SDK is missing, unless CI=true or AGENTREEL_REQUIRE_NODE_TESTS=1.
# usage: mcp.sh AGENTREEL_BIN DATA_DIR WORK_DIR
set -euo pipefail
agentreel=$1 data=$2 work=$3
root=$(cd "$(dirname "$0")/../.." && pwd)
skip() {
  if [ "${AGENTREEL_REQUIRE_NODE_TESTS:-0}" = 1 ] || [ "${CI:-}" = true ]; then echo "FAIL: $*"; exit 1; fi
  echo "SKIP: $*"
  exit 77
}
command -v node >/dev/null || skip "node is not installed"
[ -d "$root/web/node_modules/@modelcontextprotocol/sdk" ] ||
  skip "the MCP SDK is not installed (cd web && npm ci)"
rm -rf "$work"
mkdir -p "$work"
node "$root/web/tests/mcp_client_test.mjs" "$agentreel" "$data" "$work"
