#!/bin/sh
# runtime-packages.sh BINARY...: prints, one a line, the Debian packages that
# hold the shared libraries the binaries load. deploy/Dockerfile installs
# these in the runtime image, so its list follows what the build linked and
# scripts/setup.sh stays the only list to maintain.
set -eu
for bin in "$@"; do
	ldd "$bin" | awk '$2 == "=>" && $3 ~ /^\// { print $3 }'
done | sort -u | while read -r lib; do
	# Debian 13 records most libraries under /usr/lib, older packages under /lib.
	dpkg -S "$lib" 2>/dev/null || dpkg -S "$(readlink -f "$lib")" 2>/dev/null || {
		echo "runtime-packages.sh: no package holds $lib" >&2
		exit 1
	}
done | sed 's/: .*//; s/, /\n/g' | sed 's/:.*//' | sort -u
