# kgbuild - a knowledge-graph compiler.  `make` builds ./kgbuild.
# `make run` installs what building and running need (Debian), builds and
# writes exports/ (and docs/kg.svg).
# `make check` installs the test tools too and runs the whole test suite
# (unit, end-to-end, consumers, ASan); `make unit`, `make e2e` and
# `make lint` run parts of it, `make asan` builds ./kgbuild-asan.
#
# Packagers: WERROR= turns warnings back into warnings in the release
# build (the sanitizer and unit-test builds keep -Werror: a new warning
# fails the suite); CFLAGS, CPPFLAGS and LDFLAGS are yours.
#
# Assertions (assert(), the invariants of the arena, the maps and the
# sorted statements) are live in every build the tests run (kgbuild-asan,
# kgbuild-tsan, build/test_*, the fuzz harnesses) and compiled out of the
# release ./kgbuild, which defines NDEBUG: some run on every map probe and
# the sorted-statements check walks the whole model, a cost a release
# need not pay; NDEBUG= keeps them in the release build too.
#
# The fault-injection hooks (KG_FAIL_ALLOC_AT, KG_FAIL_ALLOC_STICKY,
# KG_FAIL_WRITE_AT: src/alloc.c, src/publish.c) are compiled into those same
# test builds only, by TEST_DEFS (as SQLite's SQLITE_TEST): the release
# ./kgbuild ignores the variables (tests/t/71-hooks.t).

PREFIX  ?= /usr/local
BINDIR  ?= $(PREFIX)/bin
DESTDIR ?=
PKG_CONFIG ?= pkg-config
PKGS     = yaml-0.1 raptor2 serd-0 igraph libxml-2.0 jansson zlib libzstd libutf8proc nettle libcurl
# The Debian package that installs each pkg-config file above (and cmocka's,
# for the unit tests): named when one is missing.
DEB_yaml-0.1    = libyaml-dev
DEB_raptor2     = libraptor2-dev
DEB_serd-0      = libserd-dev
DEB_igraph      = libigraph-dev
DEB_libxml-2.0  = libxml2-dev
DEB_jansson     = libjansson-dev
DEB_libutf8proc = libutf8proc-dev
DEB_nettle      = nettle-dev
# libcurl: the GnuTLS flavour, which libraptor2-dev depends on (Debian's
# libcurl4-openssl-dev conflicts with it; the API is the same).
DEB_libcurl     = libcurl4-gnutls-dev
DEB_cmocka      = libcmocka-dev

CC      ?= cc
CFLAGS  ?= -O2 -g
WERROR  ?= -Werror
NDEBUG  ?= -DNDEBUG
WARN_ALL = -std=c11 -Wall -Wextra -Wshadow -Wstrict-prototypes -Wformat=2
WARN     = $(WARN_ALL) $(WERROR)
TEST_WARN = $(WARN_ALL) -Werror
TEST_DEFS = -DKG_TESTING
CPPFLAGS += -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE
# Each object's header dependencies, written by the compiler (build/*.d).
DEPFLAGS = -MMD -MP
PKG_CFLAGS := $(shell $(PKG_CONFIG) --cflags $(PKGS) 2>/dev/null)
# libcsv (Debian's libcsv-dev, kgbuild import's CSV reader) has no
# pkg-config file.
PKG_LIBS   := $(shell $(PKG_CONFIG) --libs $(PKGS) 2>/dev/null) -lcsv

# Every src/*.c but the driver: a new module needs no line here.
SRCS = $(sort $(filter-out src/main.c,$(wildcard src/*.c)))
LIB_OBJS  = $(SRCS:src/%.c=build/%.o)
ASAN_OBJS = $(SRCS:src/%.c=build/asan/%.o)
SAN = -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer

TSAN_OBJS = $(SRCS:src/%.c=build/tsan/%.o)
UNIT_TESTS = $(patsubst tests/unit/%.c,build/%,$(wildcard tests/unit/test_*.c))

.PHONY: all run check unit e2e lint asan install uninstall clean deps \
  pkgs-ok cmocka-ok

all: kgbuild

# A library whose pkg-config file is missing stops the build here, by name,
# rather than as "raptor2.h: No such file" in the middle of it.
pkgs-ok:
	@command -v $(PKG_CONFIG) >/dev/null 2>&1 || { \
	  echo "Makefile: $(PKG_CONFIG) is not installed (Debian: pkg-config)" >&2; \
	  exit 1; }
	@missing=""; $(foreach p,$(PKGS),$(PKG_CONFIG) --exists $(p) || \
	  missing="$$missing $(p) ($(DEB_$(p)))";) \
	if [ -n "$$missing" ]; then \
	  echo "Makefile: pkg-config cannot find:$$missing" >&2; \
	  echo "Makefile: install the Debian package(s) named in brackets, or run: make deps" >&2; \
	  exit 1; fi
	@printf '#include <csv.h>\n' | $(CC) -E -x c - >/dev/null 2>&1 || { \
	  echo "Makefile: csv.h is missing (Debian: libcsv-dev), or run: make deps" >&2; \
	  exit 1; }

cmocka-ok: pkgs-ok
	@$(PKG_CONFIG) --exists cmocka || { \
	  echo "Makefile: pkg-config cannot find cmocka ($(DEB_cmocka)), which the unit tests need" >&2; \
	  exit 1; }

kgbuild: $(LIB_OBJS) build/main.o
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(PKG_LIBS) -lm -pthread

build/%.o: src/%.c | build pkgs-ok
	$(CC) $(WARN) $(DEPFLAGS) $(CPPFLAGS) $(NDEBUG) $(PKG_CFLAGS) $(CFLAGS) -c -o $@ $<

# The sanitizer build the test suite runs every end-to-end case with.
asan: kgbuild-asan
kgbuild-asan: $(ASAN_OBJS) build/asan/main.o
	$(CC) $(SAN) -g -O1 -o $@ $^ $(PKG_LIBS) -lm -pthread

# The ThreadSanitizer build, for the exports written on several threads.
kgbuild-tsan: $(TSAN_OBJS) build/tsan/main.o
	$(CC) -fsanitize=thread -g -O1 -o $@ $^ $(PKG_LIBS) -lm -pthread

build/tsan/%.o: src/%.c | build pkgs-ok
	$(CC) $(TEST_WARN) $(DEPFLAGS) $(CPPFLAGS) $(TEST_DEFS) $(PKG_CFLAGS) -fsanitize=thread -g -O1 -c -o $@ $<

build/asan/%.o: src/%.c | build pkgs-ok
	$(CC) $(TEST_WARN) $(DEPFLAGS) $(CPPFLAGS) $(TEST_DEFS) $(PKG_CFLAGS) $(SAN) -g -O1 -c -o $@ $<

# A cmocka binary per tests/unit/test_*.c, linked with the sanitized objects
# and cmocka_filter.c (KG_TEST_FILTER runs one case: tests/README.md).  Its
# dependency file goes to build/asan/, so build/test_* are all binaries.
build/test_%: tests/unit/test_%.c tests/unit/cmocka_filter.c $(ASAN_OBJS) | build cmocka-ok
	$(CC) $(TEST_WARN) $(DEPFLAGS) -MF build/asan/test_$*.d $(CPPFLAGS) $(TEST_DEFS) $(PKG_CFLAGS) -Isrc $(SAN) -g -O1 -o $@ $< \
	  tests/unit/cmocka_filter.c -Wl,--wrap=_cmocka_run_group_tests \
	  $(ASAN_OBJS) $(PKG_LIBS) $$($(PKG_CONFIG) --cflags --libs cmocka) -lm -pthread

build:
	mkdir -p build/asan build/tsan

-include $(wildcard build/*.d build/asan/*.d build/tsan/*.d)

# Debian packages: build, run and test tools.  Idempotent and quiet.
deps:
	@sh tests/install-deps.sh

# The seed article's archived copy is not in the repository (the project did
# not write it): KG_SEED_DIR, else ../shared/seed beside the checkout,
# whichever exists first, is passed with --sources.  The project names no
# absolute path of any machine: set KG_SEED_DIR for a copy elsewhere.
SEED_DIR ?= $(firstword $(wildcard $(KG_SEED_DIR) ../shared/seed))

run:
	@sh tests/install-deps.sh run
	$(MAKE) kgbuild
	./kgbuild $(if $(SEED_DIR),--sources=$(SEED_DIR))
	./kgbuild --format=site $(if $(SEED_DIR),--sources=$(SEED_DIR))
	dot -Tsvg exports/kg.dot -o docs/kg.svg

check: deps
	$(MAKE) kgbuild kgbuild-asan kgbuild-tsan $(UNIT_TESTS)
	sh tests/run.sh

# The parts of `make check` (which installs the tools first; these do not).
unit: $(UNIT_TESTS)
	@for t in $(UNIT_TESTS); do echo "$$t"; ./$$t || exit 1; done

e2e: kgbuild kgbuild-asan kgbuild-tsan
	sh tests/run.sh $(filter-out tests/t/10-unit.t tests/t/95-lint.t,$(sort $(wildcard tests/t/*.t)))

lint: kgbuild kgbuild-asan
	sh tests/run.sh tests/t/95-lint.t

MANDIR  ?= $(PREFIX)/share/man
COMPDIR ?= $(PREFIX)/share/bash-completion/completions
# The ontology and the JSON Schema, for fact bases without an ontology of
# their own (src/factbase.c).  The binary is built with this path
# (KGBUILD_DATADIR overrides it at run time); after changing PREFIX or
# DATADIR, `make clean` first.
DATADIR ?= $(PREFIX)/share/kgbuild
build/factbase.o build/asan/factbase.o build/tsan/factbase.o: \
  CPPFLAGS += -DKG_DATADIR='"$(DATADIR)"'

install: kgbuild
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(COMPDIR) \
	  $(DESTDIR)$(DATADIR)/ontology
	install -m 755 kgbuild $(DESTDIR)$(BINDIR)/kgbuild
	install -m 644 docs/kgbuild.1 $(DESTDIR)$(MANDIR)/man1/kgbuild.1
	install -m 644 docs/kgbuild.bash-completion $(DESTDIR)$(COMPDIR)/kgbuild
	install -m 644 ontology/*.ttl $(DESTDIR)$(DATADIR)/ontology/
	install -m 644 docs/facts.schema.json $(DESTDIR)$(DATADIR)/facts.schema.json

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/kgbuild $(DESTDIR)$(MANDIR)/man1/kgbuild.1 \
	  $(DESTDIR)$(COMPDIR)/kgbuild $(DESTDIR)$(DATADIR)/facts.schema.json
	rm -rf $(DESTDIR)$(DATADIR)/ontology
	-rmdir $(DESTDIR)$(DATADIR)

clean:
	rm -rf build kgbuild kgbuild-asan kgbuild-tsan
