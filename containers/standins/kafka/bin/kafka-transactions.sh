#!/usr/bin/env bash
# As the distribution's kafka-transactions.sh: runs org.apache.kafka.tools.TransactionsCommand.
exec "$(dirname "$0")/kafka-run-class.sh" org.apache.kafka.tools.TransactionsCommand "$@"
