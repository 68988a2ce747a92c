#!/bin/sh
# Installs the Debian packages kgbuild needs to build, run and test: the
# libraries (-dev), the test framework, and the real consumers the tests
# check the exports with.  Does nothing when everything is present.
set -eu
pkgs="gcc make pkg-config libc6-dev libyaml-dev libraptor2-dev libigraph-dev
libcmocka-dev libjansson-dev libserd-dev raptor2-utils serdi libxml2-utils perl python3 python3-rdflib
python3-networkx python3-igraph python3-yaml python3-jsonschema graphviz faketime clang libclang-rt-14-dev
valgrind time"
missing=""
for p in $pkgs; do
  dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q "install ok installed" ||
    missing="$missing $p"
done
# Node.js for the npm consumers: Debian's, unless one is on PATH already.
command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1 ||
  missing="$missing nodejs npm"
if [ -n "$missing" ]; then
  if [ "$(id -u)" != 0 ]; then
    echo "kgbuild: missing Debian packages:$missing" >&2
    echo "kgbuild: run as root, or: sudo apt-get install$missing" >&2
    exit 1
  fi
  echo "kgbuild: installing$missing" >&2
  apt-get update -qq
  # shellcheck disable=SC2086 # a list of packages
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing >/dev/null
fi
# The SPARQL stores the tests load the exports into (Virtuoso, Oxigraph),
# and the JavaScript readers (jsonld.js, graphology).
if [ "${1:-}" != build ]; then
  sh "$(dirname "$0")/stores/install.sh"
  sh "$(dirname "$0")/consumers/install.sh"
fi
