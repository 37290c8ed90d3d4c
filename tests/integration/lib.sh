# Shared by the integration tests; sourced. Each test gets a fresh work
# folder and its own topic, group and Redis key names, so tests never see
# each other's data on the shared broker and Redis.
set -euo pipefail

: "${TOP:?run through ctest (scripts/test.sh)}"
: "${BIN_DIR:?run through ctest (scripts/test.sh)}"
PATH="$BIN_DIR:$PATH"

work=$(mktemp -d /tmp/precis-it.XXXXXX)
ns="it$$x$RANDOM"
pids=()

cleanup() {
	local rc=$?
	for p in "${pids[@]+"${pids[@]}"}"; do
		kill "$p" 2>/dev/null || true
	done
	wait 2>/dev/null || true
	if [ "$rc" != 0 ]; then
		echo "--- test failed ($rc); logs in $work:" >&2
		for f in "$work"/*.log; do
			[ -f "$f" ] || continue
			echo "--- $f" >&2
			tail -40 "$f" >&2
		done
	else
		rm -rf "$work"
	fi
}
trap cleanup EXIT

fail() {
	echo "FAIL: $*" >&2
	exit 1
}

require_services() {
	[ -n "${TEST_KAFKA_BOOTSTRAP:-}" ] && [ -n "${TEST_REDIS_URL:-}" ] ||
		fail "TEST_KAFKA_BOOTSTRAP and TEST_REDIS_URL are not set: run scripts/test.sh"
}

# exits_with STATUS OUT ERR CMD...: runs CMD with its output in the files OUT and
# ERR, and fails the test unless it exits with STATUS.
exits_with() {
	local want=$1 out=$2 err=$3 rc=0
	shift 3
	"$@" >"$out" 2>"$err" || rc=$?
	[ "$rc" = "$want" ] || fail "$1 ${2:-} exited $rc, not $want: $(tail -3 "$err")"
}

# wait_until SECONDS CMD...: polls CMD until it succeeds.
wait_until() {
	local deadline=$((SECONDS + $1))
	shift
	until "$@"; do
		[ "$SECONDS" -lt "$deadline" ] || return 1
		sleep 0.3
	done
}

# start_fixture_server DIR: serves DIR over HTTP; sets $port.
start_fixture_server() {
	python3 "$TOP/tests/scaffold/fixture_server.py" "$1" "$work/port" \
		>/dev/null 2>"$work/fixture.log" &
	pids+=($!)
	wait_until 10 test -f "$work/port" || fail "fixture server did not start"
	port=$(cat "$work/port")
}

# The config of this test's pipeline against the shared services.
# write_base_config FILE: this test's broker, Redis keys, topics and groups, nothing else.
write_base_config() {
	cat >"$1" <<YML
kafka:
  bootstrap.servers: $TEST_KAFKA_BOOTSTRAP
redis:
  url: $TEST_REDIS_URL
  prefix: "$ns:"
topics:
  pages: $ns.pages
  articles: $ns.articles
  summaries: $ns.summaries
  digests: $ns.digests
  deadletter: $ns.deadletter
  partitions: 3
pipeline:
  group_prefix: $ns
YML
}

write_config() {
	local port=$1 out=$2
	write_base_config "$out"
	cat >>"$out" <<YML
fetcher:
  # each outlet on a loopback address of its own (fixture_server.py), as on the web
  allow_private: [127.0.0.1, 127.0.0.2, 127.0.0.3, 127.0.0.4, 127.0.0.5]
  # politeness is t24's subject, not this test's
  host_delay_ms: 0
  host_concurrency: 8
publisher:
  output_dir: $work/digests
  publish_at: ""
  title: Integration digest
sources:
  - {name: Tensor Ledger, url: "http://127.0.0.1:$port/feeds/tensor-ledger.xml", lang: en, weight: 3}
  - {name: Inference Weekly, url: "http://127.0.0.2:$port/feeds/inference-weekly.xml", lang: en}
  - {name: 智元快讯, url: "http://127.0.0.3:$port/feeds/zhiyuan-kuaixun.xml", lang: zh, weight: 3}
  - {name: 算力观察, url: "http://127.0.0.4:$port/feeds/suanli-guancha.xml", lang: zh}
  - {name: Wire Brief, url: "http://127.0.0.5:$port/feeds/wire-brief.xml", lang: en}
YML
}

# start NAME CMD...: runs a service in the background, logging to
# $work/NAME.log; sets $pid. Not to be called in $(...): the pid must stay
# in this shell for the cleanup.
start() {
	local name=$1
	shift
	"$@" >"$work/$name.log" 2>&1 &
	pid=$!
	pids+=("$pid")
}

# Messages in a topic, read back with kcat, a real Kafka client.
topic_count() {
	kcat -b "$TEST_KAFKA_BOOTSTRAP" -C -t "$1" -e -q -f 'x\n' 2>/dev/null | wc -l
}

# topic_has_at_least TOPIC N: for wait_until, which needs a command that counts anew each try.
topic_has_at_least() {
	[ "$(topic_count "$1")" -ge "$2" ]
}

# start_webhook_receiver: a local webhook receiver logging to $work/hooks.jsonl; sets $hp.
start_webhook_receiver() {
	python3 "$TOP/tests/scaffold/webhook_receiver.py" "$work/hooks.jsonl" "$work/hookport" \
		>/dev/null 2>"$work/receiver.log" &
	pids+=($!)
	wait_until 10 test -f "$work/hookport" || fail "webhook receiver did not start"
	hp=$(cat "$work/hookport")
}

# feed_summaries TOPIC: the summaries of the golden-file fixture, keyed by article id.
feed_summaries() {
	python3 - "$TOP/tests/fixtures/digest/summaries.jsonl" >"$work/summaries.tsv" <<'PY'
import json, sys
for line in open(sys.argv[1], encoding="utf-8"):
    try:
        d = json.loads(line)
    except ValueError:
        continue
    print(d["id"] + "\t" + json.dumps(d, ensure_ascii=False))
PY
	kcat -b "$TEST_KAFKA_BOOTSTRAP" -P -t "$1" -K '	' <"$work/summaries.tsv"
}

free_port() {
	python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# scrape PORT PATH: the body, or nothing; the status goes to $work/status.
scrape() {
	python3 - "$1" "$2" "$work/status" <<'PY'
import sys, urllib.error, urllib.request
try:
    r = urllib.request.urlopen("http://127.0.0.1:%s%s" % (sys.argv[1], sys.argv[2]), timeout=5)
    status, body = r.status, r.read().decode()
except urllib.error.HTTPError as e:
    status, body = e.code, e.read().decode()
except OSError:
    status, body = 0, ""
open(sys.argv[3], "w").write(str(status))
sys.stdout.write(body)
PY
}

# metric_value PORT 'name{labels}': the sample's value, or nothing. Label values may hold spaces.
metric_value() {
	scrape "$1" /metrics | awk -v k="$2" '{ v = $NF; s = $0; sub(/ [^ ]+$/, "", s); if (s == k) print v }'
}

# metric_is PORT 'name{labels}' VALUE: for wait_until.
metric_is() {
	[ "$(metric_value "$1" "$2")" = "$3" ]
}

# metric_at_least PORT 'name{labels}' VALUE: for wait_until, where at-least-once may count twice.
metric_at_least() {
	local v
	v=$(metric_value "$1" "$2")
	[ -n "$v" ] && awk -v v="$v" -v min="$3" 'BEGIN { exit !(v + 0 >= min + 0) }'
}

# start_fake_llm [--delay S] [--key K]: a local OpenAI-compatible server; sets $lp.
start_fake_llm() {
	rm -f "$work/llmport"
	python3 "$TOP/tests/scaffold/fake_llm.py" "$work/llmport" "$@" 2>"$work/fake_llm.log" &
	pids+=($!)
	wait_until 10 test -f "$work/llmport" || fail "fake LLM server did not start"
	lp=$(cat "$work/llmport")
}

# llm_mode up|down: down makes the fake server answer 503 to everything.
llm_mode() {
	python3 -c 'import sys, urllib.request; urllib.request.urlopen(urllib.request.Request("http://127.0.0.1:%s/control" % sys.argv[1], data=("{\"mode\": \"%s\"}" % sys.argv[2]).encode()), timeout=5)' "$lp" "$1"
}

# llm_stats EXPR: a Python expression over the fake server's /stats as s.
llm_stats() {
	scrape "$lp" /stats | python3 -c 'import json, sys; s = json.load(sys.stdin); print(eval(sys.argv[1]))' "$1"
}

# llm_requests_at_least N: the fake server has had N requests; for wait_until.
llm_requests_at_least() {
	[ "$(llm_stats 's["requests"]')" -ge "$1" ]
}

# make_articles OUT TITLE...: one article message per title (text of five
# sentences naming it), as "id<TAB>json" lines for kcat -K.
make_articles() {
	local out=$1
	shift
	python3 - "$@" >"$out" <<'PY'
import hashlib, json, sys
for title in sys.argv[1:]:
    short = "[short]" in title
    text = ("%s happened today. " % title) if short else " ".join([
        "%s was announced on Monday by the company." % title,
        "The firm said the change affects about 4,000 customers in twelve countries.",
        "Analysts expect revenue from the product to double within two years.",
        "A spokesperson said pricing would be published next month.",
        "Competitors have not yet responded to the news."])
    url = "https://news.example/" + hashlib.sha1(title.encode()).hexdigest()[:12]
    aid = hashlib.sha256(url.encode()).hexdigest()[:32]
    art = {"schema": "precis.article/1", "id": aid, "url": url,
           "source": {"name": "Test Wire", "lang": "en", "category": "AI", "weight": 1},
           "title": title, "text": text, "lang": "en", "method": "dom",
           "char_count": len(text), "word_count": len(text.split()),
           "extracted_at": "2026-11-29T08:00:00Z"}
    print(aid + "\t" + json.dumps(art))
PY
}
