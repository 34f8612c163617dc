/* faketrain — a stand-in training program for the supervisor tests.
 *
 *   faketrain proto N [DELAY_MS]   N capdash protocol step lines (total N)
 *   faketrain formats              one progress line in each of several formats
 *   faketrain crash                a line, then SIGSEGV
 *   faketrain exit3                a line, then exit status 3
 *   faketrain ignoreterm           ignores SIGTERM, prints, waits forever
 *   faketrain termexit CODE        prints, waits; exits with CODE on SIGTERM
 *   faketrain forkkids             forks two workers, all wait forever
 *   faketrain big                  10 MB of output, then a final loss line
 *   faketrain quiet MS             nothing for MS milliseconds, then a line
 *   faketrain stall N MS           N protocol lines MS apart, then silence forever
 *   faketrain noisy N MS           N protocol lines MS apart, a noisy falling loss
 *                                  (every digit moves), an eval line every 1,000
 *   faketrain escapes              escape sequences around a loss line
 *   faketrain busy MS              one busy core for MS milliseconds
 *   faketrain lines N              N short generic lines as fast as possible
 *   faketrain pidfile FILE         writes its pid to FILE, then waits forever
 *   faketrain tty                  says whether stdout is a terminal, one point
 *   faketrain fds                  prints the open fds other than 0, 1, 2
 * Plain C, no capdash code: it is the child, not the monitor.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <dirent.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static void msleep(long ms)
{
	struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};

	while (nanosleep(&ts, &ts))
		;
}

static int term_code;

static void on_term(int sig)
{
	(void)sig;
	_exit(term_code);
}

static void forever(void)
{
	for (;;)
		pause();
}

static void step(long i, long n)
{
	printf("{\"capdash\":1,\"event\":\"step\",\"step\":%ld,\"total_steps\":%ld,\"epoch\":1,"
	       "\"epochs\":1,\"loss\":%.5f,\"lr\":0.01,\"samples_per_s\":1000,\"elapsed\":%.2f}\n",
	       i, n, 2.0 / (double)(i + 1), (double)i * 0.01);
}

int main(int argc, char **argv)
{
	const char *mode = argc > 1 ? argv[1] : "";
	long a = argc > 2 ? atol(argv[2]) : 0, b = argc > 3 ? atol(argv[3]) : 0;

	setvbuf(stdout, NULL, _IOLBF, 0);
	if (!strcmp(mode, "proto")) {
		for (long i = 1; i <= a; i++) {
			step(i, a);
			if (b)
				msleep(b);
		}
	} else if (!strcmp(mode, "noisy")) {
		unsigned long r = 12345;
		double d = 2.0; /* 2 e^(-i/300), without libm */
		for (long i = 1; i <= a; i++) {
			r = r * 6364136223846793005UL + 1442695040888963407UL;
			d *= 0.99667221605;
			printf("{\"capdash\":1,\"event\":\"step\",\"step\":%ld,\"total_steps\":%ld,"
			       "\"epoch\":%ld,\"epochs\":10,\"loss\":%.5f,\"lr\":0.01,"
			       "\"samples_per_s\":%.1f,\"elapsed\":%.2f}\n",
			       i, a, 1 + i * 10 / (a + 1),
			       0.3 + d + 0.1 * (double)(r >> 40) / (double)(1UL << 24),
			       6400.0 + (double)(r >> 56), (double)i * 0.01);
			if (i % 1000 == 0)
				printf("{\"capdash\":1,\"event\":\"eval\",\"step\":%ld,\"epoch\":%"
				       "ld,"
				       "\"epochs\":10,\"val_loss\":%.4f,\"val_acc\":0.87}\n",
				       i, 1 + i * 10 / (a + 1), 0.35 + d);
			if (b)
				msleep(b);
		}
	} else if (!strcmp(mode, "stall")) {
		for (long i = 1; i <= a; i++) {
			step(i, 1000);
			msleep(b);
		}
		forever();
	} else if (!strcmp(mode, "formats")) {
		puts("{'loss': 2.119, 'grad_norm': 1.5, 'learning_rate': 4.58e-05, 'epoch': 0.25}");
		puts("iter 100: loss 2.3456, time 12.3ms, mfu 34.5%");
		puts("step 10/40: train loss 4.120000 (took 120.5 ms, 3000 tok/s)");
		puts("step: 20  loss: 11.8300  grad_norm: 1.2  tps: 4,376  mfu: 25.6%");
		puts("Train: 3 [ 100/1251 (  8%)]  Loss: 3.210 (3.400)  LR: 1.000e-03");
		step(5, 10);
	} else if (!strcmp(mode, "crash")) {
		step(1, 10);
		fflush(stdout);
		signal(SIGSEGV, SIG_DFL); /* a sanitizer's handler would turn it into exit 1 */
		raise(SIGSEGV);
	} else if (!strcmp(mode, "exit3")) {
		step(1, 10);
		return 3;
	} else if (!strcmp(mode, "ignoreterm")) {
		signal(SIGTERM, SIG_IGN);
		step(1, 10);
		forever();
	} else if (!strcmp(mode, "termexit")) {
		term_code = (int)a;
		signal(SIGTERM, on_term);
		step(1, 10);
		forever();
	} else if (!strcmp(mode, "forkkids")) {
		for (int k = 0; k < 2; k++)
			if (fork() == 0)
				forever();
		step(1, 10);
		forever();
	} else if (!strcmp(mode, "big")) {
		static char line[1001];
		memset(line, 'x', 999);
		line[999] = '\n';
		for (int i = 0; i < 10 * 1024; i++)
			fwrite(line, 1, 1000, stdout);
		step(7, 7);
	} else if (!strcmp(mode, "quiet")) {
		msleep(a);
		step(1, 1);
	} else if (!strcmp(mode, "escapes")) {
		fputs("\033]0;owned title\007\033[2J\033[H\033[31mred\033[0m\r", stdout);
		fputs("\033[10;10H\033[?1049h", stdout);
		step(2, 4);
		fputs("plain \033[1mbold\033[0m end\n", stdout);
	} else if (!strcmp(mode, "busy")) {
		struct timespec t0, t;
		volatile unsigned long x = 0;
		clock_gettime(CLOCK_MONOTONIC, &t0);
		do {
			for (int i = 0; i < 100000; i++)
				x += (unsigned long)i;
			clock_gettime(CLOCK_MONOTONIC, &t);
		} while ((t.tv_sec - t0.tv_sec) * 1000 + (t.tv_nsec - t0.tv_nsec) / 1000000 < a);
		return x == 1; /* uses x, so the loop is not optimised away */
	} else if (!strcmp(mode, "lines")) {
		setvbuf(stdout, NULL, _IOFBF, 1 << 16);
		for (long i = 1; i <= a; i++)
			printf("step %ld loss=%.4f\n", i, 1.0 / (double)i);
	} else if (!strcmp(mode, "fds")) {
		DIR *d = opendir("/proc/self/fd");
		struct dirent *e;
		printf("extra fds:");
		while (d && (e = readdir(d)))
			if (e->d_name[0] != '.' && atoi(e->d_name) > 2 &&
			    atoi(e->d_name) != dirfd(d))
				printf(" %s", e->d_name);
		printf("\n");
		if (d)
			closedir(d);
	} else if (!strcmp(mode, "tty")) {
		printf("stdout is %s\n", isatty(1) ? "a terminal" : "not a terminal");
		step(1, 1);
	} else if (!strcmp(mode, "pidfile")) {
		FILE *f = fopen(argv[2], "w");
		if (!f)
			return 1;
		fprintf(f, "%d\n", (int)getpid());
		fclose(f);
		step(1, 10);
		forever();
	} else {
		fprintf(stderr, "faketrain: unknown mode %s\n", mode);
		return 2;
	}
	return 0;
}
