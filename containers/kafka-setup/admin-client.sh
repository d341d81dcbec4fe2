#!/usr/bin/env bash
# Writes the client settings of the broker's super user, admin, to FILE (readable by its owner only):
# SASL PLAIN on the broker's internal listener, checked against the broker's own JAAS settings, so it
# works before any SCRAM credential exists. Used by kafka's healthcheck and by kafka-setup.sh.
# Usage: admin-client.sh FILE   (AEGAN_KAFKA_ADMIN_PASSWORD in the environment)
set -euo pipefail
: "${AEGAN_KAFKA_ADMIN_PASSWORD:?AEGAN_KAFKA_ADMIN_PASSWORD is not set}"
umask 077
cat > "$1" <<PROPERTIES
security.protocol=SASL_PLAINTEXT
sasl.mechanism=PLAIN
sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username="admin" password="$AEGAN_KAFKA_ADMIN_PASSWORD";
PROPERTIES
