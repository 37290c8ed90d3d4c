#!/usr/bin/env bash
# A feed from the network linking to local files: refused even where
# fetcher.schemes allows file, and nothing reaches the pages topic.
. "$(dirname "$0")/lib.sh"
require_services

start_fixture_server "$TOP/tests/fixtures/feeds"
write_base_config "$work/precis.yml"
cat >>"$work/precis.yml" <<YML
fetcher:
  schemes: [http, https, file]
  allow_private: [127.0.0.1]
  # every fixture is on one host: politeness is t24's subject, not this test's
  host_delay_ms: 0
  host_concurrency: 8
sources:
  - {name: Hostile, url: "http://127.0.0.1:$port/local-file-link.xml"}
YML
precis-fetcher --config "$work/precis.yml" --once >"$work/fetcher.log" 2>&1 || fail "fetcher failed"
grep -q "refusing file:///etc/hostname: a feed from the network may not link to local files" \
	"$work/fetcher.log" || fail "no refusal: $(cat "$work/fetcher.log")"
grep -q "0 pages produced" "$work/fetcher.log" || fail "a local file was fetched"
[ "$(topic_count "$ns.pages")" = 0 ] || fail "a local file reached the pages topic"
echo "hostile feed: links to local files refused"
