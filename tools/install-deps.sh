#!/bin/sh
# Install the Debian 12 packages interdict needs, if any are missing.
# Runs as root on a fresh machine (make demo / make test / .ci/run); as a
# normal user it only reports what is missing.
set -e
PKGS="cmake make gcc clang pkg-config libicu-dev libsqlite3-dev libjansson-dev
libexpat1-dev libcurl4-openssl-dev libssl-dev libcsv-dev libmecab-dev mecab-ipadic-utf8 libigraph-dev libmicrohttpd-dev graphviz xz-utils python3
chromium chromium-driver"
missing=""
for p in $PKGS; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" \
    || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" != 0 ]; then
  echo "interdict: missing Debian packages:$missing (run as root or apt-get install them)" >&2
  exit 1
fi
echo "interdict: installing$missing" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/dev/null
apt-get install -y -qq $missing >/dev/null
