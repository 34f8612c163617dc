/* picker.c — the pure half of the list widget (picker.h): items, the
 * filter, selection and scroll arithmetic, column widths, fitting text at a
 * word boundary, and how paths are shown.  No curses, no I/O: the drawing,
 * keys and the describing timer are in picker_view.c.
 */
#include "picker.h"

#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "uwidth.h"

struct picker *picker_new(const char *title, int ncols, const char *const *head,
                          const struct picker_ops *ops)
{
	struct picker *p = calloc(1, sizeof *p);

	if (!p)
		return NULL;
	snprintf(p->title, sizeof p->title, "%s", title ? title : "");
	p->ncols = ncols < 2 ? 2 : ncols > PICKER_COLS ? PICKER_COLS : ncols;
	for (int c = 0; head && c < p->ncols; c++)
		p->head[c] = head[c];
	p->ops = ops;
	p->verb = "open";
	p->sel = -1;
	p->page = 1;
	return p;
}

static void item_done(struct picker_item *it)
{
	free(it->key);
	free(it->why);
	free(it->brief);
	for (int c = 0; c < PICKER_COLS; c++)
		free(it->col[c]);
}

void picker_free(struct picker *p)
{
	if (!p)
		return;
	for (int i = 0; i < p->n; i++)
		item_done(&p->items[i]);
	free(p->items);
	free(p->shown);
	free(p);
}

/* A copy a terminal can be given: control bytes (C0, DEL, C1) and bytes
 * that are not well-formed UTF-8 become '?', so a file name or a scenario
 * name cannot carry an escape sequence to the screen. */
static char *clean_dup(const char *s)
{
	size_t n = strlen(s), o = 0;
	char *out = malloc(n + 1);
	const unsigned char *u = (const unsigned char *)s;

	if (!out)
		return NULL;
	for (size_t i = 0; i < n;) {
		unsigned c = u[i];
		size_t len = c < 0x80             ? 1
		             : (c & 0xE0) == 0xC0 ? 2
		             : (c & 0xF0) == 0xE0 ? 3
		             : (c & 0xF8) == 0xF0 ? 4
		                                  : 0;
		bool good = len > 0 && i + len <= n && !(len == 2 && c < 0xC2);

		for (size_t k = 1; good && k < len; k++)
			good = (u[i + k] & 0xC0) == 0x80;
		if (good && len == 1 && (c < 0x20 || c == 0x7f))
			good = false;
		if (good && len == 2 && c == 0xC2 && u[i + 1] < 0xA0)
			good = false; /* U+0080..U+009F: C1 controls */
		if (!good) {
			out[o++] = '?';
			i++;
			continue;
		}
		memcpy(out + o, s + i, len);
		o += len;
		i += len;
	}
	out[o] = 0;
	return out;
}

int picker_add(struct picker *p, const char *key, const char *name)
{
	struct picker_item *it;

	if (p->n >= PICKER_MAX_ITEMS) {
		p->more++;
		return -2;
	}
	if (p->n == p->cap) {
		int cap = p->cap ? p->cap * 2 : 32;
		struct picker_item *v = realloc(p->items, (size_t)cap * sizeof *v);
		int *s = realloc(p->shown, (size_t)cap * sizeof *s);

		if (v)
			p->items = v;
		if (s)
			p->shown = s;
		if (!v || !s)
			return -1;
		p->cap = cap;
	}
	it = &p->items[p->n];
	memset(it, 0, sizeof *it);
	it->key = strdup(key);
	it->col[0] = clean_dup(name ? name : key);
	if (!it->key || !it->col[0]) {
		item_done(it);
		return -1;
	}
	/* shown grows with the items while no filter is typed */
	if (!p->flen)
		p->shown[p->nshown++] = p->n;
	if (p->sel < 0 && p->nshown > 0)
		p->sel = 0;
	return p->n++;
}

int picker_set(struct picker *p, int i, int c, const char *text)
{
	char *t;

	if (i < 0 || i >= p->n || c < 0 || c >= PICKER_COLS)
		return -1;
	t = text ? clean_dup(text) : NULL;
	if (text && !t)
		return -1;
	free(p->items[i].col[c]);
	p->items[i].col[c] = t;
	return 0;
}

int picker_set_bad(struct picker *p, int i, const char *why, const char *brief)
{
	struct picker_item *it;
	char *w, *b;

	if (i < 0 || i >= p->n)
		return -1;
	it = &p->items[i];
	it->bad = true;
	why = why ? why : "cannot be opened";
	w = clean_dup(why);
	b = clean_dup(brief ? brief : why);
	if (!w || !b) {
		free(w);
		free(b);
		return -1;
	}
	free(it->why);
	free(it->brief);
	it->why = w;
	it->brief = b;
	return 0;
}

static int lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

bool picker_match(const char *hay, const char *needle)
{
	size_t nl = strlen(needle);

	if (!nl)
		return true;
	if (!hay)
		return false;
	for (; *hay; hay++) {
		size_t k = 0;

		while (k < nl && hay[k] &&
		       lower((unsigned char)hay[k]) == lower((unsigned char)needle[k]))
			k++;
		if (k == nl)
			return true;
	}
	return false;
}

static bool item_matches(const struct picker *p, const struct picker_item *it)
{
	for (int c = 0; c < p->ncols; c++)
		if (picker_match(it->col[c], p->filter))
			return true;
	return false;
}

int picker_refilter(struct picker *p)
{
	int keep = p->sel >= 0 && p->sel < p->nshown ? p->shown[p->sel] : -1;
	int m = 0;

	if (keep < 0)
		for (int i = 0; i < p->n; i++)
			if (p->items[i].current)
				keep = i;
	p->sel = -1;
	for (int i = 0; i < p->n; i++) {
		if (!item_matches(p, &p->items[i]))
			continue;
		if (i == keep)
			p->sel = m;
		p->shown[m++] = i;
	}
	p->nshown = m;
	if (p->sel < 0 && m > 0)
		p->sel = 0;
	picker_scroll(p);
	return 0;
}

void picker_scroll(struct picker *p)
{
	int page = p->page > 0 ? p->page : 1;

	if (p->nshown <= 0) {
		p->sel = -1;
		p->top = 0;
		return;
	}
	if (p->sel < 0)
		p->sel = 0;
	if (p->sel >= p->nshown)
		p->sel = p->nshown - 1;
	if (p->sel < p->top)
		p->top = p->sel;
	if (p->sel >= p->top + page)
		p->top = p->sel - page + 1;
	/* no blank rows at the bottom while rows are hidden above */
	if (p->top > p->nshown - page)
		p->top = p->nshown - page;
	if (p->top < 0)
		p->top = 0;
}

void picker_move(struct picker *p, int delta)
{
	long s;

	if (p->nshown <= 0)
		return;
	s = (long)(p->sel < 0 ? 0 : p->sel) + delta;
	p->sel = s < 0 ? 0 : s >= p->nshown ? p->nshown - 1 : (int)s;
	picker_scroll(p);
}

struct picker_item *picker_selected(struct picker *p)
{
	if (p->sel < 0 || p->sel >= p->nshown)
		return NULL;
	return &p->items[p->shown[p->sel]];
}

void picker_filter_add(struct picker *p, const char *text)
{
	size_t n = strlen(text);

	if (p->flen + n + 1 > sizeof p->filter)
		return;
	memcpy(p->filter + p->flen, text, n + 1);
	p->flen += n;
	picker_refilter(p);
}

void picker_filter_back(struct picker *p)
{
	if (!p->flen)
		return;
	while (p->flen > 0 && ((unsigned char)p->filter[p->flen - 1] & 0xC0) == 0x80)
		p->flen--;
	if (p->flen > 0)
		p->flen--;
	p->filter[p->flen] = 0;
	picker_refilter(p);
}

void picker_filter_clear(struct picker *p)
{
	p->flen = 0;
	p->filter[0] = 0;
	picker_refilter(p);
}

static int cells(const char *s)
{
	return s ? uw_width(s) : 0;
}

int picker_layout(const struct picker *p, int width, int w[PICKER_COLS])
{
	int want[PICKER_COLS] = {0}, nright, avail, cap, shown = 0;

	for (int c = 0; c < p->ncols; c++)
		want[c] = cells(p->head[c]);
	for (int i = 0; i < p->n; i++) {
		const struct picker_item *it = &p->items[i];

		for (int c = 0; c < p->ncols; c++) {
			int k = cells(it->col[c]);

			if (k > want[c])
				want[c] = k;
		}
	}
	for (int c = 2; c < p->ncols; c++)
		if (want[c] > PICKER_RIGHT_MAX)
			want[c] = PICKER_RIGHT_MAX;
	memset(w, 0, sizeof(int) * PICKER_COLS);
	/* right-hand figures first; the last ones give way to the name */
	nright = p->ncols - 2;
	for (;;) {
		avail = width;
		for (int c = 2; c < 2 + nright; c++)
			avail -= want[c] + 2;
		if (avail >= PICKER_NAME_MIN || nright == 0)
			break;
		nright--;
	}
	for (int c = 2; c < 2 + nright; c++)
		w[c] = want[c];
	if (avail <= 0)
		return 0;
	/* the name first, up to two thirds of the room; the detail only when
	 * it gets enough to be read */
	cap = avail * 2 / 3 > PICKER_NAME_MIN ? avail * 2 / 3 : PICKER_NAME_MIN;
	w[0] = want[0] < cap ? want[0] : cap;
	w[1] = avail - w[0] - 2;
	if (w[1] < PICKER_DETAIL_MIN || want[1] == 0) {
		w[1] = 0;
		w[0] = avail;
	}
	for (int c = 0; c < PICKER_COLS; c++)
		shown += w[c] > 0;
	return shown;
}

static bool is_sep(int c)
{
	return c == '/' || c == '-' || c == '_' || c == '.' || c == ',' || c == ':';
}

/* Byte offset past at least k cells of s (a wide character that straddles
 * the k-th cell is skipped whole), or of its end. */
static size_t cp_offset(const char *s, int k)
{
	size_t i = 0;

	while (s[i] && k > 0) {
		int c;

		i += uw_next(s + i, &c);
		k -= c;
	}
	return i;
}

int picker_fit(const char *s, int room, bool utf8, bool from_left, char *out, size_t size)
{
	const char *ell = utf8 ? "\xe2\x80\xa6" : "...";
	int ew = utf8 ? 1 : 3, total = cells(s), budget = room - ew;
	size_t len = strlen(s), cut = SIZE_MAX;

	if (size == 0)
		return 0;
	out[0] = 0;
	if (room <= 0)
		return 0;
	if (total <= room) {
		snprintf(out, size, "%s", s);
		return total;
	}
	if (room < ew)
		return 0;
	if (!from_left) {
		/* the longest prefix that fits and ends where a word ends */
		size_t lim = uw_bytes_for(s, budget);

		for (size_t i = 1; i <= lim && i < len; i++) {
			if (((unsigned char)s[i] & 0xC0) == 0x80)
				continue;
			if (s[i] == ' ' || (is_sep((unsigned char)s[i]) && s[i - 1] != ' '))
				cut = i;
		}
		if (cut == SIZE_MAX) {
			snprintf(out, size, "%s", ell);
			return ew;
		}
		while (cut > 0 && s[cut - 1] == ' ')
			cut--;
		snprintf(out, size, "%.*s%s", (int)cut, s, ell);
		return cells(out);
	}
	/* the longest suffix that fits and starts where a word starts: at a
	 * '/' (a path keeps its slash), else after a blank or a separator */
	{
		size_t from = cp_offset(s, total - budget);

		for (size_t i = from; i < len && cut == SIZE_MAX; i++)
			if (s[i] == '/')
				cut = i;
		for (size_t i = from; i < len && cut == SIZE_MAX; i++)
			if (i > 0 && (s[i - 1] == ' ' || is_sep((unsigned char)s[i - 1])) &&
			    s[i] != ' ' && ((unsigned char)s[i] & 0xC0) != 0x80)
				cut = i;
		if (cut == SIZE_MAX) {
			snprintf(out, size, "%s", ell);
			return ew;
		}
		snprintf(out, size, "%s%s", ell, s + cut);
		return cells(out);
	}
}

/* Lexically normalise an absolute path in place: no "//", "/./", "/x/..". */
static void squash(char *path)
{
	char *seg[512];
	int n = 0;
	char *r = path, *w;

	while (*r) {
		char *start;

		while (*r == '/')
			r++;
		if (!*r)
			break;
		start = r;
		while (*r && *r != '/')
			r++;
		if (*r)
			*r++ = 0;
		if (!strcmp(start, "."))
			continue;
		if (!strcmp(start, "..")) {
			if (n > 0)
				n--;
			continue;
		}
		if (n < (int)(sizeof seg / sizeof seg[0]))
			seg[n++] = start;
	}
	/* rebuild; segments only move left, so memmove in order is safe */
	w = path;
	for (int i = 0; i < n; i++) {
		size_t l = strlen(seg[i]);

		*w++ = '/';
		memmove(w, seg[i], l);
		w += l;
	}
	if (w == path)
		*w++ = '/';
	*w = 0;
}

/* s relative to dir when s is dir or lies under it; NULL otherwise. */
static const char *under(const char *s, const char *dir)
{
	size_t l = strlen(dir);

	if (l == 1 && dir[0] == '/')
		return NULL; /* everything is under /: keep absolute paths absolute */
	if (strncmp(s, dir, l) != 0 || (s[l] != '/' && s[l] != 0))
		return NULL;
	return s[l] == '/' ? s + l + 1 : s + l;
}

char *picker_path_display(const char *path, const char *cwd, const char *home, char *out,
                          size_t size)
{
	char abs[8192], c[4096] = "", h[4096] = "";
	const char *rel;

	if (size == 0)
		return out;
	if (cwd && *cwd) {
		snprintf(c, sizeof c, "%s", cwd);
		squash(c);
	}
	if (home && *home) {
		snprintf(h, sizeof h, "%s", home);
		squash(h);
	}
	if (path[0] != '/' && !c[0]) {
		/* no cwd to anchor it: tidy it and keep it relative */
		snprintf(abs, sizeof abs, "/%s", path);
		squash(abs);
		snprintf(out, size, "%s", abs[1] ? abs + 1 : ".");
		return out;
	}
	if (path[0] == '/')
		snprintf(abs, sizeof abs, "%s", path);
	else
		snprintf(abs, sizeof abs, "%s/%s", c, path);
	squash(abs);
	if (c[0] && (rel = under(abs, c)) && *rel)
		snprintf(out, size, "%s", rel);
	else if (h[0] && (rel = under(abs, h)))
		snprintf(out, size, "~%s%s", *rel ? "/" : "", rel);
	else
		snprintf(out, size, "%s", abs);
	return out;
}
