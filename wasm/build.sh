#!/usr/bin/env bash
# Builds packages/core/wasm/quiver-hnsw.wasm: our C++ wrapper (wasm/hnswlib/) over hnswlib 0.8.0's
# headers, read from the hnswlib-node package in node_modules (not copied into this repository),
# compiled with Debian's emscripten (apt-get install -y emscripten node-acorn) as one standalone
# wasm: no JS glue, no filesystem, no runtime code generation, wasm exceptions caught inside every
# export, memory growth up to 4 GiB. Usage: wasm/build.sh [output.wasm]
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
OUT="${1:-$ROOT/packages/core/wasm/quiver-hnsw.wasm}"
HNSWLIB_SRC="$ROOT/node_modules/hnswlib-node/src"

if ! command -v em++ >/dev/null; then
  echo "wasm/build.sh: em++ not found; install Debian's emscripten: apt-get install -y emscripten node-acorn" >&2
  exit 1
fi
if [ ! -f "$HNSWLIB_SRC/hnswlib/hnswalg.h" ]; then
  echo "wasm/build.sh: $HNSWLIB_SRC/hnswlib/hnswalg.h missing; run npm install (hnswlib-node is a devDependency)" >&2
  exit 1
fi
# Debian's emscripten runs its JS tools with the system node and needs acorn from node-acorn.
export NODE_PATH="${NODE_PATH:-/usr/share/nodejs}"

FLAGS=(
  -std=c++17 -O3 -msimd128 -fwasm-exceptions -DNDEBUG
  -I "$HNSWLIB_SRC" -Wall -Wno-unused-function
  -sSTANDALONE_WASM=1 --no-entry
  -sALLOW_MEMORY_GROWTH=1 -sMAXIMUM_MEMORY=4GB -sINITIAL_MEMORY=2MB -sTOTAL_STACK=256KB
  -sABORTING_MALLOC=0 -sDYNAMIC_EXECUTION=0 -sFILESYSTEM=0
)
SOURCES=("$ROOT"/wasm/hnswlib/*.cpp)

TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT
em++ "${FLAGS[@]}" "${SOURCES[@]}" -o "$TMP/raw.wasm"
EMCC_VERSION="$(em++ --version | sed -n 1p)"  # sed reads it all: head would close the pipe under em++
mkdir -p "$(dirname "$OUT")"
node "$ROOT/wasm/tools/stamp.mjs" "$ROOT" "$TMP/raw.wasm" "$OUT" "$EMCC_VERSION"
echo "wasm/build.sh: wrote $OUT ($(wc -c <"$OUT") bytes)"
