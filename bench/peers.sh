# The peers the benchmarks compare precis with, installed once per set of
# pins in a cache outside the repository; sourced by lib.sh, and run as
# `bash bench/peers.sh venv|node_modules PIN...` by extract_real.py. The
# first install needs PyPI or the npm registry; nothing precis runs does.
bench_cache=${PRECIS_BENCH_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/precis-bench}
# pip's own version, installed first: an older pip's resolver trips on lxml's extras
bench_pip=pip==26.3
# jsdom 29 needs node 20.19 or later
bench_node_min=20.19

# A short name for a set of pins: the first 10 hex digits of their SHA-256.
peer_tag() {
	printf '%s' "$*" | sha256sum | cut -c1-10
}

# peer_venv PIN...: prints the python of a virtualenv holding the pins.
peer_venv() {
	local dir
	dir="$bench_cache/venv-$(peer_tag "$bench_pip" "$@")"
	if [ ! -e "$dir/.installed" ]; then
		echo "installing $* into $dir" >&2
		rm -rf "$dir"
		python3 -m venv "$dir" >&2 &&
			"$dir/bin/python" -m pip install -q --disable-pip-version-check "$bench_pip" >&2 &&
			"$dir/bin/python" -m pip install -q --disable-pip-version-check "$@" >&2 || return 1
		touch "$dir/.installed"
	fi
	echo "$dir/bin/python"
}

# peer_node_modules PIN...: prints a node_modules folder holding the npm
# pins, or says on stderr why there is none (no node, or too old) and fails.
peer_node_modules() {
	local dir v
	if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
		echo "node and npm are not installed" >&2
		return 1
	fi
	v=$(node --version)
	v=${v#v}
	if [ "$(printf '%s\n%s\n' "$bench_node_min" "$v" | sort -V | head -1)" != "$bench_node_min" ]; then
		echo "node $v is older than the $bench_node_min jsdom needs" >&2
		return 1
	fi
	dir="$bench_cache/node-$(peer_tag "$@")"
	if [ ! -e "$dir/.installed" ]; then
		echo "installing $* into $dir" >&2
		mkdir -p "$dir" && echo '{"private": true}' >"$dir/package.json" &&
			npm install --silent --no-audit --no-fund --prefix "$dir" "$@" >&2 || return 1
		touch "$dir/.installed"
	fi
	echo "$dir/node_modules"
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
	what=$1
	shift
	"peer_$what" "$@"
fi
