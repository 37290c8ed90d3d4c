#!/usr/bin/env bash
# precis feed parse beside Python's feedparser (PyPI) and feedsmith and
# rss-parser (npm), on every feed set of ../shared/corpora and on a few
# hundred feeds of our own making (make_feeds.py: one per date form, per
# namespace, per encoding, per linkless form, per kind of broken markup):
# per-field agreement with each set's truth and with feedparser.
#
# The peers are installed at pinned versions in a cache outside the
# repository (${XDG_CACHE_HOME:-$HOME/.cache}/precis-bench), once; that
# needs PyPI and the npm registry. Nothing precis runs needs them.
#
# Usage: bench/feeds_compare.sh [--show N] [--only SET]
#   --show N    print precis' first N mismatches with each set's truth
#   --only SET  only the sets whose name contains SET
. "$(dirname "$0")/lib.sh"

FEEDPARSER=6.0.14
FEEDSMITH=3.0.1
RSS_PARSER=3.13.0
cache="${XDG_CACHE_HOME:-$HOME/.cache}/precis-bench"
corpora="$top/../shared/corpora"

build_release
mkdir -p "$cache"
if ! "$cache/venv/bin/python" -c "import feedparser, sys; sys.exit(feedparser.__version__ != '$FEEDPARSER')" 2>/dev/null; then
	python3 -m venv "$cache/venv"
	"$cache/venv/bin/pip" install -q "feedparser==$FEEDPARSER"
fi
if ! grep -q "\"version\": \"$FEEDSMITH\"" "$cache/npm/node_modules/feedsmith/package.json" 2>/dev/null ||
	! grep -q "\"version\": \"$RSS_PARSER\"" "$cache/npm/node_modules/rss-parser/package.json" 2>/dev/null; then
	mkdir -p "$cache/npm"
	(cd "$cache/npm" && { [ -f package.json ] || npm init -y >/dev/null; } &&
		npm install --silent --no-audit --no-fund "feedsmith@$FEEDSMITH" "rss-parser@$RSS_PARSER")
fi
echo "== peers: feedparser $FEEDPARSER, feedsmith $FEEDSMITH, rss-parser $RSS_PARSER (in $cache)"

python3 "$top/bench/make_feeds.py" "$work/own"
args=()
if [ -d "$corpora" ]; then
	args+=(--corpora "$corpora")
else
	echo "== no $corpora: our own feeds only"
fi
python3 "$top/bench/feeds_compare.py" --precis "$bin/precis" --python "$cache/venv/bin/python" \
	--node-modules "$cache/npm/node_modules" --work "$work/out" --own "$work/own" "${args[@]}" "$@"
