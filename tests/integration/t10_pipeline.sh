#!/usr/bin/env bash
# The four services as separate processes against the real broker and
# Redis, fed by a local HTTP server: every fixture article reaches the
# digest file and the digest topic exactly once, also when the extractor is
# killed with SIGKILL after producing but before committing, and a second
# poll of the same feeds adds nothing.
. "$(dirname "$0")/lib.sh"
require_services

start_fixture_server "$TOP/examples/site"
cfg="$work/precis.yml"
write_config "$port" "$cfg"
expected=$(ls "$TOP"/examples/site/*/*.html | wc -l)

start summarizer precis-summarizer --config "$cfg"
start publisher precis-publisher --config "$cfg"
# This extractor never commits on its own (hour-long auto-commit interval),
# so killing it leaves every page it processed uncommitted. Its short
# session lets the group notice its death in seconds, not the default 45.
start extractor1 precis-extractor --config "$cfg" \
	--kafka.auto.commit.interval.ms=3600000 --kafka.session.timeout.ms=6000
extractor=$pid

precis-fetcher --config "$cfg" --once >"$work/fetcher1.log" 2>&1 ||
	fail "fetcher failed: $(tail -3 "$work/fetcher1.log")"
pages=$(topic_count "$ns.pages")
[ "$pages" = "$expected" ] || fail "expected $expected pages, found $pages"

wait_until 120 topic_has_at_least "$ns.articles" "$expected" ||
	fail "the extractor did not extract every page"
kill -9 "$extractor"
wait "$extractor" 2>/dev/null || true
lag=$(precis lag --config "$cfg" | awk '$1 == "extractor" { print $NF }')
[ "$lag" = "$expected" ] || fail "extractor lag after SIGKILL is '$lag', expected $expected"

start extractor2 precis-extractor --config "$cfg"
precis lag --config "$cfg" --wait 180 >/dev/null || fail "pipeline did not drain"
articles=$(topic_count "$ns.articles")
[ "$articles" -eq $((2 * expected)) ] ||
	fail "expected every page extracted twice after the crash, found $articles articles"

precis digest publish --now --config "$cfg" >"$work/publish1.out" 2>"$work/publish1.log" ||
	fail "publish failed: $(cat "$work/publish1.log")"
# The corpus carries Cobalt's round from three outlets and Beichen's robots from two:
# each becomes one item. Other stories about the same companies stay apart.
stories=$((expected - 3))
grep -q "($expected articles, $stories stories)" "$work/publish1.out" ||
	fail "publish said: $(cat "$work/publish1.out")"
digest=$(ls "$work"/digests/*/*/precis-*.md)
[ "$(echo "$digest" | wc -l)" = 1 ] || fail "expected one digest file, found: $digest"

for page in "$TOP"/examples/site/*/*.html; do
	rel=${page#"$TOP/examples/site/"}
	n=$(grep -c "http://127.0.0.[1-5]:$port/$rel>" "$digest" || true)
	[ "$n" = 1 ] || fail "$rel appears $n times in the digest file"
done
sections=$(grep -c '^## ' "$digest")
[ "$sections" = $((stories + 1)) ] || fail "expected $stories sections and the highlights, found $sections"

kcat -b "$TEST_KAFKA_BOOTSTRAP" -C -t "$ns.digests" -e -q -f '%k\t%s\n' >"$work/digests.tsv"
[ "$(wc -l <"$work/digests.tsv")" = 1 ] || fail "expected one digest message"
python3 - "$work/digests.tsv" "$expected" "$stories" <<'PY' || fail "digest message is wrong"
import json, sys
key, value = open(sys.argv[1], encoding="utf-8").read().rstrip("\n").split("\t", 1)
d = json.loads(value)
assert d["schema"] == "precis.digest/1", d["schema"]
assert d["edition"] == key, (d["edition"], key)
urls = [s["url"] for item in d["items"] for s in item["sources"]]
assert len(urls) == int(sys.argv[2]), len(urls)
assert len(set(urls)) == len(urls), "duplicate article in the digest message"
assert d["stats"]["articles"] == int(sys.argv[2])
assert d["stats"]["stories"] == len(d["items"]) == int(sys.argv[3])
merged = sorted(sorted(s["name"] for s in item["sources"]) for item in d["items"] if len(item["sources"]) > 1)
assert merged == [["Inference Weekly", "Tensor Ledger", "Wire Brief"], ["智元快讯", "算力观察"]], merged
assert d["stats"]["original_chars"] > d["stats"]["condensed_chars"] > 0
assert len(d["highlights"]) == 10
PY
[ "$(topic_count "$ns.deadletter")" = 0 ] || fail "good fixtures were dead-lettered"

# The contract test: everything the services produced matches its schema.
for pair in page:pages article:articles summary:summaries digest:digests; do
	kind=${pair%%:*} topic="$ns.${pair#*:}"
	kcat -b "$TEST_KAFKA_BOOTSTRAP" -C -t "$topic" -e -q -f '%s\n' |
		precis proto check "$kind" >"$work/contract-$kind.out" ||
		fail "$topic breaks its contract: $(head -3 "$work/contract-$kind.out")"
done

# The same feeds again: asked conditionally, they answer 304; nothing new is fetched or published.
precis-fetcher --config "$cfg" --once >"$work/fetcher2.log" 2>&1 || fail "second fetch failed"
grep -q "0 pages produced" "$work/fetcher2.log" ||
	fail "second poll: $(grep 'poll done' "$work/fetcher2.log")"
[ "$(grep -c ": not modified" "$work/fetcher2.log")" = 5 ] ||
	fail "the second poll did not use conditional GET: $(grep source "$work/fetcher2.log")"
[ "$(topic_count "$ns.pages")" = "$expected" ] || fail "the second poll produced pages"
precis lag --config "$cfg" --wait 60 >/dev/null || fail "pipeline did not drain"
precis digest publish --now --config "$cfg" >"$work/publish2.out" 2>&1 || fail "second publish failed"
grep -q "nothing new to publish" "$work/publish2.out" || fail "second publish: $(cat "$work/publish2.out")"
[ "$(topic_count "$ns.digests")" = 1 ] || fail "an edition was published twice"

# SIGTERM: every service finishes, commits and exits cleanly.
for p in "${pids[@]}"; do
	kill -0 "$p" 2>/dev/null || continue
	case "$(ps -o comm= -p "$p")" in python3) continue ;; esac
	kill -TERM "$p"
	wait "$p" || fail "a service exited with status $? after SIGTERM"
done
echo "pipeline: $expected articles exactly once, through a SIGKILL and a second poll"
