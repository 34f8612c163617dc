/* ckpt.c — writing and checking checkpoint files (layout in ckpt.h).
 *
 * Arrays are streamed through a small stack buffer, so saving a 26 MB cnn
 * checkpoint costs no heap and loading one never holds a second copy.  A
 * checkpoint is only ever loaded after its CRC has been verified over the
 * whole file.  Must not print.
 */
#include "ckpt.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

static const uint8_t ckpt_magic[8] = {0x89, 'C', 'D', 'C', 'K', 'P', 'T', '\n'};

#define CKPT_CHUNK 8192 /* floats per buffered write/read */

static void put32(uint8_t *p, uint32_t v)
{
	for (int i = 0; i < 4; i++)
		p[i] = (uint8_t)(v >> (8 * i));
}

static void put64(uint8_t *p, uint64_t v)
{
	for (int i = 0; i < 8; i++)
		p[i] = (uint8_t)(v >> (8 * i));
}

static uint32_t get32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static uint64_t get64(const uint8_t *p)
{
	return (uint64_t)get32(p) | (uint64_t)get32(p + 4) << 32;
}

static uint32_t f2u(float f)
{
	uint32_t u;

	memcpy(&u, &f, 4);
	return u;
}

static float u2f(uint32_t u)
{
	float f;

	memcpy(&f, &u, 4);
	return f;
}

static void header_pack(uint8_t *h, const struct ckpt_info *in)
{
	memset(h, 0, CKPT_HEADER);
	memcpy(h, ckpt_magic, 8);
	put32(h + 8, CKPT_VERSION);
	put32(h + 12, CKPT_HEADER);
	put32(h + 16, in->arch);
	put32(h + 20, in->channels);
	put32(h + 24, in->height);
	put32(h + 28, in->width);
	put32(h + 32, in->classes);
	put32(h + 36, in->batch);
	put64(h + 40, in->param_count);
	put64(h + 48, in->step);
	put64(h + 56, in->train_samples);
	put64(h + 64, in->seed);
	put64(h + 72, in->shuffle_state);
	put32(h + 80, in->data_crc);
	put32(h + 84, in->epochs);
	put32(h + 88, f2u(in->lr));
	put32(h + 92, f2u(in->momentum));
	put32(h + 96, f2u(in->weight_decay));
	memcpy(h + 104, in->data, strnlen(in->data, CKPT_NAME_MAX - 1));
}

/* Parse and check the fixed header; name is for messages. */
static int header_unpack(const uint8_t *h, size_t got, const char *name, struct ckpt_info *out,
                         struct cd_err *err)
{
	uint32_t v;

	if (got < 8 || memcmp(h, ckpt_magic, 8))
		return cd_err_set(err, CD_ERR_SYNTAX, name, 0, 0,
		                  "offset 0: not a capdash-train checkpoint (wrong magic)");
	if (got < 16)
		return cd_err_set(err, CD_ERR_SYNTAX, name, 0, 0,
		                  "offset %zu: truncated: the header is %d bytes, the file has %zu",
		                  got, CKPT_HEADER, got);
	v = get32(h + 8);
	if (v != CKPT_VERSION)
		return cd_err_set(err, CD_ERR_SYNTAX, name, 0, 0,
		                  "offset 8: checkpoint format version %u, this capdash-train "
		                  "reads version %d",
		                  v, CKPT_VERSION);
	if (get32(h + 12) != CKPT_HEADER)
		return cd_err_set(err, CD_ERR_SYNTAX, name, 0, 0,
		                  "offset 12: header size %u, expected %d", get32(h + 12),
		                  CKPT_HEADER);
	if (got < CKPT_HEADER)
		return cd_err_set(err, CD_ERR_SYNTAX, name, 0, 0,
		                  "offset %zu: truncated: the header is %d bytes, the file has %zu",
		                  got, CKPT_HEADER, got);
	memset(out, 0, sizeof *out);
	out->arch = get32(h + 16);
	out->channels = get32(h + 20);
	out->height = get32(h + 24);
	out->width = get32(h + 28);
	out->classes = get32(h + 32);
	out->batch = get32(h + 36);
	out->param_count = get64(h + 40);
	out->step = get64(h + 48);
	out->train_samples = get64(h + 56);
	out->seed = get64(h + 64);
	out->shuffle_state = get64(h + 72);
	out->data_crc = get32(h + 80);
	out->epochs = get32(h + 84);
	out->lr = u2f(get32(h + 88));
	out->momentum = u2f(get32(h + 92));
	out->weight_decay = u2f(get32(h + 96));
	memcpy(out->data, h + 104, CKPT_NAME_MAX - 1);
	out->data[CKPT_NAME_MAX - 1] = '\0';
	if (out->param_count == 0 || out->param_count > CKPT_PARAMS_MAX)
		return cd_err_set(err, CD_ERR_SYNTAX, name, 0, 0,
		                  "offset 40: parameter count %llu is out of range (1 to %llu)",
		                  (unsigned long long)out->param_count,
		                  (unsigned long long)CKPT_PARAMS_MAX);
	return 0;
}

/* Write all of buf, retrying short writes. */
static int write_all(int fd, const void *buf, size_t n)
{
	const char *p = buf;

	while (n) {
		ssize_t w = write(fd, p, n);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

static int write_floats(int fd, const float *v, uint64_t n, uLong *crc)
{
	uint8_t buf[CKPT_CHUNK * 4];

	for (uint64_t i = 0; i < n;) {
		size_t k = n - i > CKPT_CHUNK ? CKPT_CHUNK : (size_t)(n - i);

		for (size_t j = 0; j < k; j++)
			put32(buf + 4 * j, f2u(v[i + j]));
		*crc = crc32_z(*crc, buf, 4 * k);
		if (write_all(fd, buf, 4 * k) < 0)
			return -1;
		i += k;
	}
	return 0;
}

/* The directory of path, for the temporary file and the directory fsync. */
static void dir_of(const char *path, char *dir, size_t size)
{
	const char *slash = strrchr(path, '/');

	if (!slash)
		snprintf(dir, size, ".");
	else if (slash == path)
		snprintf(dir, size, "/");
	else
		snprintf(dir, size, "%.*s", (int)(slash - path), path);
}

int ckpt_save(const char *path, const struct ckpt_info *info, const float *params,
              const float *momentum, struct cd_err *err)
{
	uint8_t head[CKPT_HEADER], tail[4];
	char tmp[4096], dir[4096];
	uLong crc = crc32(0L, Z_NULL, 0);
	struct stat st;
	int fd, dfd, e;

	if (snprintf(tmp, sizeof tmp, "%s.tmp.XXXXXX", path) >= (int)sizeof tmp)
		return cd_err_set(err, CD_ERR_IO, path, 0, 0, "path too long");
	fd = mkstemp(tmp);
	if (fd < 0)
		return cd_err_set(err, CD_ERR_IO, path, 0, 0,
		                  "cannot create a temporary file beside it: %s", strerror(errno));
	/* Keep the permissions of the checkpoint being replaced. */
	fchmod(fd, stat(path, &st) == 0 ? (st.st_mode & 07777) : 0644);
	header_pack(head, info);
	crc = crc32_z(crc, head, CKPT_HEADER);
	if (write_all(fd, head, CKPT_HEADER) < 0 ||
	    write_floats(fd, params, info->param_count, &crc) < 0 ||
	    write_floats(fd, momentum, info->param_count, &crc) < 0)
		goto fail;
	put32(tail, (uint32_t)crc);
	if (write_all(fd, tail, 4) < 0 || fsync(fd) < 0)
		goto fail;
	if (close(fd) < 0) {
		fd = -1;
		goto fail;
	}
	fd = -1;
	if (rename(tmp, path) < 0)
		goto fail;
	dir_of(path, dir, sizeof dir);
	dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dfd >= 0) {
		fsync(dfd);
		close(dfd);
	}
	return 0;
fail:
	e = errno;
	if (fd >= 0)
		close(fd);
	unlink(tmp);
	return cd_err_set(err, CD_ERR_IO, path, 0, 0, "cannot write: %s", strerror(e ? e : EIO));
}

int ckpt_probe(const char *path, struct cd_err *err)
{
	char tmp[4096];
	struct stat st;
	int fd;

	if (stat(path, &st) == 0 && S_ISDIR(st.st_mode))
		return cd_err_set(err, CD_ERR_IO, path, 0, 0,
		                  "is a directory, expected a checkpoint file's path");
	if (snprintf(tmp, sizeof tmp, "%s.tmp.XXXXXX", path) >= (int)sizeof tmp)
		return cd_err_set(err, CD_ERR_IO, path, 0, 0, "path too long");
	/* The very call ckpt_save makes first, so what passes here cannot fail
	 * there for want of a directory or of permission. */
	fd = mkstemp(tmp);
	if (fd < 0)
		return cd_err_set(err, CD_ERR_IO, path, 0, 0,
		                  "cannot create a checkpoint beside it: %s (checked before the "
		                  "first step)",
		                  strerror(errno));
	close(fd);
	unlink(tmp);
	return 0;
}

/* Read n floats (into v unless NULL), updating crc.  at is the offset of
 * the first, for messages. */
static int read_floats(FILE *f, const char *name, float *v, uint64_t n, uint64_t at, uLong *crc,
                       struct cd_err *err)
{
	uint8_t buf[CKPT_CHUNK * 4];

	for (uint64_t i = 0; i < n;) {
		size_t k = n - i > CKPT_CHUNK ? CKPT_CHUNK : (size_t)(n - i);
		size_t got = fread(buf, 1, 4 * k, f);

		*crc = crc32_z(*crc, buf, got);
		if (got < 4 * k)
			return cd_err_set(
			        err, CD_ERR_SYNTAX, name, 0, 0,
			        "offset %llu: truncated: expected %llu more bytes of parameters",
			        (unsigned long long)(at + 4 * i + got),
			        (unsigned long long)(4 * (n - i) - got));
		if (v)
			for (size_t j = 0; j < k; j++)
				v[i + j] = u2f(get32(buf + 4 * j));
		i += k;
	}
	return 0;
}

/* One pass over the whole file: header, arrays (kept when params is not
 * NULL), CRC, end of file. */
static int ckpt_pass(FILE *f, const char *name, struct ckpt_info *info, float *params,
                     float *momentum, struct cd_err *err)
{
	uint8_t head[CKPT_HEADER], tail[4];
	uLong crc = crc32(0L, Z_NULL, 0);
	size_t got = fread(head, 1, CKPT_HEADER, f);
	uint64_t n, end;

	if (header_unpack(head, got, name, info, err) < 0)
		return -1;
	n = info->param_count;
	crc = crc32_z(crc, head, CKPT_HEADER);
	if (read_floats(f, name, params, n, CKPT_HEADER, &crc, err) < 0 ||
	    read_floats(f, name, momentum, n, CKPT_HEADER + 4 * n, &crc, err) < 0)
		return -1;
	end = CKPT_HEADER + 8 * n;
	got = fread(tail, 1, 4, f);
	if (got < 4)
		return cd_err_set(err, CD_ERR_SYNTAX, name, 0, 0,
		                  "offset %llu: truncated: the 4-byte checksum is missing",
		                  (unsigned long long)(end + got));
	if (get32(tail) != (uint32_t)crc)
		return cd_err_set(err, CD_ERR_SYNTAX, name, 0, 0,
		                  "offset %llu: checksum mismatch (stored %08x, computed %08x): "
		                  "the file is corrupt",
		                  (unsigned long long)end, get32(tail), (uint32_t)crc);
	if (fgetc(f) != EOF)
		return cd_err_set(err, CD_ERR_SYNTAX, name, 0, 0,
		                  "offset %llu: unexpected data after the checksum",
		                  (unsigned long long)(end + 4));
	if (ferror(f))
		return cd_err_set(err, CD_ERR_IO, name, 0, 0, "read error");
	return 0;
}

int ckpt_read_info_fp(FILE *f, const char *name, struct ckpt_info *info, struct cd_err *err)
{
	return ckpt_pass(f, name, info, NULL, NULL, err);
}

int ckpt_load_fp(FILE *f, const char *name, const struct ckpt_info *info, float *params,
                 float *momentum, struct cd_err *err)
{
	struct ckpt_info again;

	if (ckpt_pass(f, name, &again, params, momentum, err) < 0)
		return -1;
	if (memcmp(&again, info, sizeof again))
		return cd_err_set(err, CD_ERR_SYNTAX, name, 0, 0,
		                  "the file changed while it was being read");
	return 0;
}

static FILE *ckpt_open(const char *path, struct cd_err *err)
{
	FILE *f = fopen(path, "rb");
	struct stat st;

	if (!f) {
		cd_err_set(err, CD_ERR_IO, path, 0, 0, "%s",
		           errno == ENOENT ? "no such file" : strerror(errno));
		return NULL;
	}
	if (fstat(fileno(f), &st) == 0 && !S_ISREG(st.st_mode)) {
		fclose(f);
		cd_err_set(err, CD_ERR_IO, path, 0, 0, "not a regular file");
		return NULL;
	}
	return f;
}

int ckpt_read_info(const char *path, struct ckpt_info *info, struct cd_err *err)
{
	FILE *f = ckpt_open(path, err);
	int rc;

	if (!f)
		return -1;
	rc = ckpt_read_info_fp(f, path, info, err);
	fclose(f);
	return rc;
}

int ckpt_load(const char *path, const struct ckpt_info *info, float *params, float *momentum,
              struct cd_err *err)
{
	FILE *f = ckpt_open(path, err);
	int rc;

	if (!f)
		return -1;
	rc = ckpt_load_fp(f, path, info, params, momentum, err);
	fclose(f);
	return rc;
}

static const char *arch_name(uint32_t a)
{
	return a == 0 ? "mlp" : a == 1 ? "cnn" : "an unknown model";
}

int ckpt_match(const struct ckpt_info *s, const struct ckpt_info *w, const char *path,
               struct cd_err *err)
{
	const char *why = "refusing to resume";

	if (s->arch != w->arch)
		return cd_err_set(err, CD_ERR_STATE, path, 0, 0,
		                  "model: the checkpoint is for %s, this run is %s; %s",
		                  arch_name(s->arch), arch_name(w->arch), why);
	if (strcmp(s->data, w->data))
		return cd_err_set(err, CD_ERR_STATE, path, 0, 0,
		                  "data: the checkpoint was trained on %s, this run uses %s; %s",
		                  s->data, w->data, why);
	if (s->channels != w->channels || s->height != w->height || s->width != w->width ||
	    s->classes != w->classes)
		return cd_err_set(err, CD_ERR_STATE, path, 0, 0,
		                  "shape: the checkpoint is for %ux%ux%u inputs and %u classes, "
		                  "this run has %ux%ux%u and %u; %s",
		                  s->channels, s->height, s->width, s->classes, w->channels,
		                  w->height, w->width, w->classes, why);
	if (s->param_count != w->param_count)
		return cd_err_set(
		        err, CD_ERR_STATE, path, 0, 0,
		        "params: the checkpoint has %llu parameters, this model has %llu; %s",
		        (unsigned long long)s->param_count, (unsigned long long)w->param_count,
		        why);
	if (s->batch != w->batch)
		return cd_err_set(err, CD_ERR_STATE, path, 0, 0,
		                  "batch: the checkpoint was trained with --batch %u, this run "
		                  "asks for %u; %s",
		                  s->batch, w->batch, why);
	if (s->seed != w->seed)
		return cd_err_set(err, CD_ERR_STATE, path, 0, 0,
		                  "seed: the checkpoint was trained with --seed %llu, this run "
		                  "asks for %llu; %s",
		                  (unsigned long long)s->seed, (unsigned long long)w->seed, why);
	if (s->train_samples != w->train_samples)
		return cd_err_set(
		        err, CD_ERR_STATE, path, 0, 0,
		        "limit: the checkpoint was trained on %llu samples, this run has %llu; %s",
		        (unsigned long long)s->train_samples, (unsigned long long)w->train_samples,
		        why);
	if (s->data_crc != w->data_crc)
		return cd_err_set(err, CD_ERR_STATE, path, 0, 0,
		                  "data: the training files differ from the checkpoint's (CRC "
		                  "%08x, now %08x); %s",
		                  s->data_crc, w->data_crc, why);
	return 0;
}
