#!/usr/bin/env bash
# As the distribution's kafka-storage.sh: runs kafka.tools.StorageTool.
exec "$(dirname "$0")/kafka-run-class.sh" kafka.tools.StorageTool "$@"
