#!/usr/bin/env bash
# Installs the schema validator's npm packages exactly as package-lock.json pins them, when they are
# missing or older than the lock file. Needs Node.js 20+ and npm (the java-maven machines have both).
set -euo pipefail
cd "$(dirname "$0")"
if ! command -v npm >/dev/null 2>&1; then
  echo "npm is missing: the schema validator (tools/k8s-manifests/schema-validator) needs Node.js 20+ with npm" >&2
  exit 1
fi
if [[ ! -f node_modules/.package-lock.json || package-lock.json -nt node_modules/.package-lock.json ]]; then
  npm ci --no-audit --no-fund --loglevel=error
fi
