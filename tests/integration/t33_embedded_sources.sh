#!/usr/bin/env bash
# precis run says which sources it could not read, and exits 1 when it
# could read none: every source failing used to end in "no new articles
# since the last run" and exit 0, and a rerun within the backoff left the
# failing sources out without a word.
. "$(dirname "$0")/lib.sh"

site="$TOP/examples/site/feeds"
closed=$(free_port)
cat >"$work/none.yml" <<YML
fetcher: {schemes: [http, https, file]}
sources:
  - {name: Refused, url: "http://127.0.0.1:$closed/feed.xml"}
  - {name: Missing, url: "$work/no-such-feed.xml"}
YML

exits_with 1 "$work/none1.out" "$work/none1.log" precis run --config "$work/none.yml" --data-dir "$work/none"
tail -1 "$work/none1.log" | grep -q "^precis: no source could be read" || fail "last line: $(tail -1 "$work/none1.log")"
grep -q "^Refused .*refused to connect to non-public address" "$work/none1.log" || fail "Refused not reported"
grep -q "^Missing .*no-such-feed.xml" "$work/none1.log" || fail "Missing not reported"
! grep -q "no new articles" "$work/none1.out" || fail "a run that read nothing said 'no new articles'"

# Again at once: both back off, and the run says so rather than nothing.
exits_with 1 "$work/none2.out" "$work/none2.log" precis run --config "$work/none.yml" --data-dir "$work/none"
grep -q "source Refused: not polled: it is failing (.*) and backs off for [0-9]* s more" "$work/none2.log" ||
	fail "the skipped source was not reported: $(grep Refused "$work/none2.log")"
grep -q "2 of 2 sources could not be read: 0 failed, 2 left out while they back off" "$work/none2.log" ||
	fail "no summary of the skipped sources"
tail -1 "$work/none2.log" | grep -q "^precis: no source could be read" || fail "rerun: $(tail -1 "$work/none2.log")"

# One good source of two: the digest, and a word about the other; exit 0.
cat >"$work/some.yml" <<YML
fetcher: {schemes: [http, https, file]}
sources:
  - {name: Wire Brief, url: "$site/wire-brief.xml", lang: en}
  - {name: Missing, url: "$work/no-such-feed.xml"}
YML
precis run --config "$work/some.yml" --data-dir "$work/some" >"$work/some.out" 2>"$work/some.log" ||
	fail "a run with one good source failed: $(tail -3 "$work/some.log")"
grep -q "^digest: .*precis-.*\.md ([1-9][0-9]* articles" "$work/some.out" || fail "no digest: $(cat "$work/some.out")"
grep -q "^precis: 1 of 2 sources could not be read" "$work/some.log" || fail "the failed source was not counted"
grep -q "^Missing " "$work/some.log" || fail "the failed source was not named"
! grep -q "^Wire Brief " "$work/some.log" || fail "a healthy source was reported as failing"
# Pages no stage can use are dead letters, which the embedded broker
# forgets at exit: the run counts them on its way out.
mkdir -p "$work/dl"
printf '<html><head><title>t</title></head><body><p>Hi.</p></body></html>' >"$work/dl/tiny.html"
cat >"$work/dl/feed.xml" <<XML
<?xml version="1.0"?><rss version="2.0"><channel><title>Tiny</title>
<item><title>Tiny</title><link>file://$work/dl/tiny.html</link></item></channel></rss>
XML
cat >"$work/dl.yml" <<YML
fetcher: {schemes: [http, https, file]}
sources:
  - {name: Wire Brief, url: "$site/wire-brief.xml", lang: en}
  - {name: Tiny, url: "$work/dl/feed.xml", lang: en}
YML
precis run --config "$work/dl.yml" --data-dir "$work/dlrun" >"$work/dl.out" 2>"$work/dl.log" ||
	fail "a run with a dead letter failed: $(tail -3 "$work/dl.log")"
grep -q "^digest: " "$work/dl.out" || fail "no digest: $(cat "$work/dl.out")"
grep -q "^precis: 1 page or article could not be used and was dead-lettered" "$work/dl.log" ||
	fail "the dead letter was not counted: $(grep -i dead "$work/dl.log")"
! grep -q "dead-lettered (the warnings" "$work/some.log" || fail "dead letters counted where there were none"
# Every page read was a dead letter: nothing to publish, and not because nothing was new.
cat >"$work/dlonly.yml" <<YML
fetcher: {schemes: [http, https, file]}
sources:
  - {name: Tiny, url: "$work/dl/feed.xml", lang: en}
YML
precis run --config "$work/dlonly.yml" --data-dir "$work/dlonly" >"$work/dlonly.out" 2>"$work/dlonly.log" ||
	fail "a run of dead letters only failed: $(tail -3 "$work/dlonly.log")"
! grep -q "no new articles since the last run" "$work/dlonly.out" ||
	fail "a run whose one article was dead-lettered said 'no new articles since the last run'"
grep -q "^nothing to publish: the 1 page or article read was dead-lettered" "$work/dlonly.out" ||
	fail "dead letters only: $(cat "$work/dlonly.out")"

# No sources at all (no --config, or a file without a sources: list) is a
# mistake, refused before anything starts: it used to end in "no new
# articles since the last run" and exit 0.
printf 'publisher: {title: Empty}\n' >"$work/empty.yml"
exits_with 2 "$work/empty.out" "$work/empty.log" precis run --config "$work/empty.yml" --data-dir "$work/empty"
grep -q "^precis: no sources to poll: $work/empty.yml has no sources: list" "$work/empty.log" ||
	fail "no sources: $(cat "$work/empty.log")"
! grep -q "no new articles" "$work/empty.out" || fail "a run without sources said 'no new articles'"
exits_with 2 "$work/noconf.out" "$work/noconf.log" precis up --data-dir "$work/noconf"
grep -q "give --config FILE" "$work/noconf.log" || fail "no config: $(cat "$work/noconf.log")"
echo "embedded run: unread sources reported; exit 1 when none was read; none configured refused"
