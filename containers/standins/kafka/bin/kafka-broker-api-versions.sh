#!/usr/bin/env bash
# As the distribution's kafka-broker-api-versions.sh: runs org.apache.kafka.tools.BrokerApiVersionsCommand.
exec "$(dirname "$0")/kafka-run-class.sh" org.apache.kafka.tools.BrokerApiVersionsCommand "$@"
