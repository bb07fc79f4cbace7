#!/usr/bin/env bash
# System libraries rabta needs besides Python packages:
#   - Pango (libpango-1.0-0, libpangoft2-1.0-0) for WeasyPrint's PDFs (agendas, table plans, badges);
#   - poppler-utils (pdftoppm) to look at rendered PDFs in tests and reviews;
#   - nginx, only for the test that checks deploy/nginx/rabta.conf with `nginx -t` (skipped
#     without it); it is not started here.
# Installs what is missing when we may (root with apt-get); otherwise says what to install.
set -u
missing=()
ldconfig -p 2>/dev/null | grep -q 'libpango-1.0.so.0' || missing+=(libpango-1.0-0)
ldconfig -p 2>/dev/null | grep -q 'libpangoft2-1.0.so.0' || missing+=(libpangoft2-1.0-0)
command -v pdftoppm >/dev/null 2>&1 || missing+=(poppler-utils)
[ -x /usr/sbin/nginx ] || command -v nginx >/dev/null 2>&1 || missing+=(nginx)
if [ ${#missing[@]} -eq 0 ]; then exit 0; fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing ${missing[*]}…"
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null) \
    || echo "Could not install ${missing[*]}: PDF agendas and printouts will fail."
else
  echo "Please install ${missing[*]} (e.g. apt-get install ${missing[*]}): PDFs need them."
fi
exit 0
