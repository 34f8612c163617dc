/* cli_spawn.h — shared by the test_cli*.c programs: run the built capdash
 * ($CAPDASH_BUILD/capdash) with posix_spawn and collect its exit status,
 * stdout and stderr; expected figures from the model in-process; a scratch
 * directory made by setup() and removed by teardown().  Included by one
 * test program at a time, so the statics here are that program's own.
 */
#ifndef CAPDASH_TEST_CLI_SPAWN_H
#define CAPDASH_TEST_CLI_SPAWN_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "capdash/budget.h"
#include "capdash/scenario.h"
#include "../../src/cli/cli.h"

extern char **environ;

static char bin[4096], src[4096], tmpdir[256];

struct proc {
	int status; /* exit status, or 128 + signal */
	char *out, *err;
};

static inline char *slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long n;

	assert_non_null(f);
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	buf = malloc((size_t)n + 1);
	assert_non_null(buf);
	assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
	buf[n] = '\0';
	fclose(f);
	return buf;
}

/* Run capdash with args (NULL-terminated), stdin from in_path (NULL:
 * /dev/null) and stdout to out_path (NULL: a scratch file that is read back). */
static inline struct proc run_to(const char *in_path, const char *out_path, const char *const *args)
{
	char outp[300], errp[300];
	char *argv[64];
	posix_spawn_file_actions_t fa;
	struct proc p = {0};
	pid_t pid;
	int n = 0, ws;

	snprintf(outp, sizeof outp, "%s/stdout", tmpdir);
	snprintf(errp, sizeof errp, "%s/stderr", tmpdir);
	argv[n++] = bin;
	while (*args && n < 63)
		argv[n++] = (char *)*args++;
	argv[n] = NULL;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 0, in_path ? in_path : "/dev/null", O_RDONLY, 0);
	posix_spawn_file_actions_addopen(&fa, 1, out_path ? out_path : outp,
	                                 O_WRONLY | O_CREAT | O_TRUNC, 0644);
	posix_spawn_file_actions_addopen(&fa, 2, errp, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	assert_int_equal(posix_spawn(&pid, bin, &fa, NULL, argv, environ), 0);
	posix_spawn_file_actions_destroy(&fa);
	assert_int_equal(waitpid(pid, &ws, 0), pid);
	p.status = WIFEXITED(ws) ? WEXITSTATUS(ws) : 128 + WTERMSIG(ws);
	p.out = out_path ? strdup("") : slurp(outp);
	p.err = slurp(errp);
	return p;
}

#define RUN(...) run_to(NULL, NULL, (const char *const[]){__VA_ARGS__, NULL})
#define RUN_IN(in, ...) run_to(in, NULL, (const char *const[]){__VA_ARGS__, NULL})

static inline void proc_done(struct proc *p)
{
	free(p->out);
	free(p->err);
}

/* Print what the program said when an expectation fails, then fail. */
#define EXPECT(p, cond)                                                                            \
	do {                                                                                       \
		if (!(cond)) {                                                                     \
			print_error("exit %d\n--- stdout\n%s--- stderr\n%s---\n", (p).status,      \
			            (p).out, (p).err);                                             \
			fail_msg("expected: %s", #cond);                                           \
		}                                                                                  \
	} while (0)

static inline void write_file(const char *name, const char *text, char *path, size_t size)
{
	FILE *f;

	snprintf(path, size, "%s/%s", tmpdir, name);
	f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

/* The value text of the first `"key": value` in a JSON document. */
static inline void json_value(const char *json, const char *key, char *buf, size_t size)
{
	char pat[64];
	const char *p;
	size_t n = 0;

	snprintf(pat, sizeof pat, "\"%s\": ", key);
	p = strstr(json, pat);
	if (!p) {
		print_error("no %s in:\n%s\n", pat, json);
		fail();
	}
	p += strlen(pat);
	while (p[n] && p[n] != ',' && p[n] != '\n' && n + 1 < size)
		n++;
	memcpy(buf, p, n);
	buf[n] = '\0';
}

static inline void seed_input(struct budget_input *in)
{
	struct scenario sc;

	scenario_builtin_seed(&sc);
	*in = sc.in;
	scenario_done(&sc);
}

static inline struct budget_result eval(const struct budget_input *in)
{
	struct budget_result r;
	struct cd_err e;

	assert_int_equal(budget_eval(in, &r, &e), 0);
	return r;
}

static inline void assert_money_json(const char *json, const char *key, int64_t cents)
{
	char got[64], want[48];

	json_value(json, key, got, sizeof got);
	money_decimal(cents, want, sizeof want);
	assert_string_equal(got, want);
}

static inline int64_t json_int(const char *json, const char *key, enum budget_unit unit)
{
	char v[64];
	int64_t x;

	json_value(json, key, v, sizeof v);
	assert_int_equal(budget_value_parse(v, unit, &x, NULL), 0);
	return x;
}

static const char bad_yaml[] = "name: broken\n"
                               "compute:\n"
                               "  gpu: 5\n"
                               "  gpu_unit_cost: abc\n"
                               "data:\n"
                               "  samples: 10\n"
                               "  label_cost: 1\n"
                               "people:\n"
                               "  months: 12\n"
                               "  roles: []\n"
                               "capital:\n"
                               "  alpha: 0\n";

static int setup(void **state)
{
	const char *b = getenv("CAPDASH_BUILD"), *s = getenv("CAPDASH_SRC");

	(void)state;
	snprintf(bin, sizeof bin, "%s/capdash", b ? b : "build");
	snprintf(src, sizeof src, "%s", s ? s : ".");
	if (access(bin, X_OK) != 0) {
		fprintf(stderr, "test_cli: %s is not built (set CAPDASH_BUILD)\n", bin);
		return -1;
	}
	snprintf(tmpdir, sizeof tmpdir, "%s/capdash-test-cli-XXXXXX",
	         getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	if (!mkdtemp(tmpdir))
		return -1;
	setenv("LC_ALL", "C.UTF-8", 1);
	return 0;
}

static int teardown(void **state)
{
	static const char *const names[] = {"stdout", "stderr", "bad.yaml", "quotes.yaml"};
	char path[400];

	(void)state;
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
		snprintf(path, sizeof path, "%s/%s", tmpdir, names[i]);
		unlink(path);
	}
	rmdir(tmpdir);
	return 0;
}

#endif
