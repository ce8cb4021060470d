#!/usr/bin/env bash
# Installs Debian's Chromium for the browser tests (tests/browser), unless /usr/bin/chromium is there.
# Playwright drives this system browser; `playwright install` (which downloads its own builds) is never used.
set -euo pipefail
if [ -x /usr/bin/chromium ]; then
  exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  SUDO="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq chromium
/usr/bin/chromium --version
