#!/usr/bin/env bash
# The image's entry point, as the official minio/minio image's: a command that does not start
# with "minio" is an argument list for minio (so compose's `command: server /data ...` works).
set -euo pipefail
if [[ $# -gt 0 && $1 != minio ]]; then
  set -- minio "$@"
fi
exec "$@"
