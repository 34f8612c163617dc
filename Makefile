# capdash — one Makefile for the whole tree.
#
#   make            build build/capdash and build/capdash-train
#   make run        build and open the dashboard on the built-in scenario
#   make test       build and run the whole suite (unit, fuzz corpus, e2e,
#                   dependency rules, man lint, formatting, then again
#                   under ASan+UBSan)
#   make bench      speed and memory figures (ratios against references)
#   make deps       install missing system packages (apt-get on Debian/Ubuntu)
#   make install / uninstall (PREFIX, DESTDIR), make clean
#
# Sources are found by wildcard: a new file in src/<module>/ or a new
# tests/unit/test_*.c needs no edit here.  Every module becomes a static
# archive; the programs are their main.c plus the archives they need.
# BUILD=dir keeps several builds apart (check-asan uses build-asan).

PREFIX  ?= /usr/local
DESTDIR ?=
BUILD   ?= build
CC      ?= cc
PKG_CONFIG ?= pkg-config
SAN     ?=
OPT     ?= -O2

PKGS      := ncursesw yaml-0.1 zlib cairo fontconfig
TEST_PKGS := cmocka
BLAS_PKG  := openblas

WARN     := -Wall -Wextra -Wpedantic -Wshadow -Wstrict-prototypes -Wmissing-prototypes
CPPFLAGS += -Iinclude -D_GNU_SOURCE -DCAPDASH_VERSION='"$(VERSION)"' \
            -DCAPDASH_DATADIR='"$(PREFIX)/share/capdash"' \
            -DCAPDASH_LOCALEDIR='"$(PREFIX)/share/locale"'
CFLAGS   += -std=c11 $(OPT) -g $(WARN) -MMD -MP $(EXTRA_CFLAGS)
ifeq ($(SAN),1)
CFLAGS   += -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
LDFLAGS  += -fsanitize=address,undefined
endif

VERSION := 0.1.0
NPROC   := $(shell nproc 2>/dev/null || echo 2)

# pkg-config answers are only asked for when a target needs them, so
# `make deps` works before the libraries exist.
PKG_CFLAGS = $(shell $(PKG_CONFIG) --cflags $(PKGS) $(TEST_PKGS) $(BLAS_PKG) 2>/dev/null)
LIBS_APP   = $(shell $(PKG_CONFIG) --libs $(PKGS) 2>/dev/null) -ldl -lpthread -lm
LIBS_TRAIN = $(shell $(PKG_CONFIG) --libs $(BLAS_PKG) zlib 2>/dev/null) -lpthread -lm
LIBS_TEST  = $(shell $(PKG_CONFIG) --libs $(TEST_PKGS) 2>/dev/null) $(LIBS_APP) \
             $(shell $(PKG_CONFIG) --libs $(BLAS_PKG) 2>/dev/null)

MODULES := common model config proto run shot ui cli train
# Link order: users before what they use.
APP_LIBS   := cli ui shot run config model proto common
TRAIN_LIBS := train proto common
TEST_LIBS  := cli ui shot run config model train proto common

mod_srcs = $(filter-out src/$(1)/main.c,$(wildcard src/$(1)/*.c))
mod_objs = $(patsubst src/%.c,$(BUILD)/obj/%.o,$(call mod_srcs,$(1)))
lib_of   = $(BUILD)/lib/libcd_$(1).a
libs_of  = $(foreach m,$(1),$(call lib_of,$(m)))

ALL_SRCS   := $(foreach m,$(MODULES),$(wildcard src/$(m)/*.c))
UNIT_SRCS  := $(wildcard tests/unit/test_*.c)
UNIT_BINS  := $(patsubst tests/unit/%.c,$(BUILD)/tests/%,$(UNIT_SRCS))
HELPER_SRCS := $(wildcard tests/helpers/*.c)
HELPER_BINS := $(patsubst tests/helpers/%.c,$(BUILD)/tests/helpers/%,$(filter-out tests/helpers/lib%.c,$(HELPER_SRCS)))
FUZZ_SRCS  := $(filter-out tests/fuzz/driver.c,$(wildcard tests/fuzz/fuzz_*.c))
FUZZ_BINS  := $(patsubst tests/fuzz/%.c,$(BUILD)/tests/fuzz/%,$(FUZZ_SRCS))
BENCH_SRCS := $(wildcard bench/*.c)
BENCH_BINS := $(patsubst bench/%.c,$(BUILD)/bench/%,$(BENCH_SRCS))

CAPDASH := $(BUILD)/capdash
TRAINER := $(BUILD)/capdash-train

.PHONY: all run test check check-asan check-deps check-man bench deps \
        install uninstall clean format fuzz test-bins check-format
.DEFAULT_GOAL := all

all: $(CAPDASH) $(TRAINER)

# ---- objects and archives ----
$(BUILD)/obj/%.o: src/%.c
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(PKG_CFLAGS) $(CFLAGS) -c -o $@ $<

define MODULE_RULE
$(call lib_of,$(1)): $(call mod_objs,$(1))
	@mkdir -p $$(@D)
	@rm -f $$@
	$$(AR) rcs $$@ $$^ $$(if $$^,,$(BUILD)/obj/empty.o)
endef
$(foreach m,$(MODULES),$(eval $(call MODULE_RULE,$(m))))

# An archive may be empty while a module is young; ar wants one member.
$(BUILD)/obj/empty.o:
	@mkdir -p $(@D)
	echo 'typedef int capdash_empty_unit;' | $(CC) -x c -c -o $@ -

$(foreach m,$(MODULES),$(call lib_of,$(m))): | $(BUILD)/obj/empty.o

# ---- programs ----
$(CAPDASH): $(BUILD)/obj/cli/main.o $(call libs_of,$(APP_LIBS))
	$(CC) $(LDFLAGS) -o $@ $< -L$(BUILD)/lib $(addprefix -lcd_,$(APP_LIBS)) $(LIBS_APP)

$(TRAINER): $(BUILD)/obj/train/main.o $(call libs_of,$(TRAIN_LIBS))
	$(CC) $(LDFLAGS) -o $@ $< -L$(BUILD)/lib $(addprefix -lcd_,$(TRAIN_LIBS)) $(LIBS_TRAIN)

# ---- tests ----
$(BUILD)/tests/%: tests/unit/%.c $(call libs_of,$(TEST_LIBS))
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(PKG_CFLAGS) $(CFLAGS) -o $@ $< -L$(BUILD)/lib \
	    $(addprefix -lcd_,$(TEST_LIBS)) $(LIBS_TEST) $(LDFLAGS)

$(BUILD)/tests/helpers/%: tests/helpers/%.c
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(CFLAGS) -o $@ $< $(LDFLAGS)

# A fake libnvidia-ml.so.1 so the NVML code path is tested without a driver.
$(BUILD)/tests/fake-nvml/libnvidia-ml.so.1: tests/helpers/libfakenvml.c
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(CFLAGS) -fPIC -shared -o $@ $< $(LDFLAGS)

# Fuzz targets: built against a file-reading driver for the regression run in
# `make test`; `make fuzz` builds them with libFuzzer (clang).
$(BUILD)/tests/fuzz/%: tests/fuzz/%.c tests/fuzz/driver.c $(call libs_of,$(TEST_LIBS))
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(PKG_CFLAGS) $(CFLAGS) -o $@ $< tests/fuzz/driver.c \
	    -L$(BUILD)/lib $(addprefix -lcd_,$(TEST_LIBS)) $(LIBS_TEST) $(LDFLAGS)

# Benchmarks: plain programs linked like the tests (no cmocka needed).
$(BUILD)/bench/%: bench/%.c $(call libs_of,$(TEST_LIBS))
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(PKG_CFLAGS) $(CFLAGS) -o $@ $< -L$(BUILD)/lib \
	    $(addprefix -lcd_,$(TEST_LIBS)) $(LIBS_TEST) $(LDFLAGS)

fuzz:
	$(MAKE) BUILD=build-fuzz CC=clang SAN=1 EXTRA_CFLAGS=-fsanitize=fuzzer-no-link \
	    $(patsubst %,build-fuzz/lib/libcd_%.a,$(TEST_LIBS))
	@mkdir -p build-fuzz/fuzz
	for f in $(FUZZ_SRCS); do \
	    clang $(CPPFLAGS) $(PKG_CFLAGS) -std=c11 -g -O1 -fsanitize=fuzzer,address,undefined \
	        -o build-fuzz/fuzz/$$(basename $$f .c) $$f -Lbuild-fuzz/lib \
	        $(addprefix -lcd_,$(TEST_LIBS)) $(LIBS_TEST) || exit 1; \
	done
	@echo "fuzzers in build-fuzz/fuzz/ (run one: build-fuzz/fuzz/fuzz_scenario tests/fuzz/corpus/scenario)"

test-bins: all $(UNIT_BINS) $(HELPER_BINS) $(FUZZ_BINS) \
           $(if $(wildcard tests/helpers/libfakenvml.c),$(BUILD)/tests/fake-nvml/libnvidia-ml.so.1)

# ---- the commands a person types ----
run: deps-if-missing
	@$(MAKE) --no-print-directory -j$(NPROC) all
	./$(CAPDASH)

# check-asan starts its own parallel build, so it is not run under -j here.
test: deps-if-missing
	@$(MAKE) --no-print-directory -j$(NPROC) check
	@$(MAKE) --no-print-directory check-asan

check: test-bins check-deps check-man check-format
	@BUILD=$(BUILD) tests/run

check-asan:
	@$(MAKE) --no-print-directory -j$(NPROC) BUILD=build-asan SAN=1 OPT=-O1 test-bins
	@BUILD=build-asan CAPDASH_ASAN=1 tests/run

check-deps:
	@tests/check-deps

check-man:
	@tests/check-man

check-format:
	@tests/check-format

bench: deps-if-missing all $(BENCH_BINS)
	@BUILD=$(BUILD) bench/run

deps:
	@.ci/deps

deps-if-missing:
	@$(PKG_CONFIG) --exists $(PKGS) $(TEST_PKGS) $(BLAS_PKG) 2>/dev/null && \
	    command -v tmux >/dev/null && command -v msgfmt >/dev/null && \
	    locale -a 2>/dev/null | grep -qiE '^zh_CN\.utf-?8$$' && \
	    fc-list 2>/dev/null | grep -q 'DejaVu Sans Mono' && \
	    (PATH="$$PATH:/usr/sbin"; for c in sbatch slurmd slurmctld munged; do \
	    command -v $$c >/dev/null || exit 1; done) || .ci/deps

format:
	clang-format -i $$(git ls-files 'src/*.[ch]' 'include/*.h' 'tests/*.[ch]' 'bench/*.c')

# ---- install ----
install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/man/man1 \
	    $(DESTDIR)$(PREFIX)/share/man/man5 \
	    $(DESTDIR)$(PREFIX)/share/capdash/scenarios $(DESTDIR)$(PREFIX)/share/capdash/themes
	install -m 755 $(CAPDASH) $(TRAINER) $(DESTDIR)$(PREFIX)/bin/
	install -m 644 $(wildcard man/*.1) $(DESTDIR)$(PREFIX)/share/man/man1/
	install -m 644 $(wildcard man/*.5) $(DESTDIR)$(PREFIX)/share/man/man5/
	install -m 644 $(wildcard scenarios/*.yaml) $(DESTDIR)$(PREFIX)/share/capdash/scenarios/
	$(if $(wildcard themes/*.yaml),install -m 644 $(wildcard themes/*.yaml) $(DESTDIR)$(PREFIX)/share/capdash/themes/)

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/capdash $(DESTDIR)$(PREFIX)/bin/capdash-train
	rm -f $(addprefix $(DESTDIR)$(PREFIX)/share/man/man1/,$(notdir $(wildcard man/*.1)))
	rm -f $(addprefix $(DESTDIR)$(PREFIX)/share/man/man5/,$(notdir $(wildcard man/*.5)))
	rm -rf $(DESTDIR)$(PREFIX)/share/capdash

clean:
	rm -rf build build-asan build-fuzz

-include mk/*.mk
-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)
