#!/usr/bin/env bash
# The HTML edition in a real browser (Debian's chromium, headless): the
# hostile summary's markup stays text in the live DOM, no script runs, and
# every story is there.
. "$(dirname "$0")/lib.sh"

command -v chromium >/dev/null || fail "chromium is missing: scripts/setup.sh installs it"
export SOURCE_DATE_EPOCH=1795939200
precis digest render --input "$TOP/tests/fixtures/digest/summaries.jsonl" --format html \
	--edition 2026-11-28 >"$work/edition.html" 2>/dev/null || true
browse() {
	timeout 120 chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
		--disable-background-networking --disable-component-update --disable-sync \
		--user-data-dir="$work/chromium" "$@" "file://$work/edition.html" 2>>"$work/chromium.log"
}
browse --virtual-time-budget=2000 --dump-dom >"$work/dom.html" || fail "chromium failed"
[ -s "$work/dom.html" ] || fail "chromium returned no DOM"
python3 - "$work/dom.html" <<'PY' || fail "the browser's DOM is wrong"
import html.parser, sys

class Walk(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags, self.title, self.in_title, self.text = [], "", False, []
    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.in_title = tag == "title"
    def handle_endtag(self, tag):
        self.in_title = False
    def handle_data(self, data):
        if self.in_title:
            self.title += data
        self.text.append(data)

w = Walk()
w.feed(open(sys.argv[1], encoding="utf-8").read())
text = "".join(w.text)
assert w.title == "precis digest 2026-11-28", "document.title changed: %r" % w.title
assert "script" not in w.tags, "a script element exists in the page"
assert "img" not in w.tags and "b" not in w.tags and "i" not in w.tags, "markup from a summary became elements"
assert "<script>alert(1)</script>" in text, "the hostile headline is not shown as text"
assert "<img src=x onerror=" in text
assert w.tags.count("article") == 19, w.tags.count("article")
PY
browse --hide-scrollbars --window-size=414,900 --screenshot="$work/phone.png" >/dev/null ||
	fail "chromium could not take a screenshot"
[ -s "$work/phone.png" ] || fail "empty screenshot"
echo "browser: hostile markup inert, 19 stories in the DOM"
