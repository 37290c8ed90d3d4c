#!/usr/bin/env bash
# The whole test suite, from a fresh Debian machine: installs what is
# missing, builds with AddressSanitizer and UndefinedBehaviorSanitizer,
# starts a real Redis and a real Apache Kafka broker (KRaft) on free
# loopback ports, runs every unit and integration test with ctest, stops
# what it started, whatever happens, and then runs the container test
# (scripts/test-containers.sh).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/.." && pwd)

"$here/setup.sh"

# The optimised build is what scripts/demo.sh and users run; some warnings
# (and so -Werror failures) only appear with optimisation on.
cmake -S "$top" -B "$top/build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$top/build"
# The tests run on the sanitizer build.
build="$top/build-asan"
cmake -S "$top" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Debug -DPRECIS_SANITIZE=ON >/dev/null
cmake --build "$build"
# The libFuzzer targets need clang. The unit tests are built there too: what
# C leaves to the compiler (the order function arguments are evaluated in,
# say) once made a test pass under gcc and fail under clang.
fuzz="$top/build-fuzz"
CC=clang-14 CXX=clang++-14 cmake -S "$top" -B "$fuzz" -G Ninja -DCMAKE_BUILD_TYPE=Debug -DPRECIS_FUZZ=ON >/dev/null
cmake --build "$fuzz"

work=$(mktemp -d /tmp/precis-test.XXXXXX)
cleanup() {
	"$here/kafka.sh" stop "$work/kafka" || true
	"$here/redis.sh" stop "$work/redis" || true
	rm -rf "$work"
}
trap cleanup EXIT INT TERM

echo "test: starting Redis and Kafka"
TEST_REDIS_URL=$("$here/redis.sh" start "$work/redis")
TEST_KAFKA_BOOTSTRAP=$("$here/kafka.sh" start "$work/kafka")
echo "test: Redis at $TEST_REDIS_URL, Kafka at $TEST_KAFKA_BOOTSTRAP"
export TEST_REDIS_URL TEST_KAFKA_BOOTSTRAP
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1

cd "$build"
if [ "$#" -eq 0 ]; then
	# Unit tests keep to their own folders, sockets and mock clusters, so
	# two run at once; integration tests share the broker and time things.
	ctest -L 'unit|lint' -j2 --output-on-failure --timeout 600
	ctest -L integration --output-on-failure --timeout 600
else
	ctest --output-on-failure --timeout 600 "$@"
fi
echo "test: the unit tests again, built by clang"
ctest --test-dir "$fuzz" -L unit -j2 --output-on-failure
echo "test: fuzzing briefly (longer: see tests/CMakeLists.txt)"
ctest --test-dir "$fuzz" -L fuzz --output-on-failure
# The image and docker-compose.yml, run with podman against Kafka 4.x and 3.9;
# left out when ctest was given arguments (a focused run). The broker and
# Redis above are stopped first: the containers need the machine.
if [ "$#" -eq 0 ]; then
	cleanup
	trap - EXIT INT TERM
	"$here/test-containers.sh"
else
	echo "test: containers not tested (ctest arguments given); run scripts/test-containers.sh"
fi
