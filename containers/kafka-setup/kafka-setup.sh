#!/usr/bin/env bash
# kafka-setup's command in docker-compose.yml, run at every `up` once kafka is healthy, before any
# service starts: as the super user, gives admin and every principal of platform-access.sh
# (generated from contracts' PlatformAccess) its SCRAM-SHA-512 credential, with its password from
# .env, and adds that principal's ACL bindings. Both are idempotent: a changed password in .env
# replaces the old one, a binding that exists stays as it is. The tools run four at a time, each a
# short-lived JVM (C1 only: it starts faster and has little to compile).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
bootstrap=kafka:9092
admin=$(mktemp)
failures=$(mktemp)
trap 'rm -f "$admin" "$failures"' EXIT
"$here/admin-client.sh" "$admin"
export KAFKA_JVM_PERFORMANCE_OPTS="-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Djava.awt.headless=true"

# Passwords go into JAAS settings and kafka-configs.sh's [password=...] unquoted.
plain_word='^[A-Za-z0-9._-]+$'
parallel=4

in_background() {
  while (( $(jobs -rp | wc -l) >= parallel )); do
    wait -n || true
  done
  "$@" &
}

scram_user() {
  local user=$1 password=$2
  if [[ ! $password =~ $plain_word || ${#password} -lt 24 ]]; then
    echo "kafka-setup: the password of Kafka user $user (.env) must have at least 24 characters" \
      "from A-Z a-z 0-9 . _ - (openssl rand -hex 24)" >&2
    exit 1
  fi
  in_background run "SCRAM-SHA-512 credential of $user" /opt/kafka/bin/kafka-configs.sh --bootstrap-server "$bootstrap" \
    --command-config "$admin" --alter --entity-type users --entity-name "$user" \
    --add-config "SCRAM-SHA-512=[password=$password]"
}

acl() {
  in_background run "allowed $*" /opt/kafka/bin/kafka-acls.sh --bootstrap-server "$bootstrap" --command-config "$admin" \
    --add "$@"
}

run() {
  local what=$1 output
  shift
  if output=$("$@" 2>&1); then
    echo "kafka-setup: $what"
  else
    echo "kafka-setup: FAILED: $what" >&2
    echo "$output" >&2
    echo "$what" >> "$failures"
  fi
}

scram_user admin "$AEGAN_KAFKA_ADMIN_PASSWORD"
# shellcheck source=platform-access.sh
. "$here/platform-access.sh"
wait
if [[ -s $failures ]]; then
  echo "kafka-setup: $(wc -l < "$failures") of the steps failed; see above" >&2
  exit 1
fi
echo "kafka-setup: done"
