#!/usr/bin/env bash
# Exit codes, as docs/operations.md lists them: 2 for every usage or
# configuration error, from the tool and the four services alike, before
# anything starts; 1 for what goes wrong at run time. A bad sink option,
# an emoji rule, a missing feed or prompt file once exited 1 from
# precis config check, and a bad sink option 1 from precis-publisher.
# No broker or Redis is needed: each refusal comes first.
. "$(dirname "$0")/lib.sh"

feed="$TOP/examples/site/feeds/wire-brief.xml"
base() {
	cat <<YML
fetcher: {schemes: [http, https, file]}
sources:
  - {name: Wire Brief, url: "$feed", lang: en}
YML
}

# refused STATUS NAME WHAT CMD...: CMD exits STATUS and its last line says WHAT.
refused() {
	local want=$1 name=$2 what=$3
	shift 3
	exits_with "$want" "$work/$name.out" "$work/$name.err" "$@"
	tail -1 "$work/$name.err" | grep -q -- "$what" ||
		fail "$name: the error does not say '$what': $(tail -1 "$work/$name.err")"
}

{ base; printf 'sinks:\n  - {type: file, colour: red}\n'; } >"$work/sink.yml"
{ base; printf 'summarizer:\n  emoji:\n    - {emoji: "x"}\n'; } >"$work/emoji.yml"
{ base; printf '  - {name: Gone, url: no-such-feed.xml}\n'; } >"$work/gone.yml"
{ base; printf 'llm: {prompt_file: no-such-prompt.yml, base_url: "http://127.0.0.1:1/v1", model: m}\n'
	printf 'summarizer: {backend: llm}\n'; } >"$work/prompt.yml"
printf 'fetcher: {timeout_ms: soon}\n' >"$work/value.yml"
base >"$work/ok.yml"

# precis config check: every kind of mistake is a configuration error.
refused 2 check-sink "sink file: unknown option 'colour'" precis config check --config "$work/sink.yml"
refused 2 check-emoji "summarizer.emoji entry needs 'words'" precis config check --config "$work/emoji.yml"
refused 2 check-gone "cannot read the feed file $work/no-such-feed.xml" \
	precis config check --config "$work/gone.yml"
refused 2 check-prompt "no-such-prompt.yml" precis config check --config "$work/prompt.yml"
refused 2 check-value "fetcher.timeout_ms: 'soon'" precis config check --config "$work/value.yml"
exits_with 0 "$work/check-ok.out" "$work/check-ok.err" precis config check --config "$work/ok.yml"

# The other commands that would use what is wrong refuse it as well.
refused 2 publish-sink "sink file: unknown option 'colour'" \
	precis digest publish --now --config "$work/sink.yml"
refused 2 run-sink "sink file: unknown option 'colour'" \
	precis run --config "$work/sink.yml" --data-dir "$work/run-sink"
[ ! -e "$work/run-sink" ] || fail "precis run set up its data folder before refusing its sinks"
refused 2 run-prompt "no-such-prompt.yml" precis run --config "$work/prompt.yml" --data-dir "$work/run-prompt"
refused 2 tool-usage "unknown command" precis no-such-command
refused 2 tool-flag "unknown key 'no.such'" precis config check --no.such=1

# The four services.
refused 2 publisher-sink "sink file: unknown option 'colour'" precis-publisher --config "$work/sink.yml"
refused 2 summarizer-prompt "no-such-prompt.yml" precis-summarizer --config "$work/prompt.yml"
refused 2 summarizer-emoji "summarizer.emoji entry needs 'words'" precis-summarizer --config "$work/emoji.yml"
for s in fetcher extractor summarizer publisher; do
	refused 2 "$s-value" "fetcher.timeout_ms: 'soon'" "precis-$s" --config "$work/value.yml"
	refused 2 "$s-argument" "unknown argument 'extra'" "precis-$s" extra
done

# At run time it is 1: a Redis that is not there, for a run of --once (a
# service waits for it instead, issue #13 item 5: t20_errors).
refused 1 fetcher-redis "cannot connect to Redis at 127.0.0.1:1" \
	precis-fetcher --once --config "$work/ok.yml" --redis.url=redis://127.0.0.1:1 \
	--pipeline.connect_timeout_ms=2000
echo "exit codes: 2 for usage and configuration in the tool and every service"
