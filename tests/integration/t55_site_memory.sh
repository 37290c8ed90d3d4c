#!/usr/bin/env bash
# A site's headlines of past editions teach its name. A daily edition holds
# one or two headlines of most sites, and one headline alone cannot tell a
# site's name from the story's words (siteparts.c); so each edition's
# headlines are kept per site in Redis, and the next edition learns from
# them too.
. "$(dirname "$0")/lib.sh"
require_services

cfg="$work/precis.yml"
write_config 1 "$cfg"
r() { redis-cli -u "$TEST_REDIS_URL" "$@"; }
in_open() { [ "$(r HEXISTS "$ns:edition:open" "$1")" = 1 ]; }
site="The Harbor Valley Ledger and Courier"
# send ID HEADLINE: one summary of the Harbor Ledger's to the summaries topic
send() {
	python3 - "$TOP/tests/fixtures/digest/summaries.jsonl" "$1" "$2" >"$work/one.tsv" <<'PY'
import json, sys
d = json.loads(open(sys.argv[1], encoding="utf-8").readline())
d["id"], d["headline"] = sys.argv[2], sys.argv[3]
d["title"], d["url"] = d["headline"], "https://harbor-ledger.example/%s.html" % d["id"]
print(d["id"] + "\t" + json.dumps(d, ensure_ascii=False))
PY
	kcat -b "$TEST_KAFKA_BOOTSTRAP" -P -t "$ns.summaries" -K '	' <"$work/one.tsv"
	wait_until 60 in_open "$1" ||
		fail "the publisher did not take summary $1"
}
# publish: closes the open edition and prints its headlines, one a line
publish() {
	precis digest publish --now --config "$cfg" >/dev/null 2>"$work/publish.log" ||
		fail "publish: $(tail -3 "$work/publish.log")"
	r HGET "$ns:edition:$(r ZREVRANGE "$ns:editions" 0 0):meta" digest |
		python3 -c 'import json, sys; print("\n".join(i["headline"] for i in json.load(sys.stdin)["items"]))'
}

start publisher precis-publisher --config "$cfg"
send 00000000000000000000000000000a01 "Ferry fares rise in spring - $site"
got=$(publish)
# one headline is no evidence: the part stays
[ "$got" = "Ferry fares rise in spring - $site" ] || fail "first edition: '$got'"
[ "$(r LLEN "$ns:site:harbor-ledger.example:headlines")" = 1 ] ||
	fail "the site's headline was not kept: $(r KEYS "$ns:site:*")"
[ "$(r TTL "$ns:site:harbor-ledger.example:headlines")" -gt 86400 ] || fail "the site's headlines never expire"

send 00000000000000000000000000000a02 "Council passes the budget - $site"
got=$(publish)
# the next day's one headline, with the one before: the site's name goes
[ "$got" = "Council passes the budget" ] || fail "second edition: '$got'"
[ "$(r LLEN "$ns:site:harbor-ledger.example:headlines")" = 2 ] || fail "the second headline was not kept"
grep -q 'lose a first or last part' "$work/publisher.log" "$work/publish.log" ||
	fail "the cut was not logged"
echo "site memory: a site's name learned from the headlines of two editions"
