#!/usr/bin/env bash
# As the distribution's kafka-console-producer.sh: runs org.apache.kafka.tools.ConsoleProducer.
exec "$(dirname "$0")/kafka-run-class.sh" org.apache.kafka.tools.ConsoleProducer "$@"
