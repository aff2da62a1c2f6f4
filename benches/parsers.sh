#!/usr/bin/env bash
# Compares YAML parsers that keep node positions, on the records of benches/check.sh and on the
# YAML test suite: microseconds per record, MB/s, and how many suite cases each gets right.
#
# Usage: bash benches/parsers.sh [bench|suite|all]     (default: all)
#
# Builds benches/parsers (its own workspace, so toets never compiles these parsers), makes the
# 10,000-record registry of benches/check.sh if it is not there yet, and runs the comparison
# single-threaded, best of 3 per parser. Case ids each parser gets wrong are written to
# benches/parsers/target/suite-disagreements/.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(dirname "$here")"
mode="${1:-all}"
corpus="$repo/target/bench-registry-10000"
if [ ! -f "$corpus/.complete" ]; then
    python3 "$here/gen_registry.py" "$corpus.tmp" 10000 --today "${BENCH_TODAY:-2026-06-01}"
    mv "$corpus.tmp" "$corpus" && echo manual > "$corpus/.complete"
fi
cd "$here/parsers"
cargo build --release --quiet
./target/release/parsers "$mode" "$corpus/registry" "$repo/tests/data/yaml-test-suite"
