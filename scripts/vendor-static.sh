#!/usr/bin/env bash
# Re-fetch the third-party static files rabta vendors (documentation of provenance; CI never
# runs this). Packages come from the npm registry with `npm pack`, pinned to exact versions;
# only the files the site serves are copied, with their licences.
set -euo pipefail
cd "$(dirname "$0")/.."

NASTALIQ_VERSION=5.3.0   # @fontsource/noto-nastaliq-urdu (SIL OFL 1.1)
HTMX_VERSION=2.0.11      # htmx.org (BSD 0-Clause)
AXE_VERSION=4.14.1       # axe-core (MPL 2.0); the browser tests inject it, no page loads it

VENDOR=src/rabta/static/vendor
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

(cd "$work" && npm pack --silent "@fontsource/noto-nastaliq-urdu@${NASTALIQ_VERSION}" "htmx.org@${HTMX_VERSION}" \
  "axe-core@${AXE_VERSION}" >/dev/null)
mkdir -p "$work/font" "$work/htmx" "$work/axe"
tar xzf "$work/fontsource-noto-nastaliq-urdu-${NASTALIQ_VERSION}.tgz" -C "$work/font"
tar xzf "$work/htmx.org-${HTMX_VERSION}.tgz" -C "$work/htmx"
tar xzf "$work/axe-core-${AXE_VERSION}.tgz" -C "$work/axe"

font_dir="$VENDOR/noto-nastaliq-urdu"
rm -rf "$font_dir" && mkdir -p "$font_dir"
# The Arabic-script subset (Urdu) and the Latin subset, regular and bold.
for subset in arabic latin; do
  for weight in 400 700; do
    cp "$work/font/package/files/noto-nastaliq-urdu-${subset}-${weight}-normal.woff2" "$font_dir/"
  done
done
cp "$work/font/package/LICENSE" "$font_dir/OFL.txt"
cat > "$font_dir/README.md" <<TXT
Noto Nastaliq Urdu ${NASTALIQ_VERSION}, from the npm package @fontsource/noto-nastaliq-urdu@${NASTALIQ_VERSION}
(https://www.npmjs.com/package/@fontsource/noto-nastaliq-urdu); Arabic-script and Latin subsets,
weights 400 and 700, woff2 only. Licence: SIL Open Font License 1.1 (OFL.txt).
Re-fetch with scripts/vendor-static.sh.
TXT

htmx_dir="$VENDOR/htmx"
rm -rf "$htmx_dir" && mkdir -p "$htmx_dir"
cp "$work/htmx/package/dist/htmx.min.js" "$htmx_dir/htmx.min.js"
cp "$work/htmx/package/LICENSE" "$htmx_dir/LICENSE"
cat > "$htmx_dir/README.md" <<TXT
htmx ${HTMX_VERSION}, dist/htmx.min.js from the npm package htmx.org@${HTMX_VERSION}
(https://www.npmjs.com/package/htmx.org). Licence: BSD Zero-Clause (LICENSE).
Re-fetch with scripts/vendor-static.sh.
TXT

axe_dir="$VENDOR/axe-core"
rm -rf "$axe_dir" && mkdir -p "$axe_dir"
cp "$work/axe/package/axe.min.js" "$work/axe/package/LICENSE" "$work/axe/package/LICENSE-3RD-PARTY.txt" "$axe_dir/"
cat > "$axe_dir/README.md" <<TXT
axe-core ${AXE_VERSION}, axe.min.js from the npm package axe-core@${AXE_VERSION}
(https://www.npmjs.com/package/axe-core). Licence: Mozilla Public License 2.0 (LICENSE;
bundled third-party notices in LICENSE-3RD-PARTY.txt).
Used only by the browser tests (tests/browser/test_accessibility.py injects it into the page);
no template loads it. Re-fetch with scripts/vendor-static.sh.
TXT

echo "Vendored Noto Nastaliq Urdu ${NASTALIQ_VERSION}, htmx ${HTMX_VERSION} and axe-core ${AXE_VERSION} into ${VENDOR}/"
