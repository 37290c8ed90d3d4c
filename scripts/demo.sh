#!/usr/bin/env bash
# The main job on the bundled examples, from a fresh Debian machine:
# installs what is missing, builds, and runs `precis run` on
# examples/precis.yml with an embedded broker and Redis (no cluster, no
# network). Prints the path of the digest.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/.." && pwd)

"$here/setup.sh" --no-kafka
cmake -S "$top" -B "$top/build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
if ! cmake --build "$top/build" >"$top/build/build.log" 2>&1; then
	tail -30 "$top/build/build.log" >&2
	echo "demo: the build failed; the whole log is in build/build.log" >&2
	exit 1
fi
exec "$top/build/bin/precis" run --config "$top/examples/precis.yml" \
	--data-dir "${DEMO_DATA_DIR:-$top/.precis}" "$@"
