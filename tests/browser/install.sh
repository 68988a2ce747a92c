#!/bin/sh
# Installs the browser test tools (puppeteer-core, which downloads no browser, and
# axe-core) into tests/browser/node_modules,
# exactly as package-lock.json pins them.  Idempotent: does nothing when
# node_modules already matches the lock file.  Needs node and npm
# (Debian: apt-get install nodejs npm).
set -eu
cd "$(dirname "$0")"
if ! command -v npm >/dev/null 2>&1; then
  echo "kgbuild: npm is missing; run: apt-get install nodejs npm" >&2
  exit 1
fi
# npm ci records the lock file it installed as node_modules/.package-lock.json.
if [ -f node_modules/.package-lock.json ] &&
  node -e '
    const fs = require("fs");
    const want = JSON.parse(fs.readFileSync("package-lock.json")).packages;
    const have = JSON.parse(fs.readFileSync("node_modules/.package-lock.json")).packages;
    for (const [k, v] of Object.entries(want))
      if (k && (!have[k] || have[k].version !== v.version || !fs.existsSync(k))) process.exit(1);
  ' 2>/dev/null; then
  exit 0
fi
echo "kgbuild: installing the browser test tools (npm ci in tests/browser)" >&2
npm ci --no-audit --no-fund --loglevel=error >&2
