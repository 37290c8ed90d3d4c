#!/usr/bin/env bash
# /readyz follows Redis for the stages that need it: a fetcher is ready with
# its Redis, not ready (503, with the reason) while Redis is down, and ready
# again when Redis returns, without a restart.
. "$(dirname "$0")/lib.sh"
require_services

rp=$(free_port)
redis_up() {
	redis-server --port "$rp" --bind 127.0.0.1 --save "" --appendonly no >"$work/redis.log" 2>&1 &
	rpid=$!
	pids+=("$rpid")
	wait_until 10 sh -c "redis-cli -p $rp ping 2>/dev/null | grep -q PONG" || fail "private Redis did not start"
}
redis_up
cfg="$work/precis.yml"
write_base_config "$cfg"
hp=$(free_port)
start fetcher precis-fetcher --config "$cfg" --redis.url="redis://127.0.0.1:$rp" \
	--http.listen="127.0.0.1:$hp" --fetcher.poll_interval_s=600
ready_is() { scrape "$hp" /readyz >"$work/readyz"; [ "$(cat "$work/status")" = "$1" ]; }
wait_until 30 ready_is 200 || fail "not ready with Redis up: $(cat "$work/readyz")"
kill "$rpid"
wait "$rpid" 2>/dev/null || true
wait_until 15 ready_is 503 || fail "still ready with Redis down"
grep -q "Redis does not answer" "$work/readyz" || fail "/readyz does not say why: $(cat "$work/readyz")"
[ "$(scrape "$hp" /healthz)" = "ok" ] || fail "not alive while Redis is down"
redis_up
wait_until 15 ready_is 200 || fail "not ready again after Redis returned: $(cat "$work/readyz")"
echo "readyz: flips with Redis and back"
