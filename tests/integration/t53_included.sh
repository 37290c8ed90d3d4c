#!/usr/bin/env bash
# An article in a closed edition never joins another, for
# publisher.remember_days; older ones are forgotten so Redis does not grow
# forever. Data from before (a plain set) is converted on first use.
. "$(dirname "$0")/lib.sh"
require_services

cfg="$work/precis.yml"
write_config 1 "$cfg"
r() { redis-cli -u "$TEST_REDIS_URL" "$@"; }
first=$(python3 -c 'import json, sys
for l in open(sys.argv[1], encoding="utf-8"):
    print(json.loads(l)["id"]); break' "$TOP/tests/fixtures/digest/summaries.jsonl")
# The fixture holds one line that is no summary (the publisher dead-letters it).
total=$(python3 -c 'import json, sys
n = 0
for l in open(sys.argv[1], encoding="utf-8"):
    try:
        n += "id" in json.loads(l)
    except ValueError:
        pass
print(n)' "$TOP/tests/fixtures/digest/summaries.jsonl")
# As an older precis left it: a plain set holding one article.
r SADD "$ns:included" "$first" >/dev/null
start publisher precis-publisher --config "$cfg"
feed_summaries "$ns.summaries"
precis lag --config "$cfg" --wait 60 >/dev/null || fail "the publisher did not read the summaries"
[ "$(r TYPE "$ns:included")" = zset ] || fail "included was not converted: $(r TYPE "$ns:included")"
[ "$(r HEXISTS "$ns:edition:open" "$first")" = 0 ] || fail "an article of an old edition joined the open one"
[ "$(r HLEN "$ns:edition:open")" = $((total - 1)) ] || fail "$(r HLEN "$ns:edition:open") in the open edition"
# An entry older than remember_days goes at the next close.
r ZADD "$ns:included" 1000 ancient-article >/dev/null
precis digest publish --now --config "$cfg" >/dev/null 2>"$work/publish.log" || fail "publish: $(tail -3 "$work/publish.log")"
[ "$(r ZCARD "$ns:included")" = "$total" ] || fail "$(r ZCARD "$ns:included") remembered, $total expected"
[ -z "$(r ZSCORE "$ns:included" ancient-article)" ] || fail "an entry older than remember_days stayed"
# A redelivery after the close changes nothing.
feed_summaries "$ns.summaries"
precis lag --config "$cfg" --wait 60 >/dev/null || fail "the publisher did not read the redelivery"
[ "$(r EXISTS "$ns:edition:open")" = 0 ] || fail "redelivered articles joined a new edition"
echo "included: remembered for remember_days, converted from the old form, pruned at close"
