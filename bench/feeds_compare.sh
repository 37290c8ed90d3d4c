#!/usr/bin/env bash
# precis feed parse beside Python's feedparser (PyPI) and feedsmith and
# rss-parser (npm), on every feed set of ../shared/corpora and on a few
# hundred feeds of our own making (make_feeds.py: one per date form, per
# namespace, per encoding, per linkless form, per kind of broken markup):
# per-field agreement with each set's truth and with feedparser.
#
# The peers are installed at pinned versions in a cache outside the
# repository (bench/peers.sh: ${XDG_CACHE_HOME:-$HOME/.cache}/precis-bench),
# once; that needs PyPI and the npm registry. Nothing precis runs needs them.
#
# Usage: bench/feeds_compare.sh [--show N] [--only SET]
#   --show N    print precis' first N mismatches with each set's truth
#   --only SET  only the sets whose name contains SET
. "$(dirname "$0")/lib.sh"

FEEDPARSER=6.0.14
FEEDSMITH=3.0.1
RSS_PARSER=3.13.0
corpora="$top/../shared/corpora"

build_release
python=$(peer_venv "feedparser==$FEEDPARSER")
node_modules=$(peer_node_modules "feedsmith@$FEEDSMITH" "rss-parser@$RSS_PARSER")
echo "== peers: feedparser $FEEDPARSER, feedsmith $FEEDSMITH, rss-parser $RSS_PARSER (in $bench_cache)"

python3 "$top/bench/make_feeds.py" "$work/own"
args=()
if [ -d "$corpora" ]; then
	args+=(--corpora "$corpora")
else
	echo "== no $corpora: our own feeds only"
fi
python3 "$top/bench/feeds_compare.py" --precis "$bin/precis" --python "$python" \
	--node-modules "$node_modules" --work "$work/out" --own "$work/own" "${args[@]}" "$@"
