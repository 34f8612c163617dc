/* libfakenvml.c — a fake libnvidia-ml.so.1, so the NVML code path is tested
 * on machines without NVIDIA's driver.
 *
 * Built three ways (see mk/run.mk): full (with _v2 symbols), -DFAKE_V1_ONLY
 * (only the v1 names, as old drivers export) and -DFAKE_MINIMAL (init,
 * count, handle and name only: every telemetry field missing).
 * FAKENVML_COUNT=N sets the device count (default 2; 0 = no device).
 * Energy grows by 1000 mJ per query so a reader sees it move.
 */
#include <stdlib.h>
#include <string.h>

typedef void *nvmlDevice_t;
struct fake_util {
	unsigned gpu, memory;
};
struct fake_mem {
	unsigned long long total, free, used;
};

/* Exported symbols need prototypes under -Wmissing-prototypes. */
#define EXPORT __attribute__((visibility("default")))
#define DECL(ret, name, args)                                                                      \
	EXPORT ret name args;                                                                      \
	EXPORT ret name args

static int devs[8];

static unsigned count(void)
{
	const char *c = getenv("FAKENVML_COUNT");

	return c ? (unsigned)atoi(c) : 2;
}

#ifndef FAKE_V1_ONLY
DECL(int, nvmlInit_v2, (void))
{
	return 0;
}
DECL(int, nvmlDeviceGetCount_v2, (unsigned *n))
{
	*n = count();
	return 0;
}
DECL(int, nvmlDeviceGetHandleByIndex_v2, (unsigned i, nvmlDevice_t *d))
{
	if (i >= count() || i >= 8)
		return 2;
	*d = &devs[i];
	return 0;
}
#endif
DECL(int, nvmlInit, (void))
{
	return 0;
}
DECL(int, nvmlShutdown, (void))
{
	return 0;
}
DECL(int, nvmlDeviceGetCount, (unsigned *n))
{
	*n = count();
	return 0;
}
DECL(int, nvmlDeviceGetHandleByIndex, (unsigned i, nvmlDevice_t *d))
{
	if (i >= count() || i >= 8)
		return 2;
	*d = &devs[i];
	return 0;
}
DECL(int, nvmlDeviceGetName, (nvmlDevice_t d, char *name, unsigned len))
{
	(void)d;
	strncpy(name, "Fake GPU 80GB", len);
	return 0;
}
#ifndef FAKE_MINIMAL
DECL(int, nvmlDeviceGetUtilizationRates, (nvmlDevice_t d, struct fake_util *u))
{
	u->gpu = 50 + (unsigned)((int *)d - devs);
	u->memory = 30;
	return 0;
}
DECL(int, nvmlDeviceGetMemoryInfo, (nvmlDevice_t d, struct fake_mem *m))
{
	(void)d;
	m->total = 80ull << 30;
	m->used = 20ull << 30;
	m->free = m->total - m->used;
	return 0;
}
DECL(int, nvmlDeviceGetPowerUsage, (nvmlDevice_t d, unsigned *mw))
{
	(void)d;
	*mw = 250000;
	return 0;
}
static unsigned long long energy = 5000000;

DECL(int, nvmlDeviceGetTotalEnergyConsumption, (nvmlDevice_t d, unsigned long long *mj))
{
	(void)d;
	energy += 1000;
	*mj = energy;
	return 0;
}
DECL(int, nvmlDeviceGetTemperature, (nvmlDevice_t d, int sensor, unsigned *t))
{
	(void)d;
	*t = sensor == 0 ? 61 : 0;
	return sensor == 0 ? 0 : 2;
}
#endif
