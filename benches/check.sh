#!/usr/bin/env bash
# Benchmark of `toets check` on synthetic registries of growing size.
#
# Usage:
#   bash benches/check.sh [N ...]          default: 1000 10000 100000
#
# Environment:
#   BENCH_RUNS=3        timed runs per size (best time, highest peak RSS are reported)
#   BENCH_DIR=DIR       where generated registries are kept (default: <target dir>/bench-registry-N)
#   BENCH_TODAY=DATE    the date the generator writes ages against and toets checks with --today
#                       (default 2026-06-01), so the registry stays valid whenever this runs
#   BENCH_ENFORCE=1     exit with 3 when a target is missed (default: report it and exit 0)
#
# For each N: builds the release binary, generates a registry with benches/gen_registry.py into
# target/bench-registry-N (reused when the generator, the date and the schemas are unchanged),
# checks that `toets check` finds nothing in it, then times
#     toets --today DATE -C DIR check --format json [--no-cache | --cache-dir CACHE] > /dev/null
# in four ways: "fresh" (--no-cache: every record is parsed and checked), "first" (an empty
# cache: the same, and the cache is written) and "cached" (the cache of the run before, with no
# file changed: each file is read and hashed, and only the rules across records run again) and
# "one-changed" (as "cached", with one record edited before each run: the loop of a department
# fixing its record),
# with /usr/bin/time (wall clock from bash's EPOCHREALTIME around it, for millisecond resolution;
# peak RSS from %M; CPU seconds from %U + %S, which shows how well the cores are used) and, as a
# floor, the time to just read the same files:
#     find DIR/registry -name '*.yaml' -print0 | xargs -0 cat > /dev/null
# All runs are with a warm page cache (the verification run reads everything first).
# Exit code: 0 done, 1 the benchmark could not run (build, generator, or toets finding anything in
# the generated registry), 3 a target missed with BENCH_ENFORCE=1.
#
# Wall time depends on the number of cores and on what else the machine runs; "CPU us/rec" (CPU
# time per record) is the figure to compare between machines and between versions of toets.

set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(dirname "$here")"
target="${CARGO_TARGET_DIR:-$repo/target}"
runs="${BENCH_RUNS:-3}"
today="${BENCH_TODAY:-2026-06-01}"
enforce="${BENCH_ENFORCE:-0}"
missed=0
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1000 10000 100000)

die() { printf '\nBENCHMARK FAILED: %s\n' "$*" >&2; exit 1; }

[ -x /usr/bin/time ] || die "/usr/bin/time is missing (apt-get install time)"
command -v python3 >/dev/null || die "python3 is missing"
for n in "${sizes[@]}"; do
    [[ "$n" =~ ^[0-9]+$ ]] && [ "$n" -ge 1 ] && [ "$n" -le 999999 ] || die "N must be 1..999999, got '$n'"
done

echo "== building (cargo build --release)"
(cd "$repo" && cargo build --release --quiet) || die "cargo build --release failed"
[ -x "$target/release/toets" ] || die "no binary at $target/release/toets"
# A private copy: a build in the same target folder during the benchmark must not swap the binary.
bin_dir="$(mktemp -d)"
trap 'rm -rf "$bin_dir"' EXIT
cp "$target/release/toets" "$bin_dir/toets"
toets="$bin_dir/toets"
cache_dir="$bin_dir/cache"

# Generated registries are reused only while the generator, the date and the schemas are unchanged.
fingerprint="$( (echo "$today"; cat "$here/gen_registry.py" "$repo"/schemas/*.json) | sha256sum | cut -c1-16)"

# Prints "<seconds> <max_rss_kib> <exit_code> <cpu_seconds>" for one run of the command.
timed() {
    local out t0 t1 rc
    out="$(mktemp)"
    t0=$EPOCHREALTIME
    set +e
    /usr/bin/time -f '%e %M %U %S' -o "$out" "$@" > /dev/null
    rc=$?
    set -e
    t1=$EPOCHREALTIME
    # /usr/bin/time writes "Command exited with non-zero status N" before the figures.
    local rss cpu
    rss="$(tail -n 1 "$out" | awk '{print $2}')"
    cpu="$(tail -n 1 "$out" | awk '{printf "%.2f", $3 + $4}')"
    rm -f "$out"
    awk -v a="$t0" -v b="$t1" -v m="$rss" -v rc="$rc" -v c="$cpu" 'BEGIN { printf "%.3f %d %d %s\n", b - a, m, rc, c }'
}

# One check of DIR: fails loudly unless toets finds nothing in its N records and domains.yaml.
verify() {
    local dir="$1" n="$2" report rc
    report="$(mktemp)"
    set +e
    "$toets" --today "$today" -C "$dir" check --format json --no-cache > "$report"
    rc=$?
    set -e
    python3 - "$dir" "$n" "$report" "$rc" <<'PY' || { rm -f "$report"; die "N=$n: toets does not pass the generated registry"; }
import json, sys
dir_, n, report, rc = sys.argv[1], int(sys.argv[2]), sys.argv[3], int(sys.argv[4])
try:
    doc = json.load(open(report, encoding="utf-8"))
except Exception as e:
    sys.exit(f"toets exited with {rc} and its JSON report of {dir_} cannot be read: {e}")
findings, summary = doc["findings"], doc["summary"]
if summary["files"] != n + 1:
    sys.exit(f"toets checked {summary['files']} files in {dir_}, expected {n + 1} ({n} records and domains.yaml)")
if findings or rc != 0:
    print(f"toets exits with {rc} and reports {len(findings)} findings on the generated registry {dir_} "
          f"({summary['errors']} errors, {summary['warnings']} warnings); the first ones:", file=sys.stderr)
    for f in findings[:10]:
        print(f"  {f['file']}:{f['line']}:{f['column']} [{f['rule']}] {f['message']}", file=sys.stderr)
    sys.exit("the generator and toets disagree: fix benches/gen_registry.py, or the tool")
PY
    rm -f "$report"
}

rows=()
for n in "${sizes[@]}"; do
    dir="${BENCH_DIR:-$target}/bench-registry-$n"
    if [ -f "$dir/.complete" ] && [ "$(cat "$dir/.complete")" = "$fingerprint" ]; then
        echo "== N=$n: reusing $dir"
    else
        echo "== N=$n: generating $dir"
        rm -rf "$dir" "$dir.tmp"
        python3 "$here/gen_registry.py" "$dir.tmp" "$n" --today "$today" || die "gen_registry.py failed for N=$n"
        mv "$dir.tmp" "$dir"
        echo "$fingerprint" > "$dir/.complete"
    fi

    echo "== N=$n: verifying that toets finds nothing"
    verify "$dir" "$n"

    floor=""
    for _ in $(seq "$runs"); do
        read -r secs _ _ _ < <(timed sh -c 'find "$1/registry" -name "*.yaml" -print0 | xargs -0 cat' sh "$dir")
        if [ -z "$floor" ] || awk -v a="$secs" -v b="$floor" 'BEGIN { exit !(a < b) }'; then floor="$secs"; fi
    done
    printf '   floor (cat): %s s\n' "$floor"

    # Targets: 10,000 records < 0.25 s, 100,000 < 3 s, peak memory < 300 MB (any size).
    target_s=""
    case "$n" in
        10000) target_s=0.25 ;;
        100000) target_s=3 ;;
    esac
    # One record that "one-changed" edits (a comment line) before each run, restored afterwards.
    records=("$dir"/registry/app-*.yaml)
    edited="${records[0]}"
    cp "$edited" "$bin_dir/edited.yaml"
    for mode in fresh first cached one-changed; do
        echo "== N=$n, $mode: timing $runs runs"
        best="" peak=0 best_cpu=""
        for _ in $(seq "$runs"); do
            case "$mode" in
                fresh) cache_args=(--no-cache) ;;
                first) rm -rf "$cache_dir"; cache_args=(--cache-dir "$cache_dir") ;;
                cached) cache_args=(--cache-dir "$cache_dir") ;;
                one-changed) printf '# edited %s\n' "$EPOCHREALTIME" >> "$edited"; cache_args=(--cache-dir "$cache_dir") ;;
            esac
            read -r secs rss rc cpu < <(timed "$toets" --today "$today" -C "$dir" check --format json "${cache_args[@]}")
            [ "$rc" -eq 0 ] || die "toets exited with $rc on $dir ($mode)"
            printf '   toets: %s s wall, %s s CPU, %d MB\n' "$secs" "$cpu" "$((rss / 1024))"
            if [ -z "$best" ] || awk -v a="$secs" -v b="$best" 'BEGIN { exit !(a < b) }'; then best="$secs" best_cpu="$cpu"; fi
            [ "$rss" -gt "$peak" ] && peak="$rss"
        done
        verdict=""
        if [ -n "$target_s" ]; then
            if awk -v a="$best" -v b="$target_s" 'BEGIN { exit !(a < b) }'; then verdict="time < ${target_s} s ok"
            else verdict="time < ${target_s} s MISSED"; missed=1; fi
        fi
        if [ "$((peak / 1024))" -lt 300 ]; then verdict="${verdict:+$verdict, }RSS < 300 MB ok"
        else verdict="${verdict:+$verdict, }RSS < 300 MB MISSED"; missed=1; fi
        rate="$(awk -v n="$n" -v s="$best" 'BEGIN { if (s > 0) printf "%.0f", n / s; else print "inf" }')"
        per_record="$(awk -v n="$n" -v c="$best_cpu" 'BEGIN { printf "%.0f", c * 1e6 / n }')"
        [ "$mode" != one-changed ] || cp "$bin_dir/edited.yaml" "$edited"
        rows+=("$(printf '%9s %-11s %8s %10s %12s %8s %7s %11s   %s' "$n" "$mode" "$best" "$rate" "$((peak / 1024))" "$floor" "$best_cpu" "$per_record" "$verdict")")
    done
done

cpu="$(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null || true)"
echo
echo "toets --today $today check --format json, best of $runs runs, warm page cache; $(nproc) CPUs${cpu:+ ($cpu)}"
printf '%9s %-11s %8s %10s %12s %8s %7s %11s   %s\n' "records" "cache" "seconds" "records/s" "peak RSS MB" "floor s" "CPU s" "CPU us/rec" "targets"
for row in "${rows[@]}"; do echo "$row"; done
printf '%s\n' "targets: 10,000 records < 0.25 s; 100,000 records < 3 s; peak RSS < 300 MB" \
    "cache: fresh = --no-cache (every record parsed and checked); first = empty cache (the same, and the cache written);" \
    "       cached = nothing changed since the last run (each file read and hashed; rules across records run);" \
    "       one-changed = as cached, with one record edited before each run (it is checked, the cache rewritten)" \
    "floor: find registry -name '*.yaml' | xargs cat > /dev/null (reading the same files, nothing else)" \
    "CPU s: user + system seconds of the fastest run (more than 'seconds' when the cores work in parallel)"
[ "$missed" -eq 0 ] || [ "$enforce" != 1 ] || exit 3
