#!/usr/bin/env bash
# Runs a class of /opt/kafka/libs with the JVM options the distribution's kafka-run-class.sh
# reads (KAFKA_HEAP_OPTS, KAFKA_JVM_PERFORMANCE_OPTS, KAFKA_LOG4J_OPTS, KAFKA_JMX_OPTS,
# KAFKA_OPTS) and its defaults: 256 MB heap, G1, the tools' stderr logging.
# Usage: kafka-run-class.sh CLASS [ARGS...]
set -euo pipefail
base_dir=$(cd "$(dirname "$0")/.." && pwd)
: "${KAFKA_HEAP_OPTS:=-Xmx256M}"
: "${KAFKA_JVM_PERFORMANCE_OPTS:=-server -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:InitiatingHeapOccupancyPercent=35 -XX:+ExplicitGCInvokesConcurrent -XX:MaxInlineLevel=15 -Djava.awt.headless=true}"
: "${KAFKA_LOG4J_OPTS:=-Dlog4j2.configurationFile=$base_dir/config/tools-log4j2.yaml}"
# Word splitting of the option strings is wanted: each holds several JVM flags.
# shellcheck disable=SC2086
exec java $KAFKA_HEAP_OPTS $KAFKA_JVM_PERFORMANCE_OPTS ${KAFKA_JMX_OPTS-} $KAFKA_LOG4J_OPTS ${KAFKA_OPTS-} \
  -cp "$base_dir/libs/*" "$@"
