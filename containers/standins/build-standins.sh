#!/usr/bin/env bash
# Builds the stand-in images that docker-compose.standins.yml puts in place of docker-compose.yml's
# kafka and minio (README.md here): the local Debian JRE base, the jars (Maven, offline when
# ~/.m2 has them), then both images with podman, tagged as the override file names them.
# Quick when nothing changed: Maven copies the same jars and podman reuses its cached layers.
# Usage: containers/standins/build-standins.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
export CONTAINERS_CONF=${CONTAINERS_CONF:-$PWD/containers/podman/containers.conf}

standins=containers/standins
# the service images' base: one local image serves both
base_image=$(sed -n 's/^ARG BASE_IMAGE=//p' containers/service.Dockerfile)

image_in_override() {
  sed -n "/^  $1:/,/^  [a-z]/s/^ *image: *//p" "$standins/docker-compose.standins.yml" | head -n 1
}
kafka_image=$(image_in_override kafka)
minio_image=$(image_in_override minio)
kafka_version=$(sed -n 's|^ *image: *apache/kafka:||p' docker-compose.yml | head -n 1)
s3proxy_version=$(sed -n 's|.*<s3proxy.version>\(.*\)</s3proxy.version>.*|\1|p' pom.xml | head -n 1)
if [[ -z $kafka_version || $kafka_image != *":$kafka_version" ]]; then
  echo "docker-compose.yml runs apache/kafka:${kafka_version:-?} but $standins/docker-compose.standins.yml" \
    "tags its stand-in $kafka_image: make the tag name the same version." >&2
  exit 1
fi
if [[ -z $s3proxy_version || $minio_image != *":$s3proxy_version" ]]; then
  echo "pom.xml's s3proxy.version is ${s3proxy_version:-?} but $standins/docker-compose.standins.yml" \
    "tags the MinIO stand-in $minio_image: make the tag name the same version." >&2
  exit 1
fi

"$standins/build-base-image.sh" "$base_image"

# Stale jars of another version must not end up on a classpath.
rm -rf "$standins/kafka/target/libs" "$standins/minio/target/libs"
maven_args=(-B -q -f "$standins/pom.xml" package -Dkafka.version="$kafka_version" -Ds3proxy.version="$s3proxy_version")
mvn -o "${maven_args[@]}" >/dev/null 2>&1 || mvn "${maven_args[@]}"

# --format docker keeps metadata the OCI format drops (HEALTHCHECK, ...).
podman build --format docker --build-arg BASE_IMAGE="$base_image" -t "$kafka_image" "$standins/kafka"
podman build --format docker --build-arg BASE_IMAGE="$base_image" -t "$minio_image" "$standins/minio"
