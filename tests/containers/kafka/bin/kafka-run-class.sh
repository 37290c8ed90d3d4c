#!/bin/bash
# kafka-run-class.sh CLASS ARGS...: the distribution's script in short, for
# the command-line tools; logs only warnings, to stderr. Both logging
# configurations are given: Kafka 3.x reads the first, 4.x the second.
exec java ${KAFKA_HEAP_OPTS:--Xmx256m} -XX:+UseSerialGC -XX:TieredStopAtLevel=1 ${KAFKA_OPTS:-} \
	-Dlog4j.configuration=file:/opt/kafka/config/tools-log4j.properties \
	-Dlog4j2.configurationFile=/opt/kafka/config/tools-log4j2.properties \
	-cp '/opt/kafka/libs/*' "$@"
