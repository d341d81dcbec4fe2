#!/usr/bin/env bash
# Builds, from Debian packages, a stand-in for the base image the service Dockerfile names
# (no registry can be reached on the machines this project is tested on) and tags it with that
# name, so `podman build` uses it instead of pulling. A Debian bookworm root file system with
# OpenJDK 17's headless JRE and bash, as eclipse-temurin's JRE image offers; java is on PATH.
# Usage: build-base-image.sh [image name]   (skips the build when the image exists)
set -euo pipefail
cd "$(dirname "$0")/../.."
image=${1:-$(sed -n 's/^ARG BASE_IMAGE=//p' containers/service.Dockerfile)}
podman image exists "$image" && exit 0

mirror=$(sed -n 's/^URIs: *//p' /etc/apt/sources.list.d/debian.sources 2>/dev/null | head -n 1)
rootfs=$(mktemp -d)
trap 'rm -rf "$rootfs"' EXIT
echo "building $image from Debian packages (${mirror:-http://deb.debian.org/debian})" >&2
debootstrap --variant=minbase --include=openjdk-17-jre-headless,ca-certificates bookworm "$rootfs" \
  "${mirror:-http://deb.debian.org/debian}" >/dev/null
tar -C "$rootfs" -c . | podman import --change 'CMD ["/bin/bash"]' - "$image" >/dev/null
