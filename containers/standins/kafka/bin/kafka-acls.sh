#!/usr/bin/env bash
# As the distribution's kafka-acls.sh: runs org.apache.kafka.tools.AclCommand.
exec "$(dirname "$0")/kafka-run-class.sh" org.apache.kafka.tools.AclCommand "$@"
