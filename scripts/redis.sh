#!/usr/bin/env bash
# Starts or stops a throw-away redis-server on 127.0.0.1 with its data in DIR.
#
#   scripts/redis.sh start DIR   prints redis://127.0.0.1:PORT once it answers PING; started
#                                again after a stop it takes the same port, and (no
#                                persistence) comes back empty
#   scripts/redis.sh stop DIR
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"

cmd=${1:-}
dir=${2:-}
[ -n "$cmd" ] && [ -n "$dir" ] || die "usage: redis.sh start|stop DIR"

case "$cmd" in
start)
	mkdir -p "$dir"
	if [ -f "$dir/url" ]; then
		port=$(sed 's|.*:||' "$dir/url")
	else
		port=$(free_port)
	fi
	redis-server --bind 127.0.0.1 --port "$port" --dir "$dir" --save "" --appendonly no \
		--daemonize no --logfile "$dir/redis.log" >/dev/null 2>&1 &
	echo $! >"$dir/pid"
	if ! wait_for 20 redis-cli -h 127.0.0.1 -p "$port" ping; then
		tail -20 "$dir/redis.log" >&2 || true
		stop_pidfile "$dir/pid"
		die "redis-server on port $port did not answer in 20 s"
	fi
	echo "redis://127.0.0.1:$port" >"$dir/url"
	echo "redis://127.0.0.1:$port"
	;;
stop)
	stop_pidfile "$dir/pid"
	;;
*)
	die "usage: redis.sh start|stop DIR"
	;;
esac
