#!/usr/bin/env bash
# Fetches the pinned rasa-webchat bundle from the npm registry, checks its integrity, and
# writes it to build/web/webchat.js without the web-font @import (no third-party request).
set -euo pipefail
cd "$(dirname "$0")/.."
VERSION=1.0.1
INTEGRITY="sha512-Ld1zVJvTAaTrs6A5p8t70agNNrKYRyXlvqXZRgBoDvKKUXbA0jhJKECi5bdPGlaR6jsmqWtVylHS+YqIqo0x8w=="
command -v npm >/dev/null || { echo "error: npm (Node.js) is needed to fetch the web widget" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent "rasa-webchat@$VERSION" >/dev/null)
tarball="$work/rasa-webchat-$VERSION.tgz"
actual="sha512-$(openssl dgst -sha512 -binary "$tarball" | base64 -w0)"
[ "$actual" = "$INTEGRITY" ] || { echo "error: rasa-webchat $VERSION integrity mismatch" >&2; exit 1; }
tar -xzf "$tarball" -C "$work" package/lib/index.js
mkdir -p build/web
sed -E 's#@import url\(https?://fonts\.googleapis\.com/[^)]*\);?##g' "$work/package/lib/index.js" >build/web/webchat.js
if grep -q "fonts.googleapis" build/web/webchat.js; then
  echo "error: the widget bundle still refers to a web-font host" >&2; exit 1
fi
echo "rasa-webchat $VERSION -> build/web/webchat.js"
