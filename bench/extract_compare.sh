#!/usr/bin/env bash
# precis' extractor beside trafilatura and readability-lxml (from PyPI, in a
# throwaway virtualenv) on tests/fixtures/extract: precision, recall, F1
# and time. Needs network access to PyPI; nothing precis runs needs these.
. "$(dirname "$0")/lib.sh"
build_release
python3 -m venv "$work/venv"
"$work/venv/bin/pip" install -q trafilatura lxml_html_clean readability-lxml
"$work/venv/bin/python" "$top/bench/extract_compare.py" "$bin/precis"
