# Training runs (issue 4): variants of the fake NVML library for the tests —
# one exporting only v1 symbols, one with no telemetry functions at all.
FAKE_NVML_VARIANTS := $(BUILD)/tests/fake-nvml-v1/libnvidia-ml.so.1 \
                      $(BUILD)/tests/fake-nvml-min/libnvidia-ml.so.1

$(BUILD)/tests/fake-nvml-v1/libnvidia-ml.so.1: tests/helpers/libfakenvml.c
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(CFLAGS) -DFAKE_V1_ONLY -fPIC -shared -o $@ $< $(LDFLAGS)

$(BUILD)/tests/fake-nvml-min/libnvidia-ml.so.1: tests/helpers/libfakenvml.c
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(CFLAGS) -DFAKE_MINIMAL -fPIC -shared -o $@ $< $(LDFLAGS)

test-bins: $(FAKE_NVML_VARIANTS)

# bench/60-run.sh runs the fake trainer under the supervisor.
bench: $(BUILD)/tests/helpers/faketrain
