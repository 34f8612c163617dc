# mk/i18n.mk — translations (issue 9): po/<lang>.po compiled into
# $(BUILD)/locale/<lang>/LC_MESSAGES/capdash.mo beside the programs, where
# cd_i18n_init() finds it when run uninstalled; installed under
# $(PREFIX)/share/locale.  tests/check-po (run by `make check`) fails when a
# wrapped message (_ / N_ / NG_) has no translation.

PO_FILES := $(wildcard po/*.po)
PO_LANGS := $(basename $(notdir $(PO_FILES)))
MO_FILES := $(foreach l,$(PO_LANGS),$(BUILD)/locale/$(l)/LC_MESSAGES/capdash.mo)

# msgfmt --check verifies the header and that every c-format translation
# has the conversions of its msgid.
$(BUILD)/locale/%/LC_MESSAGES/capdash.mo: po/%.po
	@mkdir -p $(@D)
	msgfmt --check -o $@.tmp $< && mv $@.tmp $@

all: $(MO_FILES)

# po/capdash.pot: the messages of the sources, for translators (msgmerge it
# into po/<lang>.po).  Not needed by the build.
pot:
	tests/check-po --pot po/capdash.pot

check-po:
	@tests/check-po

check: check-po

install: install-locale
install-locale: all
	$(foreach l,$(PO_LANGS),install -d $(DESTDIR)$(PREFIX)/share/locale/$(l)/LC_MESSAGES && \
	    install -m 644 $(BUILD)/locale/$(l)/LC_MESSAGES/capdash.mo \
	    $(DESTDIR)$(PREFIX)/share/locale/$(l)/LC_MESSAGES/capdash.mo &&) true

uninstall: uninstall-locale
uninstall-locale:
	rm -f $(foreach l,$(PO_LANGS),$(DESTDIR)$(PREFIX)/share/locale/$(l)/LC_MESSAGES/capdash.mo)

.PHONY: pot check-po install-locale uninstall-locale
