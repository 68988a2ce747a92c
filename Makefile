# kgbuild - a knowledge-graph compiler.  `make` builds ./kgbuild.
# `make run` installs what is missing (Debian), builds and writes exports/.
# `make check` runs the whole test suite (unit, end-to-end, consumers, ASan).

PREFIX  ?= /usr/local
BINDIR  ?= $(PREFIX)/bin
DESTDIR ?=
PKG_CONFIG ?= pkg-config
PKGS     = yaml-0.1 raptor2 serd-0 igraph libxml-2.0 jansson

CC      ?= cc
CFLAGS  ?= -O2 -g
WARN     = -std=c11 -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wformat=2
CPPFLAGS += -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE
PKG_CFLAGS := $(shell $(PKG_CONFIG) --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell $(PKG_CONFIG) --libs $(PKGS) 2>/dev/null)

# Every src/*.c but the driver: a new module needs no line here.
SRCS = $(sort $(filter-out src/main.c,$(wildcard src/*.c)))
LIB_OBJS  = $(SRCS:src/%.c=build/%.o)
ASAN_OBJS = $(SRCS:src/%.c=build/asan/%.o)
SAN = -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer

TSAN_OBJS = $(SRCS:src/%.c=build/tsan/%.o)
UNIT_TESTS = $(patsubst tests/unit/%.c,build/%,$(wildcard tests/unit/test_*.c))

.PHONY: all run check unit e2e asan install uninstall clean deps

all: kgbuild

kgbuild: $(LIB_OBJS) build/main.o
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(PKG_LIBS) -lm -pthread

build/%.o: src/%.c src/*.h | build
	$(CC) $(WARN) $(CPPFLAGS) $(PKG_CFLAGS) $(CFLAGS) -c -o $@ $<

# The sanitizer build the test suite runs every end-to-end case with.
kgbuild-asan: $(ASAN_OBJS) build/asan/main.o
	$(CC) $(SAN) -g -O1 -o $@ $^ $(PKG_LIBS) -lm -pthread

# The ThreadSanitizer build, for the exports written on several threads.
kgbuild-tsan: $(TSAN_OBJS) build/tsan/main.o
	$(CC) -fsanitize=thread -g -O1 -o $@ $^ $(PKG_LIBS) -lm -pthread

build/tsan/%.o: src/%.c src/*.h | build
	$(CC) $(WARN) $(CPPFLAGS) $(PKG_CFLAGS) -fsanitize=thread -g -O1 -c -o $@ $<

build/asan/%.o: src/%.c src/*.h | build
	$(CC) $(WARN) $(CPPFLAGS) $(PKG_CFLAGS) $(SAN) -g -O1 -c -o $@ $<

build/test_%: tests/unit/test_%.c $(ASAN_OBJS) | build
	$(CC) $(WARN) $(CPPFLAGS) $(PKG_CFLAGS) -Isrc $(SAN) -g -O1 -o $@ $< \
	  $(ASAN_OBJS) $(PKG_LIBS) $$($(PKG_CONFIG) --cflags --libs cmocka) -lm -pthread

build:
	mkdir -p build/asan build/tsan

# Debian packages: build, test and consumer tools.  Idempotent and quiet.
deps:
	@sh tests/install-deps.sh

run:
	@sh tests/install-deps.sh build
	$(MAKE) kgbuild
	./kgbuild
	dot -Tsvg exports/kg.dot -o docs/kg.svg

check: deps
	$(MAKE) kgbuild kgbuild-asan kgbuild-tsan $(UNIT_TESTS)
	sh tests/run.sh

MANDIR  ?= $(PREFIX)/share/man
COMPDIR ?= $(PREFIX)/share/bash-completion/completions

install: kgbuild
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(COMPDIR)
	install -m 755 kgbuild $(DESTDIR)$(BINDIR)/kgbuild
	install -m 644 docs/kgbuild.1 $(DESTDIR)$(MANDIR)/man1/kgbuild.1
	install -m 644 docs/kgbuild.bash-completion $(DESTDIR)$(COMPDIR)/kgbuild

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/kgbuild $(DESTDIR)$(MANDIR)/man1/kgbuild.1 \
	  $(DESTDIR)$(COMPDIR)/kgbuild

clean:
	rm -rf build kgbuild kgbuild-asan kgbuild-tsan
