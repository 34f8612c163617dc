/* fuzz_slurm.c — the parsers of Slurm's output (slurm_text.c) on arbitrary
 * bytes: the input as scontrol show job -d text, as squeue and sacct lines
 * (for the job id each line starts with, and for a few fixed ones), as
 * sbatch --parsable output, and each line as a duration, a timestamp, a
 * host list and GRES text.  Must never crash, hang or read out of bounds.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../src/run/run_int.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1), cluster[64];
	struct run_slurm_state o;
	int64_t v;

	if (!s)
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';
	memset(&o, 0, sizeof(o));
	slurm_parse_scontrol(s, &o);
	slurm_parse_sbatch(s, &v, cluster, sizeof(cluster));
	for (int64_t id = 0; id < 4; id++) {
		slurm_parse_squeue(s, id, &o);
		slurm_parse_sacct(s, id, &o);
	}
	for (char *line = s, *next; line; line = next) {
		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		slurm_parse_squeue(s, strtoll(line, NULL, 10), &o);
		slurm_parse_duration(line, &v);
		slurm_parse_time(line, &v);
		slurm_hostlist_count(line);
		slurm_gres_gpus(line);
	}
	free(s);
	return 0;
}
