#!/usr/bin/env bash
# The browser tests drive Debian's Chromium (never a downloaded browser).
# Install it when missing and we may (root with apt-get); otherwise those tests skip themselves.
set -u
if [ -x /usr/bin/chromium ] && [ -d /usr/share/fonts/truetype/noto ]; then exit 0; fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Debian's chromium for the browser tests…"
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-core >/dev/null) \
    || echo "Could not install chromium: the browser tests will be skipped."
else
  echo "chromium is not installed and cannot be installed here: the browser tests will be skipped."
fi
exit 0
