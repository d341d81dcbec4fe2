#!/usr/bin/env bash
# Debian packages the local run and the tests need; installs only what is missing.
#   (no flag)           the Fashion-MNIST dataset
#   --with-browser      headless Chromium with its driver, for the gallery tests
#   --with-clients      kcat, s3cmd and curl: the README's client commands, which the tests run
#   --with-torch        Debian's python3-torch (CPU), the benchmarks' and the step-bench test's PyTorch reference
#   --with-containers   podman (runc runtime, aardvark-dns), Debian's docker-compose and debootstrap,
#                       for the image and compose scenario; podman's settings for this machine kind
#                       come from containers/podman/containers.conf (CONTAINERS_CONF), not /etc
set -euo pipefail

missing=()
[ -f /usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz ] || missing+=(dataset-fashion-mnist)
for flag in "$@"; do
  case "$flag" in
    --with-browser)
      command -v chromium >/dev/null 2>&1 || missing+=(chromium)
      command -v chromedriver >/dev/null 2>&1 || missing+=(chromium-driver) ;;
    --with-clients)
      command -v kcat >/dev/null 2>&1 || missing+=(kcat)
      command -v s3cmd >/dev/null 2>&1 || missing+=(s3cmd)
      command -v curl >/dev/null 2>&1 || missing+=(curl) ;;
    --with-torch)
      /usr/bin/python3 -c 'import torch' >/dev/null 2>&1 || missing+=(python3-torch) ;;
    --with-containers)
      command -v podman >/dev/null 2>&1 || missing+=(podman)
      command -v runc >/dev/null 2>&1 || [ -x /usr/sbin/runc ] || missing+=(runc)
      [ -x /usr/lib/podman/aardvark-dns ] || missing+=(aardvark-dns)
      command -v docker-compose >/dev/null 2>&1 || missing+=(docker-compose)
      command -v debootstrap >/dev/null 2>&1 || [ -x /usr/sbin/debootstrap ] || missing+=(debootstrap) ;;
    *) echo "unknown option $flag" >&2; exit 2 ;;
  esac
done
[ ${#missing[@]} -eq 0 ] && exit 0

sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
echo "installing ${missing[*]}" >&2
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
