# Shared by the benchmarks; sourced. Builds the optimised binaries, gives
# helpers to measure a command, and installs the peers (peers.sh).
set -euo pipefail
top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
. "$top/bench/peers.sh"
bin="$top/build/bin"
work=$(mktemp -d /tmp/precis-bench.XXXXXX)
pids=()
bench_cleanup() {
	for p in "${pids[@]+"${pids[@]}"}"; do kill "$p" 2>/dev/null || true; done
	wait 2>/dev/null || true
	[ -n "${services:-}" ] && { "$top/scripts/kafka.sh" stop "$work/kafka" || true; "$top/scripts/redis.sh" stop "$work/redis" || true; }
	rm -rf "$work"
}
trap bench_cleanup EXIT INT TERM

build_release() {
	cmake -S "$top" -B "$top/build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
	cmake --build "$top/build" >/dev/null
}

# measure OUT CMD...: runs CMD with stdout to OUT, then prints
# "wall_s cpu_s peak_rss_mb" for it (children included).
measure() {
	python3 "$top/bench/measure.py" "$@"
}

# Real Redis and Kafka for benchmarks that need them.
start_services() {
	"$top/scripts/setup.sh" >/dev/null
	services=1
	redis_url=$("$top/scripts/redis.sh" start "$work/redis")
	bootstrap=$("$top/scripts/kafka.sh" start "$work/kafka")
}
