#!/usr/bin/env bash
# Runs a libFuzzer target for SECONDS from the seed folders, with new
# inputs kept in a scratch corpus; a crash leaves its input in the build
# folder and fails the test.
# Usage: run.sh TARGET SECONDS SEED_DIR...
set -euo pipefail
target=$1 seconds=$2
shift 2
corpus=$(mktemp -d /tmp/precis-fuzz.XXXXXX)
trap 'rm -rf "$corpus"' EXIT
"$target" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=262144 \
	-print_final_stats=1 -artifact_prefix="$(dirname "$target")/" "$corpus" "$@" 2>&1 | tail -25
