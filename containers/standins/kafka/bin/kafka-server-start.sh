#!/usr/bin/env bash
# Starts the broker (kafka.Kafka) on a server.properties file, logging to stdout.
# The distribution's script defaults the heap to -Xmx1G -Xms1G; this stand-in to 512 MB, enough
# for the system tests' traffic on a small CI machine. KAFKA_HEAP_OPTS overrides it as there.
# Usage: kafka-server-start.sh server.properties
set -euo pipefail
base_dir=$(cd "$(dirname "$0")/.." && pwd)
[[ $# -ge 1 ]] || { echo "usage: kafka-server-start.sh server.properties" >&2; exit 1; }
export KAFKA_HEAP_OPTS=${KAFKA_HEAP_OPTS:--Xmx512M -Xms512M}
export KAFKA_LOG4J_OPTS=${KAFKA_LOG4J_OPTS:--Dlog4j2.configurationFile=$base_dir/config/log4j2.yaml}
exec "$base_dir/bin/kafka-run-class.sh" kafka.Kafka "$@"
