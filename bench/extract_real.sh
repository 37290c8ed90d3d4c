#!/usr/bin/env bash
# precis' extractor beside trafilatura, readability-lxml and Readability.js
# on every extraction set of the shared corpora that has truth (the
# readability test pages marked synthetic left out): per set and language,
# F1, precision, recall, snippet score, pages under 0.5, empty outputs,
# pages/s and MB/s on one core; then all sets by language, English taken
# together, and the speeds with precis' ratio to readability-lxml.
#
# Usage: bench/extract_real.sh [--sets a,b] [--lang xx,yy] [--only precis,...]
#                              [--fresh] [--worst N] [--compare RUN_DIR]
#   --sets      only these sets (folder names in the corpora)
#   --lang      only pages of these languages (the corpora's "lang" field)
#   --only      run only these extractors (precis, trafilatura,
#               readability-lxml, readability.js); the others' figures come
#               from their cache, and a page missing there is said so
#   --fresh     run the peers again over every page instead of using the cache
#   --worst N   list precis' N worst pages, with the best peer's score beside
#   --compare D pages whose precis score moved since the run in folder D
#
# The fast path while working on the extractor (peers from the cache, a
# minute or two over all sets):
#   bench/extract_real.sh --only precis --worst 30
#   bench/extract_real.sh --only precis --sets l3s-gn1 --compare ~/.cache/precis-bench/results/latest
#
# Environment: PRECIS_CORPORA (default ../shared/corpora beside the clone),
# PRECIS_BENCH_CACHE (default ${XDG_CACHE_HOME:-~/.cache}/precis-bench: the
# peers' virtualenv and node_modules, pinned in extract_real.py and
# installed by peers.sh, their outputs keyed by version and page checksum,
# the decompressed pages, and
# results/<time>/ with per-page TSVs and precis' texts; results/latest
# points at the last run). Installing the peers needs PyPI and npm; nothing
# precis runs needs them.
. "$(dirname "$0")/lib.sh"

corpora=${PRECIS_CORPORA:-$top/../shared/corpora}
cache=$bench_cache
if [ ! -f "$corpora/tools/score_extraction.py" ]; then
	echo "no corpora at $corpora (set PRECIS_CORPORA to a copy of shared/corpora): nothing measured"
	exit 0
fi
case " $* " in *" -h "* | *" --help "*) sed -n '2,/^\. /p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;; esac
corpora=$(cd "$corpora" && pwd)
build_release
mkdir -p "$cache/results"
run=$(date +%Y%m%d-%H%M%S)
python3 "$top/bench/extract_real.py" --corpora "$corpora" --cache "$cache" --bin "$bin" --work "$work" \
	--results "$cache/results/$run" "$@"
ln -sfn "$run" "$cache/results/latest"
