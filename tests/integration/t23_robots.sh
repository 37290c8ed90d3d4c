#!/usr/bin/env bash
# robots.txt is honoured for article pages and cached: the disallowed page
# is never requested, the allowed ones are, and a second poll does not ask
# for robots.txt again.
. "$(dirname "$0")/lib.sh"
require_services

start_fixture_server "$TOP/tests/fixtures/robots"
write_base_config "$work/precis.yml"
cat >>"$work/precis.yml" <<YML
fetcher:
  allow_private: [127.0.0.1]
  # every fixture is on one host: politeness is t24's subject, not this test's
  host_delay_ms: 0
  host_concurrency: 8
sources:
  - {name: Fixture, url: "http://127.0.0.1:$port/feed.xml"}
YML
precis-fetcher --config "$work/precis.yml" --once >"$work/first.log" 2>&1 || fail "fetcher failed"
grep -q "2 pages produced.* 1 disallowed by robots.txt" "$work/first.log" ||
	fail "first poll: $(grep 'poll done' "$work/first.log")"
grep -q "robots.txt disallows http://127.0.0.1:$port/private/secret-story.html" "$work/first.log" ||
	fail "no word of the disallowed page"
! grep -q "GET /private/secret-story.html" "$work/fixture.log" || fail "the disallowed page was requested"
grep -q "GET /private/press/press-story.html" "$work/fixture.log" || fail "the allowed press page was not fetched"
[ "$(topic_count "$ns.pages")" = 2 ] || fail "expected two pages on the topic"

# Again, with the feed's validators dropped so the poll walks the entries (not a 304):
# the disallowed page is judged again, from the cached robots.txt.
redis-cli -u "$TEST_REDIS_URL" HDEL "$ns:source:Fixture" etag last_modified >/dev/null
precis-fetcher --config "$work/precis.yml" --once >"$work/second.log" 2>&1 || fail "second poll failed"
grep -q "robots.txt disallows" "$work/second.log" || fail "second poll did not judge the page again"
[ "$(grep -c 'GET /robots.txt' "$work/fixture.log")" = 1 ] || fail "robots.txt was not cached"
! grep -q "GET /private/secret-story.html" "$work/fixture.log" || fail "the disallowed page was requested"
echo "robots: disallowed page never requested; robots.txt cached"

# A site whose robots.txt cannot be read (nothing answers on its port): its
# page is held back, and the log says it was for want of robots.txt, not by it.
dead=$(free_port)
cat >"$work/dead.xml" <<XML
<?xml version="1.0"?><rss version="2.0"><channel><title>Dead</title>
<item><title>Held back</title><link>http://127.0.0.1:$dead/news/held.html</link></item>
<item><title>Held back too</title><link>http://127.0.0.1:$dead/news/held-too.html</link></item>
</channel></rss>
XML
write_base_config "$work/dead.yml"
cat >>"$work/dead.yml" <<YML
fetcher:
  allow_private: [127.0.0.1]
  schemes: [http, https, file]
sources:
  - {name: Dead, url: "file://$work/dead.xml"}
YML
precis-fetcher --config "$work/dead.yml" --once >"$work/third.log" 2>&1 || fail "third poll failed"
grep -q "source Dead: the robots.txt of http://127.0.0.1:$dead could not be read, so http://127.0.0.1:$dead/news/held.html waits" \
	"$work/third.log" || fail "no word of the held-back page: $(grep -i robots "$work/third.log")"
! grep -q "robots.txt disallows http://127.0.0.1:$dead" "$work/third.log" ||
	fail "an unreadable robots.txt was reported as a rule"
# one warning for the site, not one for each of its pages
[ "$(grep -c "could not be read" "$work/third.log")" = 1 ] ||
	fail "the site's unreadable robots.txt was warned of more than once: $(grep robots "$work/third.log")"
grep -q "held-too.html waits for a readable robots.txt" "$work/third.log" ||
	fail "no word of the site's second page"
echo "robots: a page whose robots.txt cannot be read waits, and says why"
