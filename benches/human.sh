#!/usr/bin/env bash
# Benchmark of the human report (the default format, and the one CI prints) on files with many
# findings or very long lines, against the JSON report of the same run.
#
# Usage:
#   bash benches/human.sh
#
# Environment:
#   BENCH_RUNS=3        timed runs per case (the best is reported)
#   BENCH_LIMIT=60      seconds after which a run is stopped and reported as `>60s`
#   TOETS=PATH          the binary to time (default: a release build of this repository)
#
# Cases, each a record alone in a scratch repository with the schemas:
#   unknown-10000   the example record `tests/fixtures/valid.yaml` with 10,000 unknown keys
#                   appended (131 KB, 10,000 findings, one per line)
#   unknown-1mib    the same with 45,000 unknown keys (just under 1 MiB, the largest record toets reads)
#   line-65k        one line of 65 KB with a syntax error at its end (column 65,543)
#   line-1mib       one line of 1 MiB with a syntax error at its end
# Each is timed as `toets check --no-cache FILE` in --format human and --format json.
# Target: the human report of unknown-10000 in under 0.5 s, and no case more than a few times
# slower in human than in JSON (the report is linear in the findings, not findings x file size).

set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(dirname "$here")"
runs="${BENCH_RUNS:-3}"
limit="${BENCH_LIMIT:-60}"

die() { printf '\nBENCHMARK FAILED: %s\n' "$*" >&2; exit 1; }
command -v python3 >/dev/null || die "python3 is missing"

scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
if [ -z "${TOETS:-}" ]; then
    echo "== building (cargo build --release)"
    (cd "$repo" && cargo build --release --quiet) || die "cargo build --release failed"
    cp "${CARGO_TARGET_DIR:-$repo/target}/release/toets" "$scratch/toets"
    TOETS="$scratch/toets"
fi

# One scratch repository per case: rules across records read the whole registry on every run.
cases=(unknown-10000 unknown-1mib line-65k line-1mib)
for case in "${cases[@]}"; do
    mkdir -p "$scratch/$case/registry" "$scratch/$case/schemas"
    cp "$repo"/schemas/*.json "$scratch/$case/schemas/"
    printf 'schema_version: "1"\ndomains: []\n' > "$scratch/$case/registry/domains.yaml"
done
python3 - "$repo/tests/fixtures/valid.yaml" "$scratch" <<'PY'
import sys
valid, out = open(sys.argv[1], encoding="utf-8").read(), sys.argv[2]
def write(name, text):
    open(f"{out}/{name}/registry/{name}.yaml", "w", encoding="utf-8").write(text)
write("unknown-10000", valid + "".join(f"onbekend_{n:05}: {n}\n" for n in range(1, 10_001)))
write("unknown-1mib", valid + "".join(f"onbekend_{n:05}: {n}\n" for n in range(1, 45_001)))
write("line-65k", 'x: "' + "a" * 65_536 + '" bad: 1\n')
write("line-1mib", 'x: "' + "a" * (1024 * 1024 - 20) + '" bad: 1\n')
PY

# Prints the best wall-clock seconds of `runs` runs of the command, output discarded; or what
# went wrong instead: `>Ns` when a run takes longer than the time limit, `exit N` on a crash
# (exit 101 is a panic), so that an old binary's failures show as figures too.
best_of() {
    local best="" t0 t1 secs rc
    for _ in $(seq "$runs"); do
        t0=$EPOCHREALTIME
        rc=0
        timeout "$limit" "$@" > /dev/null 2>&1 || rc=$?
        t1=$EPOCHREALTIME
        if [ "$rc" -eq 124 ]; then echo ">${limit}s"; return; fi
        if [ "$rc" -gt 1 ]; then echo "exit $rc"; return; fi
        secs="$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", b - a }')"
        if [ -z "$best" ] || awk -v a="$secs" -v b="$best" 'BEGIN { exit !(a < b) }'; then best="$secs"; fi
    done
    echo "$best"
}

printf '\n%-14s %10s %9s %9s %9s  %s\n' case "file KB" findings "human s" "json s" target
for case in "${cases[@]}"; do
    file="$scratch/$case/registry/$case.yaml"
    size="$(( $(stat -c %s "$file") / 1024 ))"
    findings="$({ "$TOETS" -C "$scratch/$case" check --no-cache --format json "$file" || true; } \
        | python3 -c 'import json, sys; print(len(json.load(sys.stdin)["findings"]))' 2>/dev/null || echo "?")"
    human="$(best_of "$TOETS" -C "$scratch/$case" check --no-cache --format human "$file")"
    json="$(best_of "$TOETS" -C "$scratch/$case" check --no-cache --format json "$file")"
    verdict=""
    if [ "$case" = unknown-10000 ]; then
        if [[ "$human" =~ ^[0-9.]+$ ]] && awk -v a="$human" 'BEGIN { exit !(a < 0.5) }'; then verdict="human < 0.5 s ok"; else verdict="human < 0.5 s MISSED"; fi
    fi
    printf '%-14s %10s %9s %9s %9s  %s\n' "$case" "$size" "$findings" "$human" "$json" "$verdict"
done
echo "best of $runs runs, toets check --no-cache FILE; $(nproc) CPUs"
