#!/usr/bin/env bash
# The container test (issue #16): the image and docker-compose.yml that users
# run, built and run for real with podman, where no registry can be reached.
#
#   1. installs podman, podman-compose, runc and debootstrap and sets podman
#      up for this machine (/etc/containers/containers.conf);
#   2. builds the base images with debootstrap (Debian 13 for precis and
#      Kafka, Debian 12 for Redis 7) and tags them as the official ones;
#   3. builds stand-ins for the images compose names (apache/kafka from the
#      release's jars on Maven Central, redis:7 from Debian's Redis 7) and
#      precis' image from deploy/Dockerfile;
#   4. builds everything (tests too) in the image's build stage with GCC 14
#      and runs the unit tests there, against librdkafka 2.8;
#   5. proves a one-line source change rebuilds only precis, not its packages;
#   6. runs docker-compose.yml as it is (Kafka 4.x): every service healthy by
#      its own health check, three summarizers in one group, one of them
#      stopped while it holds articles and then killed, the bundled examples
#      published whole as one edition on the digest topic (read with kcat),
#      /metrics of every service answering, the work shared by the others;
#   7. runs it again against Kafka 3.9 (tests/containers/compose.test.yml
#      swaps the broker image): the examples published whole.
#
# Stops and removes every container, network and volume it made, whatever
# happens; on failure prints the logs that explain it. Built images stay, as
# a cache for the next run (scripts/test-containers.sh --fresh removes them
# first). Prints how long each step took.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/.." && pwd)
. "$here/lib.sh"

if [ "$(id -u)" != 0 ]; then
	# podman runs rootful here, as on CI; the configuration is the system's.
	exec sudo -E "$0" "$@"
fi

fresh=0
[ "${1:-}" = "--fresh" ] && fresh=1
ct="$top/tests/containers"
mirror=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
project=precisct       # compose project of the Kafka 4.x run
project39=precisct39   # and of the Kafka 3.9 run
kcat_image=localhost/precis-test-kcat:latest
work=$(mktemp -d /tmp/precis-containers.XXXXXX)
t0=$SECONDS
# The whole test is bounded: every step gets at most what is left of it.
deadline=$((SECONDS + ${PRECIS_CONTAINERS_TIMEOUT:-2700}))

# --- reporting ------------------------------------------------------------

steps=()
step_start=0
step_name=""
begin() {
	step_name=$1
	step_start=$SECONDS
	[ "$SECONDS" -lt "$deadline" ] || die "out of time (PRECIS_CONTAINERS_TIMEOUT=${PRECIS_CONTAINERS_TIMEOUT:-2700}s)"
	echo "containers: $step_name"
}
end() {
	local took=$((SECONDS - step_start))
	steps+=("$(printf '%5ds  %s' "$took" "$step_name")")
	echo "containers: $step_name: ${took}s"
	step_name=""
}
passed=()
pass() {
	passed+=("$1")
	echo "containers: ok: $1"
}

# --- cleanup, and what to show when something failed ----------------------

remove_project() {
	local p=$1 ids
	ids=$(podman ps -aq --filter "label=io.podman.compose.project=$p" 2>/dev/null || true)
	[ -z "$ids" ] || podman rm -f -t 0 $ids >/dev/null 2>&1 || true
	ids=$(podman volume ls -q --filter "label=io.podman.compose.project=$p" 2>/dev/null || true)
	[ -z "$ids" ] || podman volume rm -f $ids >/dev/null 2>&1 || true
	ids=$(podman network ls -q --filter "label=io.podman.compose.project=$p" 2>/dev/null || true)
	[ -z "$ids" ] || podman network rm -f $ids >/dev/null 2>&1 || true
}

# The image of step 5 and the layers only it has.
remove_touched() {
	podman rmi -f localhost/precis:touched >/dev/null 2>&1 || true
	[ -f "$work/touched-layers" ] || return 0
	for id in $(cat "$work/touched-layers"); do
		podman rmi "$id" >/dev/null 2>&1 || true
	done
	rm -f "$work/touched-layers"
}

diagnose() {
	echo "--- containers: failed${step_name:+ in: $step_name}" >&2
	command -v podman >/dev/null || return 0
	for p in "$project" "$project39"; do
		podman ps -a --filter "label=io.podman.compose.project=$p" \
			--format '{{.Names}}  {{.Status}}' 2>/dev/null | sed 's/^/--- /' >&2 || true
		for c in $(podman ps -a --filter "label=io.podman.compose.project=$p" --format '{{.Names}}' 2>/dev/null); do
			echo "--- logs of $c (last 60 lines; the broker's without INFO)" >&2
			podman logs --tail 2000 "$c" 2>&1 | { case "$c" in *kafka*) grep -v '\] INFO ' ;; *) cat ;; esac; } |
				tail -60 | cut -c1-400 >&2 || true
		done
	done
	for f in "$work"/*.log; do
		[ -f "$f" ] || continue
		echo "--- $f (last 40 lines)" >&2
		tail -40 "$f" >&2
	done
	echo "--- podman info" >&2
	podman info 2>&1 | head -60 >&2 || true
}

cleanup() {
	local rc=$?
	trap - EXIT INT TERM
	[ "$rc" = 0 ] || diagnose
	if command -v podman >/dev/null; then
		remove_project "$project"
		remove_project "$project39"
		remove_touched
	fi
	rm -rf "$work"
	echo "containers: time per step"
	for s in "${steps[@]+"${steps[@]}"}"; do
		echo "  $s"
	done
	echo "  $(printf '%5ds' $((SECONDS - t0)))  in all"
	if [ "$rc" = 0 ]; then
		echo "containers: ${#passed[@]} passed, 0 failed"
	else
		echo "containers: ${#passed[@]} passed, 1 failed${step_name:+ ($step_name)}"
	fi
	exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# limit SECONDS: SECONDS, or what is left of the test's time if that is less
# (begin stops the test once nothing is left).
limit() {
	local left=$((deadline - SECONDS))
	[ "$left" -gt 1 ] || left=1
	echo $(($1 < left ? $1 : left))
}

# wait_until SECONDS WHAT CMD...: CMD until it succeeds; fails naming WHAT,
# or at once with the reason CMD gave to abort_wait. CMD's output goes to a
# log, so CMD must not exit (die) itself: cleanup's report would go there too.
wait_until() {
	local secs=$1 what=$2
	shift 2
	local start=$SECONDS end=$((SECONDS + $(limit "$secs")))
	rm -f "$work/abort"
	until "$@" >>"$work/wait.log" 2>&1; do
		[ ! -s "$work/abort" ] || die "$what: $(cat "$work/abort")"
		[ "$SECONDS" -lt "$end" ] || die "$what: not within $((end - start))s"
		sleep 2
	done
	echo "containers:   $what: $((SECONDS - start))s"
}
abort_wait() {
	echo "$*" >"$work/abort"
}

# --- 1. podman ------------------------------------------------------------

# toml_set FILE SECTION KEY VALUE: KEY = VALUE in [SECTION] of a TOML file,
# every other line kept; a multi-line array value is replaced whole.
toml_set() {
	local file=$1 section=$2 key=$3 value=$4 tmp
	[ -f "$file" ] || : >"$file"
	tmp=$(mktemp "$file.XXXXXX")
	awk -v sec="[$section]" -v key="$key" -v line="$key = $value" '
		function header(s) { gsub(/^[ \t]+|[ \t]+$/, "", s); return s }
		/^[ \t]*\[/ {
			if (insec && !done) { print line; done = 1 }
			insec = (header($0) == sec); seen = seen || insec
			print; next
		}
		skip { if ($0 ~ /\]/) skip = 0; next }
		insec && $0 ~ "^[ \t]*" key "[ \t]*=" {
			if (!done) print line
			done = 1
			rest = $0; sub(/^[^=]*=/, "", rest)
			if (rest ~ /\[/ && rest !~ /\]/) skip = 1
			next
		}
		{ print }
		END {
			if (insec && !done) { print line; done = 1 }
			if (!seen) { print ""; print sec; print line }
		}' "$file" >"$tmp"
	cat "$tmp" >"$file"
	rm -f "$tmp"
}

begin "podman: install and configure"
command -v mvn >/dev/null && python3 -c 'import yaml' 2>/dev/null ||
	die "Maven and PyYAML are needed for the Kafka images and reading the compose file: run scripts/setup.sh"
missing=()
for p in podman podman-compose runc debootstrap python3-yaml; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
	echo "containers: installing ${missing[*]}"
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq
	apt-get install -y -qq "${missing[@]}" >"$work/apt.log" 2>&1 ||
		die "could not install ${missing[*]} (see $work/apt.log)"
fi
# This sandbox refuses crun and the default ulimits; runc without them works.
mkdir -p /etc/containers
toml_set /etc/containers/containers.conf containers default_ulimits '[]'
toml_set /etc/containers/containers.conf engine runtime '"runc"'
podman info >"$work/podman-info.log" 2>&1 || die "podman does not work here: $(tail -3 "$work/podman-info.log")"
rm -f "$work/podman-info.log"
# What an earlier run that was killed may have left.
remove_project "$project"
remove_project "$project39"
if [ "$fresh" = 1 ]; then
	podman rmi -f localhost/precis:latest localhost/precis:build docker.io/library/debian:trixie-slim \
		docker.io/library/debian:bookworm-slim docker.io/library/redis:7 "$kcat_image" \
		$(podman images --format '{{.Repository}}:{{.Tag}}' | grep '^docker.io/apache/kafka:' || true) \
		>/dev/null 2>&1 || true
	podman image prune -f >/dev/null 2>&1 || true
fi
end

# What compose runs, read from the file users run.
read -r kafka_image redis_image precis_image dockerfile < <(python3 - "$top/docker-compose.yml" <<'PY'
import sys, yaml
s = yaml.safe_load(open(sys.argv[1]))["services"]
print(s["kafka"]["image"], s["redis"]["image"], s["fetcher"]["image"], s["fetcher"]["build"]["dockerfile"])
PY
)
kafka_version=${kafka_image##*:}
kafka39_version=$(sed -n 's:.*<kafka.version>\(.*\)</kafka.version>.*:\1:p' "$here/kafka/pom.xml")
case "$kafka_image:$redis_image" in
apache/kafka:4.*:redis:7) ;;
*) die "docker-compose.yml runs $kafka_image and $redis_image; this test builds apache/kafka:4.x and redis:7" ;;
esac

# --- 2. base images -------------------------------------------------------

# base_image SUITE: debian:SUITE-slim from debootstrap, slimmed as the
# official images are; the root file system is kept in .deps/images.
base_image() {
	local suite=$1 tag="docker.io/library/debian:$1-slim" root="$work/root-$1"
	local cache="$top/.deps/images/debian-$1-minbase.tar"
	if podman image exists "$tag"; then
		echo "containers: $tag is there"
		return 0
	fi
	if [ ! -f "$cache" ]; then
		timeout "$(limit 900)" debootstrap --variant=minbase "$suite" "$root" "$mirror" >"$work/debootstrap-$suite.log" 2>&1 ||
			die "debootstrap $suite failed (see $work/debootstrap-$suite.log)"
		# No documentation, manual pages or translations, now or later.
		cat >"$root/etc/dpkg/dpkg.cfg.d/slim" <<-EOF
			path-exclude /usr/share/doc/*
			path-include /usr/share/doc/*/copyright
			path-exclude /usr/share/man/*
			path-exclude /usr/share/groff/*
			path-exclude /usr/share/info/*
			path-exclude /usr/share/lintian/*
			path-exclude /usr/share/locale/*
		EOF
		# The folders stay: some packages' scripts expect /usr/share/man/man1.
		find "$root/usr/share/doc" -not -name copyright -not -type d -delete
		find "$root"/usr/share/{man,groff,info,lintian,locale} -not -type d -delete 2>/dev/null || true
		# The suite, its updates and its security fixes, as in the official image.
		rm -f "$root/etc/apt/sources.list"
		cat >"$root/etc/apt/sources.list.d/debian.sources" <<-EOF
			Types: deb
			URIs: $mirror
			Suites: $suite $suite-updates
			Components: main
			Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg

			Types: deb
			URIs: ${mirror%/debian}/debian-security
			Suites: $suite-security
			Components: main
			Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
		EOF
		echo 'Acquire::Languages "none";' >"$root/etc/apt/apt.conf.d/docker-no-languages"
		rm -rf "$root"/var/cache/apt/archives/*.deb "$root"/var/cache/apt/*.bin \
			"$root"/var/lib/apt/lists/* "$root"/var/log/*.log "$root"/tmp/*
		mkdir -p "$(dirname "$cache")"
		tar --numeric-owner -C "$root" -cf "$cache.tmp" .
		mv "$cache.tmp" "$cache"
		rm -rf "$root"
	fi
	podman import --change 'CMD ["bash"]' "$cache" "$tag" >"$work/import-$suite.log" 2>&1 ||
		die "podman import of $cache failed"
}

begin "base images: debian:trixie-slim, debian:bookworm-slim (debootstrap)"
base_image trixie
base_image bookworm
# If podman cannot run a container at all, say so here, plainly.
podman run --rm docker.io/library/debian:trixie-slim true >"$work/smoke.log" 2>&1 ||
	die "podman cannot run a container on this machine: $(tail -3 "$work/smoke.log")"
end

# --- 3. images ------------------------------------------------------------

# build TAG CONTEXT [ARGS...]: podman build; RUN steps reach Debian's mirrors
# through the host's network.
build() {
	local tag=$1 ctx=$2 log
	shift 2
	log="$work/build-$(echo "$tag" | tr '/:' '__').log"
	timeout "$(limit 1800)" podman build --network host -t "$tag" "$@" "$ctx" >"$log" 2>&1 ||
		die "building $tag failed (see $log)"
}

# kafka_image VERSION: apache/kafka:VERSION from the release's jars.
kafka_image() {
	local v=$1 jars="$top/.deps/kafka-image/$1" ctx="$work/kafka-$1" profile=kafka4
	case "$v" in 3.*) profile=kafka3 ;; esac
	if [ ! -d "$jars" ]; then
		rm -rf "$jars.tmp"
		timeout "$(limit 900)" mvn -q -B -f "$ct/kafka/pom.xml" -P"$profile" -Dkafka.version="$v" \
			dependency:copy-dependencies -DoutputDirectory="$jars.tmp" -DincludeScope=runtime \
			>"$work/mvn-$v.log" 2>&1 || die "could not fetch Kafka $v's jars (see $work/mvn-$v.log)"
		mv "$jars.tmp" "$jars"
	fi
	cp -a "$ct/kafka" "$ctx"
	cp -a "$jars" "$ctx/libs"
	build "docker.io/apache/kafka:$v" "$ctx" -f "$ctx/Containerfile"
	rm -rf "$ctx"
}

begin "images: apache/kafka:$kafka_version and :$kafka39_version, redis:7, kcat"
kafka_image "$kafka_version"
kafka_image "$kafka39_version"
build "docker.io/library/$redis_image" "$ct/redis"
build "$kcat_image" "$ct/kcat"
end

begin "image: $precis_image from $dockerfile"
build "localhost/$precis_image" "$top" -f "$top/$dockerfile"
end

# --- 4. the unit tests on Debian 13 ---------------------------------------

# The image's build stage holds the sources and the build packages: the whole
# tree (tests and benchmarks too) must build there with GCC 14 and -Werror,
# and the unit tests pass with librdkafka 2.8, under the sanitizers.
begin "unit tests on Debian 13 (GCC 14, librdkafka 2.8, ASan+UBSan)"
build localhost/precis:build "$top" -f "$top/$dockerfile" --target build
timeout "$(limit 1800)" podman run --rm localhost/precis:build bash -c '
	gcc --version | head -1 && echo "librdkafka $(pkg-config --modversion rdkafka)" &&
	cmake -S /src -B /tmp/t -G Ninja -DCMAKE_BUILD_TYPE=Debug -DPRECIS_SANITIZE=ON >/dev/null &&
	cmake --build /tmp/t &&
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
		ctest --test-dir /tmp/t -L unit -j2 --output-on-failure' >"$work/unit-trixie.log" 2>&1 ||
	die "the unit tests on Debian 13 failed (see $work/unit-trixie.log)"
pass "built with -Werror and unit-tested on Debian 13: $(head -1 "$work/unit-trixie.log"), $(sed -n 2p "$work/unit-trixie.log"); $(grep 'tests passed' "$work/unit-trixie.log")"
end

# --- 5. a one-line change rebuilds precis only ----------------------------

begin "image: rebuilt after a one-line source change"
ctx="$work/touched"
mkdir -p "$ctx"
git -C "$top" ls-files -z --cached --others --exclude-standard |
	tar -C "$top" --null --no-recursion --ignore-failed-read -T - -cf - 2>/dev/null | tar -C "$ctx" -xf -
src=$(cd "$ctx" && find common services -name '*.c' 2>/dev/null | sort | head -1)
[ -n "$src" ] || die "no C source to touch in $ctx"
sed -i '1i /* a one-line change: scripts/test-containers.sh */' "$ctx/$src"
build localhost/precis:touched "$ctx" -f "$ctx/$dockerfile"
log="$work/build-localhost_precis_touched.log"
# The layers this build made, not the cache's: removed with the image.
awk '/^--> Using cache / { cached[substr($4, 1, 11)] = 1; next }
	/^--> [0-9a-f]+$/ && !($2 in cached) { print $2 }' "$log" | tac >"$work/touched-layers"
# Each RUN that installs packages must have come from the cache.
# (podman prints "[STAGE/STAGES] STEP N/M: INSTRUCTION", then "--> Using cache ID".)
awk '/^(\[[0-9]+\/[0-9]+\] )?STEP [0-9]+\/[0-9]+: / { step = $0; next }
	/^--> Using cache/ { if (step ~ /: RUN .*(setup\.sh|apt-get)/) cached++; step = "" }
	END { print cached + 0 }' "$log" >"$work/cached"
installs=$(grep -cE '^(\[[0-9]+/[0-9]+\] )?STEP [0-9]+/[0-9]+: RUN .*(setup\.sh|apt-get)' "$log" || true)
[ "$installs" -ge 2 ] && [ "$(cat "$work/cached")" = "$installs" ] ||
	die "after touching $src, $(cat "$work/cached") of $installs package steps came from the cache (see $log)"
# The final image: every layer but the binaries' is the one built before.
old=$(podman image inspect -f '{{range .RootFS.Layers}}{{println .}}{{end}}' "localhost/$precis_image")
new=$(podman image inspect -f '{{range .RootFS.Layers}}{{println .}}{{end}}' localhost/precis:touched)
[ "$(echo "$old" | head -n -1)" = "$(echo "$new" | head -n -1)" ] ||
	die "after touching $src the image's package layers differ"
[ "$(echo "$old" | tail -1)" != "$(echo "$new" | tail -1)" ] ||
	die "after touching $src the binaries' layer is the same: the change was not built"
remove_touched
rm -rf "$ctx"
pass "a one-line change to $src: $installs package steps from the cache, only the binaries' layer new"
end

# --- 6. docker-compose.yml, Kafka 4.x -------------------------------------

# compose PROJECT ARGS...: podman-compose on docker-compose.yml (and the
# test's override for the 3.9 run), its chatter in a log.
compose() {
	local p=$1
	shift
	local files=(-f "$top/docker-compose.yml")
	[ "$p" = "$project39" ] && files+=(-f "$ct/compose.test.yml")
	(cd "$top" && timeout "$(limit 300)" podman-compose -p "$p" "${files[@]}" "$@") >>"$work/compose-$p.log" 2>&1 ||
		die "podman-compose $* failed (see $work/compose-$p.log)"
}

# healthy SECONDS CONTAINER...: each container's own health check passes.
healthy() {
	local secs=$1 c
	shift
	for c in "$@"; do
		wait_until "$secs" "$c healthy by its health check" podman healthcheck run "$c"
	done
}

# get CONTAINER PATH: an HTTP GET on the container's port 8080, from inside.
get() {
	podman exec "$1" bash -c 'exec 3<>/dev/tcp/127.0.0.1/8080 &&
		printf "GET %s HTTP/1.0\r\n\r\n" "$1" >&3 && cat <&3' get "$2"
}

# metric CONTAINER NAME: the sum of a metric's series on the container.
metric() {
	get "$1" /metrics | awk -v m="$2" '$1 == m || index($1, m "{") == 1 { s += $2 } END { print s + 0 }'
}

# edition PROJECT: the digest topic read with kcat on the project's network;
# the last edition must hold every bundled example article exactly once.
edition() {
	local p=$1
	timeout "$(limit 120)" podman run --rm --label "io.podman.compose.project=$p" --network "${p}_default" \
		"$kcat_image" -b kafka:9092 -C -t precis.digests -o beginning -e -q -f '%k\t%s\n' \
		>"$work/digests-$p.tsv" 2>"$work/kcat-$p.log" || die "kcat could not read precis.digests"
	python3 - "$work/digests-$p.tsv" "$top/examples/site" <<'PY'
import glob, json, os, sys
tsv, site = sys.argv[1:]
lines = [l for l in open(tsv, encoding="utf-8").read().split("\n") if l]
if not lines:
    sys.exit("no edition on precis.digests")
key, value = lines[-1].split("\t", 1)
d = json.loads(value)
want = {"file:///usr/share/precis/examples/site/" + os.path.relpath(p, site)
        for p in glob.glob(os.path.join(site, "*", "*.html"))}
got = [s["url"] for i in d["items"] for s in i["sources"]]
problems = []
if d["schema"] != "precis.digest/1" or key != d["edition"]:
    problems.append("key %r, edition %r, schema %r" % (key, d["edition"], d["schema"]))
if d["stats"]["articles"] != len(want):
    problems.append("%d articles, want %d" % (d["stats"]["articles"], len(want)))
if sorted(got) != sorted(want):
    problems.append("missing %s; unexpected or repeated %s" % (
        sorted(want - set(got)), sorted(u for u in got if u not in want or got.count(u) > 1)))
if problems:
    sys.exit("edition %s: %s" % (d["edition"], "; ".join(problems)))
print("edition %s: %d articles in %d stories, every example once" % (
    d["edition"], d["stats"]["articles"], d["stats"]["stories"]))
PY
}

# exited_ok CONTAINER: it has exited, with status 0 (a failure stops the wait).
exited_ok() {
	local s
	s=$(podman inspect -f '{{.State.Status}} {{.State.ExitCode}}' "$1") || return 1
	case "$s" in
	"exited 0") return 0 ;;
	exited*)
		abort_wait "$1 exited with status ${s#exited }"
		return 1
		;;
	*) return 1 ;;
	esac
}

c() { echo "${project}_$1"; }
begin "compose, Kafka $kafka_version: Kafka and Redis healthy"
compose "$project" up -d --no-build kafka redis
healthy 180 "$(c kafka_1)" "$(c redis_1)"
pass "apache/kafka:$kafka_version and $redis_image healthy"
end

begin "compose, Kafka $kafka_version: 3 summarizers and the publisher healthy, the summarizers in one group"
compose "$project" up -d --no-build summarizer publisher
summarizers=($(podman ps --filter "label=io.podman.compose.project=$project" \
	--filter label=com.docker.compose.service=summarizer --format '{{.Names}}' | sort))
[ "${#summarizers[@]}" = 3 ] || die "compose started ${#summarizers[@]} summarizers, not 3"
healthy 120 "${summarizers[@]}" "$(c publisher_1)"
members() {
	podman exec "$(c kafka_1)" /opt/kafka/bin/kafka-consumer-groups.sh --bootstrap-server localhost:9092 \
		--describe --group precis-summarizer --members --verbose >"$work/members.log" 2>&1 &&
		[ "$(grep -c '^precis-summarizer .* precis\.articles[(:]' "$work/members.log")" = 3 ]
}
wait_until 120 "three members in group precis-summarizer" members
pass "3 summarizer replicas healthy, all three members of group precis-summarizer"
end

begin "compose, Kafka $kafka_version: the examples through every stage, a summarizer stopped then killed"
# The fetcher goes first and puts every example page on precis.pages. Then
# the third summarizer hangs (SIGSTOP) while it owns partitions of
# precis.articles, and the extractor starts: every article is written while
# the stopped one still owns its partitions (the broker drops a member only
# after session.timeout.ms, 45 s, without a heartbeat), and it is killed for
# good. The others must take its partitions over and the edition stay whole.
want=$(ls "$top"/examples/site/*/*.html | wc -l)
compose "$project" up -d --no-build fetcher
fetched() {
	[ "$(get "$(c fetcher_1)" /metrics | awk '/^precis_fetches_total\{kind="page",outcome="ok"\}/ { print $2 }')" = "$want" ]
}
wait_until 180 "the fetcher fetching all $want example pages" fetched
# (created now, started below: right after the stop; podman-compose 1.0
# would hand -d to podman create)
compose "$project" up --no-build --no-start extractor first-digest
victim=${summarizers[2]}
victim_ip=$(podman inspect -f '{{range .NetworkSettings.Networks}}{{.IPAddress}}{{end}}' "$victim")
victim_parts=$(awk -v ip="/$victim_ip" '$3 == ip { for (i = 4; i <= NF; i++) if ($i ~ /^precis\.articles[(:]/) {
	p = $i; gsub(/[^0-9,]/, "", p); print p } }' "$work/members.log")
[ -n "$victim_parts" ] || die "no partitions of precis.articles assigned to $victim ($victim_ip): $(cat "$work/members.log")"
podman kill --signal STOP "$victim" >/dev/null
stopped_at=$SECONDS
podman start "$(c extractor_1)" "$(c first-digest_1)" >"$work/start.log" 2>&1 ||
	die "could not start the extractor and first-digest: $(cat "$work/start.log")"
extracted() {
	[ "$((SECONDS - stopped_at))" -lt 40 ] || {
		abort_wait "the articles were not all written within 40 s of stopping $victim: the broker may have dropped it first (too slow a machine?)"
		return 1
	}
	[ "$(get "$(c extractor_1)" /metrics |
		awk '/^precis_messages_out_total\{stage="extractor",topic="precis.articles"\}/ { print $2 }')" = "$want" ]
}
wait_until 60 "the extractor writing all $want articles while $victim is stopped" extracted
podman rm -f -t 0 "$victim" >/dev/null 2>&1
echo "containers:   $victim (partitions $victim_parts) killed $((SECONDS - stopped_at))s after it stopped"
wait_until 600 "first-digest publishing the edition" exited_ok "$(c first-digest_1)"
edition "$project" | tee "$work/edition.txt"
# What the killed one held: every article of its partitions (the topic was
# empty when it stopped), now read by the others.
podman exec "$(c kafka_1)" /opt/kafka/bin/kafka-consumer-groups.sh --bootstrap-server localhost:9092 \
	--describe --group precis-summarizer >"$work/offsets.log" 2>&1 || die "no offsets of precis-summarizer: $(cat "$work/offsets.log")"
held=$(awk -v parts=",$victim_parts," '$1 == "precis-summarizer" && $2 == "precis.articles" && index(parts, "," $3 ",") {
	n += $5; if ($5 > 0 && $4 != $5) lagging = 1 } END { print (lagging ? -1 : n + 0) }' "$work/offsets.log")
[ "$held" -gt 0 ] || die "the killed summarizer's partitions held no article, or some are left unread: $(cat "$work/offsets.log")"
pass "the examples on precis.digests, whole, though $victim was killed holding $held of them"
end

begin "compose, Kafka $kafka_version: /metrics, the shared work, health after the run"
services=("$(c fetcher_1)" "$(c extractor_1)" "${summarizers[0]}" "${summarizers[1]}" "$(c publisher_1)")
for s in "${services[@]}"; do
	get "$s" /metrics >"$work/metrics-$s.txt" || die "$s: /metrics did not answer"
	head -1 "$work/metrics-$s.txt" | grep -q ' 200 ' && grep -q '^precis_' "$work/metrics-$s.txt" ||
		die "$s: /metrics answered: $(head -c 300 "$work/metrics-$s.txt")"
done
total=0
for s in "${summarizers[0]}" "${summarizers[1]}"; do
	n=$(metric "$s" precis_messages_in_total)
	[ "$n" -gt 0 ] || die "$s summarized nothing: the work was not shared"
	total=$((total + n))
done
[ "$total" -ge "$want" ] || die "the summarizers read $total articles, fewer than the $want published"
healthy 60 "$(c kafka_1)" "$(c redis_1)" "${services[@]}"
for s in "$(c kafka_1)" "$(c redis_1)" "${services[@]}"; do
	[ "$(podman inspect -f '{{.RestartCount}}' "$s")" = 0 ] || die "$s restarted during the run"
done
pass "/metrics of ${#services[@]} services answering; the 2 surviving summarizers read $total articles, each some"
end
remove_project "$project"

# --- 7. docker-compose.yml, Kafka 3.9 -------------------------------------

c() { echo "${project39}_$1"; }
begin "compose, Kafka $kafka39_version: the examples through every stage"
export PRECIS_TEST_KAFKA_IMAGE="apache/kafka:$kafka39_version"
compose "$project39" up -d --no-build kafka redis
healthy 180 "$(c kafka_1)" "$(c redis_1)"
compose "$project39" up -d --no-build
wait_until 600 "first-digest publishing the edition" exited_ok "$(c first-digest_1)"
edition "$project39"
healthy 60 $(podman ps --filter "label=io.podman.compose.project=$project39" --format '{{.Names}}')
pass "against apache/kafka:$kafka39_version: every service healthy, the examples on precis.digests, whole"
end
remove_project "$project39"

echo "containers: image sizes"
for i in "localhost/$precis_image" "docker.io/apache/kafka:$kafka_version" "docker.io/apache/kafka:$kafka39_version" \
	"docker.io/library/$redis_image" docker.io/library/debian:trixie-slim docker.io/library/debian:bookworm-slim; do
	printf '  %6s MB  %s\n' "$(($(podman image inspect -f '{{.Size}}' "$i") / 1000000))" "$i"
done
