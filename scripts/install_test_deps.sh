#!/usr/bin/env bash
# System packages the browser test needs: Debian's chromium and chromium-driver.
# Installs them where apt-get can (as root); elsewhere says what to install, and the browser
# test skips with the same message.
set -u
if command -v chromium >/dev/null && command -v chromedriver >/dev/null; then
  exit 0
fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "Installing chromium and chromium-driver (for the browser test)..."
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null \
    && exit 0
fi
echo "note: the browser test will be skipped; install Debian's chromium and chromium-driver to run it" >&2
exit 0
