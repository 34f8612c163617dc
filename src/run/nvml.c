/* nvml.c — NVIDIA GPU telemetry through libnvidia-ml, loaded with dlopen at
 * run time so capdash neither builds nor runs against NVIDIA's driver.
 *
 * Every symbol is optional: _v2 names are tried before the v1 ones, and a
 * field whose function is missing or fails is simply not reported (the
 * `has` bits).  No NVIDIA header is used: the few types are declared here
 * as the documented ABI (nvmlReturn_t is an int, 0 = success; handles are
 * opaque pointers).  $CAPDASH_NVML_LIB overrides the library (tests).
 * Start at nvml_open().
 */
#include "run_int.h"

#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef void *nvml_dev;
struct nvml_util {
	unsigned gpu, memory;
};
struct nvml_mem {
	unsigned long long total, free, used;
};

struct nvml {
	void *lib;
	int (*shutdown)(void);
	int (*handle)(unsigned, nvml_dev *);
	int (*name)(nvml_dev, char *, unsigned);
	int (*util)(nvml_dev, struct nvml_util *);
	int (*mem)(nvml_dev, struct nvml_mem *);
	int (*power)(nvml_dev, unsigned *);
	int (*energy)(nvml_dev, unsigned long long *);
	int (*temp)(nvml_dev, int, unsigned *);
	int count;
};

/* dlsym returns void *; C11 has no object↔function pointer conversion, so
 * copy the bits (what POSIX requires to work). */
static void *sym(void *lib, const char *v2, const char *v1)
{
	void *p = v2 ? dlsym(lib, v2) : NULL;

	if (!p && v1)
		p = dlsym(lib, v1);
	return p;
}

#define BIND(field, v2, v1)                                                                        \
	do {                                                                                       \
		void *p_ = sym(n->lib, v2, v1);                                                    \
		memcpy(&n->field, &p_, sizeof(n->field));                                          \
	} while (0)

struct nvml *nvml_open(char *why, size_t size)
{
	const char *path = getenv("CAPDASH_NVML_LIB");
	struct nvml *n = calloc(1, sizeof(*n));
	int (*init)(void) = NULL;
	int (*count)(unsigned *) = NULL;
	unsigned c = 0;
	void *p;

	if (!n) {
		snprintf(why, size, "out of memory");
		return NULL;
	}
	n->lib = dlopen(path && path[0] ? path : "libnvidia-ml.so.1", RTLD_NOW | RTLD_LOCAL);
	if (!n->lib) {
		snprintf(why, size, "no NVIDIA GPU");
		free(n);
		return NULL;
	}
	p = sym(n->lib, "nvmlInit_v2", "nvmlInit");
	memcpy(&init, &p, sizeof(init));
	p = sym(n->lib, "nvmlDeviceGetCount_v2", "nvmlDeviceGetCount");
	memcpy(&count, &p, sizeof(count));
	BIND(shutdown, "nvmlShutdown", NULL);
	BIND(handle, "nvmlDeviceGetHandleByIndex_v2", "nvmlDeviceGetHandleByIndex");
	BIND(name, "nvmlDeviceGetName", NULL);
	BIND(util, "nvmlDeviceGetUtilizationRates", NULL);
	BIND(mem, "nvmlDeviceGetMemoryInfo", NULL);
	BIND(power, "nvmlDeviceGetPowerUsage", NULL);
	BIND(energy, "nvmlDeviceGetTotalEnergyConsumption", NULL);
	BIND(temp, "nvmlDeviceGetTemperature", NULL);
	if (!init || !count || !n->handle) {
		snprintf(why, size, "no NVIDIA GPU (libnvidia-ml lacks nvmlInit/DeviceGetCount)");
		goto fail;
	}
	if (init() != 0) {
		snprintf(why, size, "no NVIDIA GPU (NVML did not initialise: driver not loaded?)");
		goto fail;
	}
	if (count(&c) != 0 || c == 0) {
		if (n->shutdown)
			n->shutdown();
		snprintf(why, size, "no NVIDIA GPU");
		goto fail;
	}
	n->count = (int)c;
	return n;
fail:
	dlclose(n->lib);
	free(n);
	return NULL;
}

int nvml_count(const struct nvml *n)
{
	return n ? n->count : 0;
}

int nvml_sample(struct nvml *n, struct run_gpu *out, int max)
{
	int k = 0;

	for (int i = 0; n && i < n->count && k < max; i++) {
		struct run_gpu *g = &out[k];
		nvml_dev d;
		struct nvml_util u;
		struct nvml_mem m;
		unsigned v;
		unsigned long long e;

		if (n->handle((unsigned)i, &d) != 0)
			continue;
		memset(g, 0, sizeof(*g));
		g->index = i;
		if (n->name && n->name(d, g->name, sizeof(g->name)) == 0) {
			g->name[sizeof(g->name) - 1] = '\0';
			g->has |= RUN_GPU_NAME;
		}
		if (n->util && n->util(d, &u) == 0) {
			g->util_pct = u.gpu;
			g->mem_util_pct = u.memory;
			g->has |= RUN_GPU_UTIL;
		}
		if (n->mem && n->mem(d, &m) == 0) {
			g->mem_used = m.used;
			g->mem_total = m.total;
			g->has |= RUN_GPU_MEM;
		}
		if (n->power && n->power(d, &v) == 0) {
			g->power_mw = v;
			g->has |= RUN_GPU_POWER;
		}
		if (n->energy && n->energy(d, &e) == 0) {
			g->energy_mj = e;
			g->has |= RUN_GPU_ENERGY;
		}
		if (n->temp && n->temp(d, 0 /* NVML_TEMPERATURE_GPU */, &v) == 0) {
			g->temp_c = v;
			g->has |= RUN_GPU_TEMP;
		}
		k++;
	}
	return k;
}

void nvml_close(struct nvml *n)
{
	if (!n)
		return;
	if (n->shutdown)
		n->shutdown();
	dlclose(n->lib);
	free(n);
}
