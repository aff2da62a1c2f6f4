#!/usr/bin/env bash
# Benchmark of `toets pr` on a synthetic registry in a git repository.
#
# Usage:
#   bash benches/pr.sh [N]                 default: 10000 records
#
# Environment:
#   BENCH_RUNS=3        timed runs (best time, highest peak RSS are reported)
#   BENCH_DIR=DIR       where the generated repository is kept (default: <target dir>/bench-pr-N)
#   BENCH_TODAY=DATE    the date the generator writes ages against and toets checks with --today
#                       (default 2026-06-01)
#   BENCH_ENFORCE=1     exit with 3 when the target is missed (default: report it and exit 0)
#
# Builds the release binary, generates N records with benches/gen_registry.py, makes the folder a
# git repository with everything committed on `main`, then creates a branch `feature` that changes
# ONE record (its description) and commits it. With `feature` checked out it times
#     toets --today DATE pr --base main --format json > /dev/null
# best of BENCH_RUNS with /usr/bin/time -f '%e %M' (wall clock also from bash's EPOCHREALTIME, for
# millisecond resolution), and, for comparison, `toets check` on the same registry: `toets pr`
# checks the whole registry twice by design (at head and at base, so that it can tell what the
# change caused elsewhere), each from git objects instead of the work tree.
# Exit code: 0 done, 1 the benchmark could not run, 3 the target missed with BENCH_ENFORCE=1.

set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(dirname "$here")"
target="${CARGO_TARGET_DIR:-$repo/target}"
runs="${BENCH_RUNS:-3}"
today="${BENCH_TODAY:-2026-06-01}"
enforce="${BENCH_ENFORCE:-0}"
n="${1:-10000}"
target_s=1

die() { printf '\nBENCHMARK FAILED: %s\n' "$*" >&2; exit 1; }

[ -x /usr/bin/time ] || die "/usr/bin/time is missing (apt-get install time)"
command -v python3 >/dev/null || die "python3 is missing"
command -v git >/dev/null || die "git is missing"
[[ "$n" =~ ^[0-9]+$ ]] && [ "$n" -ge 2 ] && [ "$n" -le 999999 ] || die "N must be 2..999999, got '$n'"

echo "== building (cargo build --release)"
(cd "$repo" && cargo build --release --quiet) || die "cargo build --release failed"
[ -x "$target/release/toets" ] || die "no binary at $target/release/toets"
# A private copy: a build in the same target folder during the benchmark must not swap the binary.
bin_dir="$(mktemp -d)"
trap 'rm -rf "$bin_dir"' EXIT
cp "$target/release/toets" "$bin_dir/toets"
toets="$bin_dir/toets"

# git without the user's configuration, hooks or signing: the repository is the same everywhere.
g() {
    GIT_CONFIG_GLOBAL=/dev/null GIT_CONFIG_NOSYSTEM=1 git -C "$dir" -c user.name=bench \
        -c user.email=bench@voorbeeldstad.invalid -c commit.gpgsign=false -c init.defaultBranch=main "$@"
}

dir="${BENCH_DIR:-$target}/bench-pr-$n"
changed="registry/app-$(printf '%05d' $((n / 2))).yaml"
fingerprint="$( (echo "$today $n"; cat "$here/gen_registry.py" "$here/pr.sh" "$repo"/schemas/*.json) | sha256sum | cut -c1-16)"
if [ -f "$dir/.git/bench-complete" ] && [ "$(cat "$dir/.git/bench-complete")" = "$fingerprint" ]; then
    echo "== reusing $dir"
else
    echo "== generating $n records in $dir"
    rm -rf "$dir" "$dir.tmp"
    python3 "$here/gen_registry.py" "$dir.tmp" "$n" --today "$today" > /dev/null || die "gen_registry.py failed"
    mv "$dir.tmp" "$dir"
    echo "== committing on main, changing $changed on feature"
    g init --quiet
    g checkout --quiet -b main
    g add -A
    g commit --quiet -m "registry of $n records"
    g checkout --quiet -b feature
    grep -q '^description: ' "$dir/$changed" || die "$changed has no description line"
    sed -i 's/^description: .*/description: Bijgewerkte omschrijving, voor de benchmark van toets pr./' "$dir/$changed"
    g commit --quiet -am "change the description of one record"
    echo "$fingerprint" > "$dir/.git/bench-complete"
fi
g checkout --quiet feature
size="$(du -sh "$dir/registry" | cut -f1)"

# Prints "<seconds> <max_rss_kib> <exit_code> <time_seconds>" for one run of the command.
timed() {
    local out t0 t1 rc
    out="$(mktemp)"
    t0=$EPOCHREALTIME
    set +e
    /usr/bin/time -f '%e %M' -o "$out" "$@" > /dev/null
    rc=$?
    set -e
    t1=$EPOCHREALTIME
    # /usr/bin/time writes "Command exited with non-zero status N" before the figures.
    local e rss
    read -r e rss < <(tail -n 1 "$out")
    rm -f "$out"
    awk -v a="$t0" -v b="$t1" -v m="$rss" -v rc="$rc" -v e="$e" 'BEGIN { printf "%.3f %d %d %s\n", b - a, m, rc, e }'
}

echo "== verifying: one record modified, nothing found"
report="$(mktemp)"
set +e
(cd "$dir" && "$toets" --today "$today" pr --base main --format json --no-cache > "$report")
rc=$?
set -e
python3 - "$report" "$rc" "$changed" <<'PY' || { rm -f "$report"; die "toets pr does not see the change as expected"; }
import json, sys
report, rc, changed = sys.argv[1], int(sys.argv[2]), sys.argv[3]
doc = json.load(open(report, encoding="utf-8"))
records = [(r["kind"], r["new_path"], [f["field"] for f in r["fields"]]) for r in doc["records"]]
if records != [("modified", changed, ["description"])]:
    sys.exit(f"expected {changed} modified in its description, got {records}")
if doc["findings"] or rc != 0:
    sys.exit(f"toets pr exits with {rc} and reports {len(doc['findings'])} findings: {doc['findings'][:3]}")
PY
rm -f "$report"

# Best of `runs`: prints "<best seconds> <peak RSS KiB>".
best_of() {
    local best="" peak=0 secs rss rc e
    for _ in $(seq "$runs"); do
        read -r secs rss rc e < <(cd "$dir" && timed "$@")
        [ "$rc" -le 1 ] || die "$* exited with $rc"
        printf '   %s s (time: %s s), %d MB\n' "$secs" "$e" "$((rss / 1024))" >&2
        if [ -z "$best" ] || awk -v a="$secs" -v b="$best" 'BEGIN { exit !(a < b) }'; then best="$secs"; fi
        [ "$rss" -gt "$peak" ] && peak="$rss"
    done
    echo "$best $peak"
}

echo "== timing toets pr --base main --format json --no-cache ($runs runs)"
read -r pr_s pr_rss < <(best_of "$toets" --today "$today" pr --base main --format json --no-cache)
echo "== timing the same with the cache of an earlier review ($runs runs)"
cache_dir="$(mktemp -d)"
"$toets" --today "$today" -C "$dir" pr --base main --format json --cache-dir "$cache_dir" > /dev/null || true
read -r cached_s cached_rss < <(best_of "$toets" --today "$today" pr --base main --format json --cache-dir "$cache_dir")
rm -rf "$cache_dir"
echo "== timing toets check --format json --no-cache on the same registry ($runs runs)"
read -r check_s check_rss < <(best_of "$toets" --today "$today" check --format json --no-cache)

if awk -v a="$pr_s" -v b="$target_s" 'BEGIN { exit !(a < b) }'; then verdict="< ${target_s} s ok"; missed=0
else verdict="< ${target_s} s MISSED"; missed=1; fi

cpu="$(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null || true)"
echo
echo "$n records ($size), one record changed on feature; best of $runs runs, warm page cache; $(nproc) CPUs${cpu:+ ($cpu)}"
printf '%-44s %9s %12s\n' "command" "seconds" "peak RSS MB"
printf '%-44s %9s %12s   %s\n' "toets pr --base main --format json" "$pr_s" "$((pr_rss / 1024))" "target $verdict"
printf '%-44s %9s %12s\n' "the same, from the cache of an earlier review" "$cached_s" "$((cached_rss / 1024))"
printf '%-44s %9s %12s\n' "toets check --format json (for comparison)" "$check_s" "$((check_rss / 1024))"
awk -v p="$pr_s" -v c="$check_s" 'BEGIN { if (c > 0) printf "pr / check: %.1fx (pr checks the registry twice, at head and at base, from git objects)\n", p / c }'
[ "$missed" -eq 0 ] || [ "$enforce" != 1 ] || exit 3
