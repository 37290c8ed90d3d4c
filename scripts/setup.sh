#!/usr/bin/env bash
# Installs everything precis needs to build and test on Debian 12, and
# fetches the pinned Apache Kafka broker used by the integration tests.
# Idempotent: quiet and quick when everything is already there.
#
#   scripts/setup.sh            everything the tests need, Kafka jars included
#   scripts/setup.sh --no-kafka what building and running precis needs, nothing more
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"

packages=(
	build-essential cmake ninja-build pkg-config
	librdkafka-dev libcurl4-openssl-dev libjansson-dev libhiredis-dev libxml2-dev
	libyaml-dev libssl-dev libcmocka-dev libmicrohttpd-dev libuchardet-dev libcld2-dev
	redis-server kcat python3 tzdata ca-certificates
)
kafka=1
[ "${1:-}" = "--no-kafka" ] && kafka=0
# What only the tests need: the JVM and Maven for the broker, a browser for the
# HTML edition, openssl for the test SMTP server's certificate, clang and its
# runtime for the libFuzzer targets, PyYAML for checking the deployment files.
[ "$kafka" = 1 ] && packages+=(default-jdk-headless maven chromium openssl clang-14 libclang-rt-14-dev
	python3-yaml)

missing=()
for p in "${packages[@]}"; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" ||
		missing+=("$p")
done
# The machine may already have a JDK and Maven that did not come from Debian.
if [ "$kafka" = 1 ] && command -v java >/dev/null && command -v mvn >/dev/null; then
	keep=()
	for p in "${missing[@]}"; do
		case "$p" in default-jdk-headless | maven) ;; *) keep+=("$p") ;; esac
	done
	missing=("${keep[@]+"${keep[@]}"}")
fi
if [ "${#missing[@]}" -gt 0 ]; then
	echo "setup: installing ${missing[*]}"
	sudo=""
	[ "$(id -u)" = 0 ] || sudo="sudo"
	export DEBIAN_FRONTEND=noninteractive
	$sudo apt-get update -qq
	$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if [ "$kafka" = 1 ]; then
	jars="$here/../.deps/kafka"
	version=$(sed -n 's:.*<kafka.version>\(.*\)</kafka.version>.*:\1:p' "$here/kafka/pom.xml")
	if [ ! -f "$jars/kafka_2.13-$version.jar" ]; then
		echo "setup: fetching Apache Kafka $version from Maven Central"
		rm -rf "$jars.tmp"
		mvn -q -B -f "$here/kafka/pom.xml" dependency:copy-dependencies \
			-DoutputDirectory="$jars.tmp" -DincludeScope=runtime ||
			die "could not fetch the Kafka broker jars with Maven"
		rm -rf "$jars"
		mv "$jars.tmp" "$jars"
	fi
fi
