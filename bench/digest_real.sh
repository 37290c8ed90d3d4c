#!/usr/bin/env bash
# The digest on real pages, scored (issue #12). About 400 news pages with
# truth text from ../shared/corpora (English and Chinese, many sites;
# bench/digest_real.py says which) are gunzipped to a temporary folder and
# served as 14 outlets, each an RSS feed whose items carry only a title (the
# page's own <title>) and a link at the page's real host, all answered by a
# local HTTP proxy that forwards nothing. One `precis run` makes the
# digest; the scorer prints one table: pages that reached the digest, dead
# letters by reason, items with more than one source (a wrong merge unless
# the corpus holds two copies of one text), key points whose words are not
# in the page's truth text, headlines that keep a site name, key-point
# lengths, the stats line, and summaries longer than their article.
#
# Usage: bench/digest_real.sh [--pages N] [--corpora DIR] [--show N]
#   --show N   also list N examples of each failure
. "$(dirname "$0")/lib.sh"

pages=400
corpora="$top/../shared/corpora"
while [ $# -gt 0 ]; do
	case "$1" in
	--pages) pages=$2; shift ;;
	--corpora) corpora=$2; shift ;;
	--show) export DIGEST_REAL_SHOW=$2; shift ;;
	*) echo "usage: $0 [--pages N] [--corpora DIR] [--show N]" >&2; exit 2 ;;
	esac
	shift
done
[ -f "$corpora/README.md" ] || { echo "bench: no corpora at $corpora (--corpora DIR)" >&2; exit 2; }
build_release

python3 "$top/bench/digest_real.py" serve "$corpora" "$work" --pages "$pages" &
pids+=($!)
for _ in $(seq 600); do [ -f "$work/ready" ] && break; sleep 0.1; done
[ -f "$work/ready" ] || { echo "bench: the site server did not start" >&2; exit 1; }

t0=$(date +%s%3N)
# Every fetch goes through the bench's proxy, which answers from the files.
http_proxy=$(cat "$work/proxy") no_proxy= NO_PROXY= \
	"$bin/precis" run --config "$work/precis.yml" --data-dir "$work/data" --log.level=info \
	>"$work/run.out" 2>"$work/run.log" || { tail -20 "$work/run.log" >&2; exit 1; }
t1=$(date +%s%3N)
digest=$(find "$work/data/digests" -name 'precis-*.json' | sort | tail -1)
[ -n "$digest" ] || { echo "bench: precis run wrote no digest" >&2; exit 1; }
# The article length each summary is compared with: the extractor's own text.
python3 -c 'import json, sys; print("\n".join(p["file"] for p in json.load(open(sys.argv[1])).values()))' \
	"$work/manifest.json" | xargs -d '\n' "$bin/precis" extract --format json >"$work/extract.jsonl" || true
python3 "$top/bench/digest_real.py" score "$work" "$digest" "$work/run.log" "$work/extract.jsonl"
echo "precis run took $(((t1 - t0) / 1000)) s"
[ -z "${DIGEST_REAL_KEEP:-}" ] || { cp -r "$work" "$DIGEST_REAL_KEEP"; echo "kept in $DIGEST_REAL_KEEP"; }
