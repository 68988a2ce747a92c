#!/bin/sh
# Installs the Debian packages kgbuild needs, in two sets:
#   sh tests/install-deps.sh run    to build and run it (`make run`): the
#                                   compiler, the libraries (-dev) and
#                                   graphviz for docs/kg.svg;
#   sh tests/install-deps.sh        that, and everything the tests use
#                                   (`make check`, `make deps`): cmocka, the
#                                   real consumers the exports are checked
#                                   with, faketime, clang, valgrind, the
#                                   linters, the SPARQL stores and npm readers,
#                                   Apache Jena (its OWL reasoner),
#                                   neovim (a real editor for `lsp`), and
#                                   Chromium, html5lib and tidy (the site).
# Does nothing when everything is present.  ("build" is an old name for run.)
set -eu
mode=${1:-check}
# libcurl (kgbuild push) in its GnuTLS flavour: libraptor2-dev depends on
# libcurl4-gnutls-dev, and libcurl4-openssl-dev conflicts with it.
run_pkgs="gcc make pkg-config libc6-dev libyaml-dev libraptor2-dev libigraph-dev
libjansson-dev libserd-dev libxml2-dev zlib1g-dev libzstd-dev libutf8proc-dev nettle-dev libcsv-dev
libcurl4-gnutls-dev graphviz"
test_pkgs="libcmocka-dev raptor2-utils serdi libxml2-utils perl python3 python3-rdflib
python3-networkx python3-igraph python3-yaml python3-jsonschema faketime clang
libapache-jena-java default-jre-headless libslf4j-java zip unzip
libclang-rt-14-dev valgrind time clang-format cppcheck strace zstd neovim
chromium python3-html5lib tidy"
case $mode in
  run | build) pkgs=$run_pkgs ;;
  check) pkgs="$run_pkgs $test_pkgs" ;;
  *)
    echo "usage: sh tests/install-deps.sh [run|check]" >&2
    exit 2
    ;;
esac
missing=""
for p in $pkgs; do
  dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q "install ok installed" ||
    missing="$missing $p"
done
# Node.js for the npm consumers: Debian's, unless one is on PATH already.
if [ "$mode" = check ]; then
  command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1 ||
    missing="$missing nodejs npm"
fi
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
# the JavaScript readers (jsonld.js, graphology), and the browser's
# driver and accessibility checker (puppeteer-core, axe-core).
if [ "$mode" = check ]; then
  sh "$(dirname "$0")/stores/install.sh"
  sh "$(dirname "$0")/consumers/install.sh"
  sh "$(dirname "$0")/browser/install.sh"
fi
