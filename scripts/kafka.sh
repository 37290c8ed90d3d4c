#!/usr/bin/env bash
# Starts or stops a single-node Apache Kafka broker in KRaft mode on
# 127.0.0.1, with its data in DIR. The jars come from scripts/setup.sh.
#
#   scripts/kafka.sh start DIR   prints the bootstrap address once the broker
#                                answers metadata requests; started again after
#                                a stop it keeps its ports and its data
#   scripts/kafka.sh stop DIR    stops it; DIR is left for the caller
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"

jars=${KAFKA_JARS_DIR:-$here/../.deps/kafka}
cmd=${1:-}
dir=${2:-}
[ -n "$cmd" ] && [ -n "$dir" ] || die "usage: kafka.sh start|stop DIR"

case "$cmd" in
start)
	[ -d "$jars" ] || die "no Kafka jars in $jars: run scripts/setup.sh"
	mkdir -p "$dir/data"
	if [ -f "$dir/server.properties" ]; then # a restart: same ports, same data
		port=$(sed -n 's|^advertised.listeners=PLAINTEXT://127.0.0.1:||p' "$dir/server.properties")
		again=1
	else
		port=$(free_port)
		ctrl=$(free_port)
		again=0
	fi
	[ "$again" = 1 ] || cat >"$dir/server.properties" <<PROPS
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$ctrl
listeners=PLAINTEXT://127.0.0.1:$port,CONTROLLER://127.0.0.1:$ctrl
advertised.listeners=PLAINTEXT://127.0.0.1:$port
controller.listener.names=CONTROLLER
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
log.dirs=$dir/data
num.partitions=3
offsets.topic.replication.factor=1
offsets.topic.num.partitions=6
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
group.initial.rebalance.delay.ms=0
auto.create.topics.enable=true
message.max.bytes=16777216
replica.fetch.max.bytes=16777216
PROPS
	cat >"$dir/log4j.properties" <<PROPS
log4j.rootLogger=WARN, file
log4j.appender.file=org.apache.log4j.FileAppender
log4j.appender.file.File=$dir/broker.log
log4j.appender.file.layout=org.apache.log4j.PatternLayout
log4j.appender.file.layout.ConversionPattern=[%d] %p %m (%c)%n
log4j.logger.kafka.server.KafkaServer=INFO
log4j.logger.kafka.server.BrokerServer=INFO
PROPS
	cp="$jars/*"
	jopts=(-Xms256m -Xmx512m -XX:+UseG1GC -Djava.awt.headless=true
		"-Dlog4j.configuration=file:$dir/log4j.properties")
	[ "$again" = 1 ] || java "${jopts[@]}" -cp "$cp" kafka.tools.StorageTool format \
		-t "$(java -cp "$cp" kafka.tools.StorageTool random-uuid 2>/dev/null)" \
		-c "$dir/server.properties" >"$dir/format.log" 2>&1 ||
		die "formatting KRaft storage failed, see $dir/format.log"
	nohup java "${jopts[@]}" -cp "$cp" kafka.Kafka "$dir/server.properties" \
		>>"$dir/stdout.log" 2>&1 &
	echo $! >"$dir/pid"
	echo "127.0.0.1:$port" >"$dir/bootstrap"
	if ! wait_for 90 kcat -b "127.0.0.1:$port" -L -m 2; then
		tail -20 "$dir/stdout.log" "$dir/broker.log" >&2 || true
		stop_pidfile "$dir/pid"
		die "broker on 127.0.0.1:$port did not become ready in 90 s"
	fi
	echo "127.0.0.1:$port"
	;;
stop)
	stop_pidfile "$dir/pid"
	;;
*)
	die "usage: kafka.sh start|stop DIR"
	;;
esac
