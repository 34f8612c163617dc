# mk/config.mk — build rules of src/config/ (scenarios, themes, user config).
#
# The built-in seed scenario is scenarios/seed-image-recognition.yaml itself,
# turned into a C byte array at build time and archived into libcd_config.a,
# so `capdash calc` works with nothing installed and the two can never drift.

CONFIG_SEED_YAML := scenarios/seed-image-recognition.yaml
CONFIG_SEED_C    := $(BUILD)/gen/config/seed_yaml.c
CONFIG_SEED_O    := $(BUILD)/obj/gen/config/seed_yaml.o

# od prints every byte as a decimal number; no string literal means no limit
# on length, no escaping and no trigraphs to worry about.
$(CONFIG_SEED_C): $(CONFIG_SEED_YAML) mk/config.mk
	@mkdir -p $(@D)
	{ echo '/* Generated from $(CONFIG_SEED_YAML) by mk/config.mk; do not edit. */'; \
	  echo 'extern const unsigned char scenario_seed_yaml_bytes[];'; \
	  echo 'const unsigned char scenario_seed_yaml_bytes[] = {'; \
	  od -An -v -t u1 $< | awk '{ for (i = 1; i <= NF; i++) printf "%s,", $$i; print "" }'; \
	  echo '0 };'; } > $@.tmp && mv $@.tmp $@

$(CONFIG_SEED_O): $(CONFIG_SEED_C)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) -c -o $@ $<

$(call lib_of,config): $(CONFIG_SEED_O)
