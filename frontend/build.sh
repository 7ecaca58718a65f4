#!/usr/bin/env bash
# Rebuild joinedup's CSS, JS and assets from the NHS.UK frontend (npm).
# The output under src/joinedup/web/static/joinedup/ is committed, so neither
# users nor CI need Node.js; run this after changing scss/ or package.json.
set -euo pipefail
cd "$(dirname "$0")"
out=../src/joinedup/web/static/joinedup
npm ci --no-audit --no-fund
rm -rf "$out"
mkdir -p "$out"
npx sass --no-source-map --style=compressed --quiet-deps \
  --pkg-importer=node scss/joinedup.scss "$out/joinedup.css"
# The source map is not shipped, so drop the comment that points at it.
sed 's|//# sourceMappingURL=.*$||' node_modules/nhsuk-frontend/dist/nhsuk/nhsuk-frontend.min.js \
  > "$out/nhsuk-frontend.min.js"
cp js/joinedup.js logo.svg "$out/"
cp -r node_modules/nhsuk-frontend/dist/nhsuk/assets "$out/assets"
# Nothing we serve may point at another host.
if grep -Eo 'https?://[^")]+' "$out/joinedup.css" "$out/nhsuk-frontend.min.js" | grep -v 'www.w3.org'; then
  echo "build.sh: the built files refer to another host (above)" >&2
  exit 1
fi
echo "built $out"
