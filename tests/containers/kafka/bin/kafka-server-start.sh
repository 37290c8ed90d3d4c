#!/bin/bash
# kafka-server-start.sh server.properties: the broker, logging to stdout.
exec java ${KAFKA_HEAP_OPTS:--Xmx1G -Xms1G} -XX:+UseG1GC -Djava.awt.headless=true ${KAFKA_OPTS:-} \
	-Dlog4j.configuration=file:/opt/kafka/config/log4j.properties \
	-Dlog4j2.configurationFile=/opt/kafka/config/log4j2.properties \
	-cp '/opt/kafka/libs/*' kafka.Kafka "$@"
