#!/usr/bin/env bash
# The data folder of precis run and up: one process at a time (two took
# over each other's Redis socket and append-only file), and when Redis
# cannot start there, the reason from its log rather than "redis-server
# exited with status 1".
. "$(dirname "$0")/lib.sh"

cfg=(--config "$TOP/examples/precis.yml")

# A second run on a folder in use is refused at once, naming who holds it.
start up precis up "${cfg[@]}" --fetcher.poll_interval_s=600 --data-dir "$work/data"
upid=$pid
wait_until 60 grep -q "poll done; next in" "$work/up.log" || fail "precis up did not start: $(tail -3 "$work/up.log")"
exits_with 1 "$work/second.out" "$work/second.log" precis run "${cfg[@]}" --data-dir "$work/data"
grep -q "^precis: data dir $work/data in use by PID $upid (another precis run or up)$" "$work/second.log" ||
	fail "second run: $(tail -3 "$work/second.log")"
! grep -q "embedded broker on" "$work/second.log" || fail "the second run started its services"
kill -0 "$upid" || fail "precis up died of the second run"
kill -TERM "$upid"
wait "$upid" || fail "precis up exited $? on SIGTERM"
# Free again once it stopped.
precis run "${cfg[@]}" --data-dir "$work/data" >"$work/third.out" 2>"$work/third.log" ||
	fail "the folder stayed locked: $(tail -3 "$work/third.log")"

# A path too long for Redis' Unix socket: said before anything starts, a usage error.
long="$work/$(printf 'd%.0s' $(seq 1 120))"
exits_with 2 /dev/null "$work/long.log" precis run "${cfg[@]}" --data-dir "$long"
grep -q "is too long a path: the Redis socket in it would be [0-9]* bytes, and a Unix socket takes at most 107" \
	"$work/long.log" || fail "long path: $(tail -1 "$work/long.log")"

# Redis refuses a damaged append-only file: its own words, not only its exit status.
echo "not a manifest" >"$work"/data/appendonlydir/*.manifest
exits_with 1 /dev/null "$work/aof.log" precis run "${cfg[@]}" --data-dir "$work/data"
grep -q "^precis: redis-server exited with status 1: Invalid AOF manifest file format ($work/data/redis.log)$" \
	"$work/aof.log" || fail "damaged AOF: $(tail -1 "$work/aof.log")"
echo "data dir: locked while in use, long paths and Redis' refusals explained"
