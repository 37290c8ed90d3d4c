#!/usr/bin/env bash
# The extractor's speed and quality, printed as figures, single-threaded:
#
#  1. quality over tests/fixtures/extract (bench/extract_quality.py):
#     token-level (English) and character-level (Chinese) precision, recall, F1;
#  2. extraction alone (bench-extract) and `precis extract` (which also
#     reads the files and writes JSON) over that corpus repeated ROUNDS
#     times and over a synthetic corpus of large pages: pages/s, MB/s, peak
#     memory.
#
# Usage: bench/extractor.sh [--rounds N] [--big-pages N] [--big-kb N]
. "$(dirname "$0")/lib.sh"

rounds=20
big_pages=40
big_kb=500
while [ $# -gt 0 ]; do
	case "$1" in
	--rounds) rounds=$2; shift ;;
	--big-pages) big_pages=$2; shift ;;
	--big-kb) big_kb=$2; shift ;;
	*) echo "usage: $0 [--rounds N] [--big-pages N] [--big-kb N]" >&2; exit 2 ;;
	esac
	shift
done
build_release
pin=()
command -v taskset >/dev/null && pin=(taskset -c 0)

echo "== quality"
python3 "$top/bench/extract_quality.py" "$bin/precis" | grep micro-averaged

rate() { # LABEL FILES...: pages/s, MB/s and peak RSS of one precis extract over FILES
	local label=$1
	shift
	local mb
	mb=$(cat "$@" | wc -c | awk '{ printf "%.2f", $1 / 1048576 }')
	read -r wall cpu rss < <(measure "$work/out.jsonl" "${pin[@]}" "$bin/precis" extract --format json "$@")
	python3 -c 'import sys; label, n, mb, wall, cpu, rss = sys.argv[1:]
print("%-28s pages/s %6.0f   MB/s %6.1f   peak RSS %s MB   (%s pages, %s MB, %.2f s)" %
      (label, int(n) / float(wall), float(mb) / float(wall), rss, n, mb, float(wall)))' \
		"$label" "$#" "$mb" "$wall" "$cpu" "$rss"
}

echo "== extraction alone (bench-extract: files in memory, no output), one core"
"${pin[@]}" "$bin/bench-extract" "$rounds" "$top"/tests/fixtures/extract/*.html

echo "== precis extract (reads files, writes JSON lines), one core"
files=()
for _ in $(seq "$rounds"); do files+=("$top"/tests/fixtures/extract/*.html); done
rate "fixture corpus x$rounds" "${files[@]}"
python3 - "$work/big" "$big_pages" "$big_kb" <<'PY'
import os, random, sys
out, n, kb = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
os.makedirs(out, exist_ok=True)
rng = random.Random(7)
words = "model chip data centre revenue percent analysts regulators engineers customers startup".split()
for i in range(n):
    parts = ["<html><head><title>Big page %d</title></head><body><div class=nav>%s</div><article>" % (i, " ".join("<a href=/%d>link %d</a>" % (k, k) for k in range(200)))]
    size = 0
    while size < kb * 1024:
        p = "<p>" + " ".join(rng.choice(words) for _ in range(60)) + ".</p>"
        parts.append(p)
        size += len(p)
    parts.append("</article><div class=comments>" + "<p>a reader comment</p>" * 100 + "</div></body></html>")
    open(os.path.join(out, "big%03d.html" % i), "w").write("".join(parts))
PY
rate "large pages (~${big_kb} KB)" "$work"/big/*.html
echo "== extraction alone, large pages"
"${pin[@]}" "$bin/bench-extract" 3 "$work"/big/*.html
