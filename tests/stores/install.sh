#!/bin/sh
# Installs the SPARQL stores tests/t/80-stores.t loads the exports into:
#   - OpenLink Virtuoso 7 (Debian package virtuoso-opensource-7-bin: just
#     /usr/bin/virtuoso-t and /usr/bin/isql-vt; no service, no init script,
#     no debconf question), and curl, with apt-get, when they are missing;
#   - Oxigraph (npm package 'oxigraph', pinned in package-lock.json), into
#     tests/stores/node_modules, when it is missing or not the locked version,
#     with the SHACL validator rdf-validate-shacl and the Turtle parser n3.
# Idempotent and quiet: does nothing when both are present.  Needs node and
# npm on PATH.  As a non-root user it prints the apt-get line to run instead.
set -eu
here=$(cd "$(dirname "$0")" && pwd)

# --- Virtuoso (Debian), and curl to query it over HTTP -------------------
# Only the -bin package: the full virtuoso-opensource package would enable a
# service on 0.0.0.0:1111/:8890 with the password dba/dba.
missing=""
for p in virtuoso-opensource-7-bin curl; do
  dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q "install ok installed" ||
    missing="$missing $p"
done
if [ -n "$missing" ]; then
  if [ "$(id -u)" != 0 ]; then
    echo "kgbuild: missing Debian packages:$missing" >&2
    echo "kgbuild: run as root, or: sudo apt-get install --no-install-recommends$missing" >&2
    exit 1
  fi
  echo "kgbuild: installing$missing" >&2
  apt-get update -qq
  # shellcheck disable=SC2086 # a list of packages
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing >/dev/null
fi
for b in virtuoso-t isql-vt curl; do
  command -v "$b" >/dev/null 2>&1 || { echo "kgbuild: $b not found after installing$missing" >&2; exit 1; }
done

# --- Oxigraph (npm) ------------------------------------------------------
for b in node npm; do
  command -v "$b" >/dev/null 2>&1 || { echo "kgbuild: $b is needed for the Oxigraph tests (Debian: apt-get install nodejs npm)" >&2; exit 1; }
done
# The installed version must be the locked one; otherwise (re)install
# exactly what package-lock.json says.
# rdf-validate-shacl and n3 (tests/t/81-shacl.t) are locked beside it.
installed_all=yes
for m in oxigraph rdf-validate-shacl n3; do
  locked=$(node -e 'const l=require(process.argv[1]);process.stdout.write(l.packages["node_modules/"+process.argv[2]].version)' \
    "$here/package-lock.json" "$m")
  installed=$(node -e 'try{process.stdout.write(require(process.argv[1]).version)}catch(e){}' \
    "$here/node_modules/$m/package.json")
  [ "$installed" = "$locked" ] || installed_all=no
done
if [ "$installed_all" != yes ]; then
  echo "kgbuild: installing oxigraph, rdf-validate-shacl and n3 into tests/stores/node_modules" >&2
  (cd "$here" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
fi
node --input-type=module -e "import('$here/node_modules/oxigraph/node.js').then(o => new o.Store())" ||
  { echo "kgbuild: oxigraph does not load in this node ($(node --version))" >&2; exit 1; }
