/* ytree.c — libyaml events -> a bounded document tree (see ytree.h).
 *
 * Everything hostile is refused here, before any schema looks at the data:
 * bytes that are not UTF-8 text, a second document, depth, node count,
 * anchors and aliases.  Work is linear in the input: one pre-scan, one pass
 * of events, arrays that double.  Must not know any schema (scenario.c,
 * theme.c do) and must not read files.  Start at ytree_parse().
 */
#include "ytree.h"
#include "capdash/i18n.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "capdash/scenario.h"

void cfg_error_at(struct cfg_ctx *c, unsigned line, unsigned col, int code, const char *fmt, ...)
{
	struct cd_err e;
	va_list ap;

	c->nerr++;
	if (!c->errs)
		return;
	memset(&e, 0, sizeof e);
	e.code = code;
	e.line = line;
	e.col = col;
	snprintf(e.file, sizeof e.file, "%s", c->file ? c->file : "");
	va_start(ap, fmt);
	vsnprintf(e.msg, sizeof e.msg, fmt, ap);
	va_end(ap);
	cd_errlist_add(c->errs, &e);
}

void cfg_error(struct cfg_ctx *c, const struct ynode *n, int code, const char *fmt, ...)
{
	char msg[CD_ERR_MSG_MAX];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	cfg_error_at(c, n ? n->line : 1, n ? n->col : 1, code, _("%s"), msg);
}

void cfg_error_in(struct cfg_ctx *c, const struct ynode *n, size_t off, int code, const char *fmt,
                  ...)
{
	char msg[CD_ERR_MSG_MAX];
	unsigned col;
	size_t q, w;
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	if (!n || n->kind != YN_SCALAR || !c->text || n->end > c->text_len || off > n->len ||
	    (n->style != 0 && n->style != '\'' && n->style != '"')) {
		cfg_error(c, n, code, _("%s"), msg);
		return;
	}
	q = n->style ? 1 : 0;
	w = n->end - n->beg;
	/* Only a value written exactly as it reads maps byte for byte. */
	if (w != n->len + 2 * q || memcmp(c->text + n->beg + q, n->text, n->len) != 0 ||
	    memchr(n->text, '\n', n->len) || off > n->len) {
		cfg_error(c, n, code, _("%s"), msg);
		return;
	}
	col = n->col + (unsigned)q + (unsigned)off;
	cfg_error_at(c, n->line, col, code, _("%s"), msg);
}

/* Decode one UTF-8 sequence at p (n bytes left); returns its length and the
 * code point, or 0 when the bytes are not valid UTF-8 (overlong forms,
 * surrogates and values past U+10FFFF included). */
static size_t utf8_next(const unsigned char *p, size_t n, uint32_t *cp)
{
	size_t len;
	uint32_t v, min;

	if (p[0] < 0x80) {
		*cp = p[0];
		return 1;
	}
	if ((p[0] & 0xe0) == 0xc0) {
		len = 2, v = p[0] & 0x1f, min = 0x80;
	} else if ((p[0] & 0xf0) == 0xe0) {
		len = 3, v = p[0] & 0x0f, min = 0x800;
	} else if ((p[0] & 0xf8) == 0xf0) {
		len = 4, v = p[0] & 0x07, min = 0x10000;
	} else {
		return 0;
	}
	if (len > n)
		return 0;
	for (size_t i = 1; i < len; i++) {
		if ((p[i] & 0xc0) != 0x80)
			return 0;
		v = v << 6 | (p[i] & 0x3f);
	}
	if (v < min || v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff))
		return 0;
	*cp = v;
	return len;
}

bool cfg_utf8_ok(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;
	uint32_t cp;

	while (i < len) {
		size_t k = utf8_next(p + i, len - i, &cp);

		if (!k)
			return false;
		i += k;
	}
	return true;
}

static bool is_bidi(uint32_t cp)
{
	return (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069) || cp == 0x200e ||
	       cp == 0x200f || cp == 0x061c;
}

uint32_t cfg_bidi_find(const char *s, size_t len, size_t *off)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;
	uint32_t cp;

	while (i < len) {
		size_t k = utf8_next(p + i, len - i, &cp);

		if (!k) {
			i++;
			continue;
		}
		if (is_bidi(cp)) {
			if (off)
				*off = i;
			return cp;
		}
		i += k;
	}
	return 0;
}

const char *cfg_bidi_name(uint32_t cp)
{
	switch (cp) {
	case 0x061c:
		return "Arabic letter mark";
	case 0x200e:
		return "left-to-right mark";
	case 0x200f:
		return "right-to-left mark";
	case 0x202a:
		return "left-to-right embedding";
	case 0x202b:
		return "right-to-left embedding";
	case 0x202c:
		return "pop directional formatting";
	case 0x202d:
		return "left-to-right override";
	case 0x202e:
		return "right-to-left override";
	case 0x2066:
		return "left-to-right isolate";
	case 0x2067:
		return "right-to-left isolate";
	case 0x2068:
		return "first strong isolate";
	case 0x2069:
		return "pop directional isolate";
	}
	return "bidirectional control";
}

/* The characters YAML 1.1 allows in a stream (libyaml's reader check). */
static bool yaml_printable(uint32_t cp)
{
	return cp == 0x9 || cp == 0xa || cp == 0xd || (cp >= 0x20 && cp <= 0x7e) || cp == 0x85 ||
	       (cp >= 0xa0 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd) ||
	       (cp >= 0x10000 && cp <= 0x10ffff);
}

/* libyaml's marks count characters; edits need bytes.  Every CK_STEP-th
 * character's byte offset is kept, the rest is a short walk. */
#define CK_STEP 64

struct charmap {
	const unsigned char *p;
	size_t len, base; /* base: bytes skipped before p (a BOM) */
	size_t *ck;       /* ck[i]: byte offset of character i * CK_STEP */
	size_t nck;
};

static size_t charmap_byte(const struct charmap *m, size_t index)
{
	size_t i, b;
	uint32_t cp;

	if (!m->nck)
		return m->base;
	i = index / CK_STEP;
	if (i >= m->nck)
		i = m->nck - 1;
	b = m->ck[i];
	for (size_t n = i * CK_STEP; n < index && b < m->len; n++) {
		size_t k = utf8_next(m->p + b, m->len - b, &cp);

		b += k ? k : 1;
	}
	return m->base + b;
}

/* Report the first byte that is not YAML text, with its line and column
 * (columns count characters, as libyaml's marks do).  Only the first: the
 * rest of a binary file is noise.  Fills m's checkpoints on the way. */
static int prescan(struct cfg_ctx *c, const char *data, size_t len, struct charmap *m)
{
	const unsigned char *p = (const unsigned char *)data;
	unsigned line = 1, col = 1;
	size_t i = 0, nchar = 0;
	uint32_t cp;

	m->p = p;
	m->len = len;
	m->ck = malloc((len / CK_STEP + 2) * sizeof *m->ck);
	if (!m->ck) {
		cfg_error_at(c, 1, 1, CD_ERR_NOMEM, _("out of memory"));
		return -1;
	}
	m->nck = 0;
	while (i < len) {
		size_t k = utf8_next(p + i, len - i, &cp);

		if (nchar++ % CK_STEP == 0)
			m->ck[m->nck++] = i;

		if (!k) {
			cfg_error_at(c, line, col, CD_ERR_SYNTAX,
			             _("invalid UTF-8 (byte 0x%02x): expected a UTF-8 text file"),
			             p[i]);
			return -1;
		}
		if (!yaml_printable(cp)) {
			cfg_error_at(c, line, col, CD_ERR_SYNTAX,
			             _("control character U+%04X is not allowed (expected a UTF-8 "
			               "text file, got binary data?)"),
			             (unsigned)cp);
			return -1;
		}
		i += k;
		if (cp == '\n' || (cp == '\r' && (i >= len || p[i] != '\n'))) {
			line++;
			col = 1;
		} else if (cp != '\r') {
			col++;
		}
	}
	if (nchar % CK_STEP == 0)
		m->ck[m->nck++] = i;
	return 0;
}

void ytree_free(struct ynode *n)
{
	if (!n)
		return;
	for (size_t i = 0; i < n->nkid; i++)
		ytree_free(n->kid[i]);
	free(n->kid);
	free(n->text);
	free(n);
}

static int add_kid(struct ynode *parent, struct ynode *kid)
{
	if (parent->nkid == parent->cap) {
		size_t cap = parent->cap ? parent->cap * 2 : 8;
		struct ynode **k = realloc(parent->kid, cap * sizeof *k);

		if (!k)
			return -1;
		parent->kid = k;
		parent->cap = cap;
	}
	parent->kid[parent->nkid++] = kid;
	return 0;
}

struct builder {
	struct cfg_ctx *c;
	struct ynode *stack[SCENARIO_MAX_DEPTH + 1];
	int depth;
	struct ynode *root;
	size_t nodes;
	int docs;
	bool anchor_reported;
	const struct charmap *map;
};

static struct ynode *new_node(struct builder *b, enum ynode_kind kind, yaml_mark_t m)
{
	struct ynode *n;

	if (b->nodes >= YTREE_MAX_NODES) {
		cfg_error_at(b->c, (unsigned)m.line + 1, (unsigned)m.column + 1, CD_ERR_LIMIT,
		             _("too many values (the limit is %d)"), YTREE_MAX_NODES);
		return NULL;
	}
	n = calloc(1, sizeof *n);
	if (!n) {
		cfg_error_at(b->c, (unsigned)m.line + 1, (unsigned)m.column + 1, CD_ERR_NOMEM,
		             _("out of memory"));
		return NULL;
	}
	b->nodes++;
	n->kind = kind;
	n->line = (unsigned)m.line + 1;
	n->col = (unsigned)m.column + 1;
	n->beg = n->end = charmap_byte(b->map, m.index);
	return n;
}

/* Hang n under the open collection (or make it the root).  Takes n. */
static int attach(struct builder *b, struct ynode *n)
{
	if (b->depth == 0) {
		b->root = n;
		return 0;
	}
	if (add_kid(b->stack[b->depth - 1], n) < 0) {
		ytree_free(n);
		cfg_error(b->c, NULL, CD_ERR_NOMEM, _("out of memory"));
		return -1;
	}
	return 0;
}

static void refuse_anchor(struct builder *b, const yaml_char_t *anchor, yaml_mark_t m, bool alias)
{
	if (b->anchor_reported)
		return;
	b->anchor_reported = true;
	cfg_error_at(b->c, (unsigned)m.line + 1, (unsigned)m.column + 1, CD_ERR_LIMIT,
	             _("%s%.40s: anchors and aliases are not supported (expected each value "
	               "written out, got %s)"),
	             alias ? "*" : "&", (const char *)anchor, alias ? "an alias" : "an anchor");
}

/* YAML's own tags, which say no more than capdash's schema already does;
 * anything else (!foo, !!binary, !!set) would be silently meaningless. */
static bool tag_ok(const yaml_char_t *tag)
{
	static const char *const ok[] = {"str", "int", "float", "bool", "null", "map", "seq"};
	static const char core[] = "tag:yaml.org,2002:";
	const char *t = (const char *)tag;

	if (!t || !strcmp(t, "!"))
		return true;
	if (strncmp(t, core, sizeof core - 1))
		return false;
	for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++)
		if (!strcmp(t + sizeof core - 1, ok[i]))
			return true;
	return false;
}

static void check_tag(struct builder *b, const yaml_char_t *tag, yaml_mark_t m)
{
	static const char core[] = "tag:yaml.org,2002:";
	const char *t = (const char *)tag;
	char shown[48];
	size_t n = 0;

	if (tag_ok(tag))
		return;
	if (!strncmp(t, core, sizeof core - 1)) {
		memcpy(shown, "!!", 2);
		n = 2;
		t += sizeof core - 1;
	}
	for (; *t && n + 4 < sizeof shown; t++)
		shown[n++] = (*t > 0x20 && *t < 0x7f) ? *t : '?';
	if (*t)
		memcpy(shown + n, "...", 3), n += 3;
	shown[n] = '\0';
	cfg_error_at(b->c, (unsigned)m.line + 1, (unsigned)m.column + 1, CD_ERR_SYNTAX,
	             _("%s: unknown tag (expected no tag, or one of YAML's !!str, !!int, !!float, "
	               "!!bool, !!null, !!map, !!seq)"),
	             shown);
}

/* One event; returns 1 to go on, 0 at the end of the stream, -1 on a refusal. */
static int on_event(struct builder *b, yaml_event_t *ev)
{
	struct ynode *n;

	switch (ev->type) {
	case YAML_STREAM_END_EVENT:
		return 0;
	case YAML_DOCUMENT_START_EVENT:
		if (++b->docs > 1) {
			cfg_error_at(b->c, (unsigned)ev->start_mark.line + 1,
			             (unsigned)ev->start_mark.column + 1, CD_ERR_SYNTAX,
			             _("a second document (expected one document per file)"));
			return -1;
		}
		return 1;
	case YAML_ALIAS_EVENT:
		refuse_anchor(b, ev->data.alias.anchor, ev->start_mark, true);
		n = new_node(b, YN_ALIAS, ev->start_mark);
		return n && attach(b, n) == 0 ? 1 : -1;
	case YAML_SCALAR_EVENT:
		if (ev->data.scalar.anchor)
			refuse_anchor(b, ev->data.scalar.anchor, ev->start_mark, false);
		check_tag(b, ev->data.scalar.tag, ev->start_mark);
		n = new_node(b, YN_SCALAR, ev->start_mark);
		if (!n)
			return -1;
		n->quoted = ev->data.scalar.style != YAML_PLAIN_SCALAR_STYLE;
		n->end = charmap_byte(b->map, ev->end_mark.index);
		switch (ev->data.scalar.style) {
		case YAML_SINGLE_QUOTED_SCALAR_STYLE:
			n->style = '\'';
			break;
		case YAML_DOUBLE_QUOTED_SCALAR_STYLE:
			n->style = '"';
			break;
		case YAML_LITERAL_SCALAR_STYLE:
			n->style = '|';
			break;
		case YAML_FOLDED_SCALAR_STYLE:
			n->style = '>';
			break;
		default:
			n->style = 0;
		}
		n->len = ev->data.scalar.length;
		n->text = malloc(n->len + 1);
		if (!n->text) {
			ytree_free(n);
			cfg_error(b->c, NULL, CD_ERR_NOMEM, _("out of memory"));
			return -1;
		}
		memcpy(n->text, ev->data.scalar.value, n->len);
		n->text[n->len] = '\0';
		return attach(b, n) == 0 ? 1 : -1;
	case YAML_SEQUENCE_START_EVENT:
	case YAML_MAPPING_START_EVENT: {
		bool map = ev->type == YAML_MAPPING_START_EVENT;
		const yaml_char_t *anchor =
		        map ? ev->data.mapping_start.anchor : ev->data.sequence_start.anchor;

		if (anchor)
			refuse_anchor(b, anchor, ev->start_mark, false);
		check_tag(b, map ? ev->data.mapping_start.tag : ev->data.sequence_start.tag,
		          ev->start_mark);
		if (b->depth >= SCENARIO_MAX_DEPTH) {
			cfg_error_at(b->c, (unsigned)ev->start_mark.line + 1,
			             (unsigned)ev->start_mark.column + 1, CD_ERR_LIMIT,
			             _("nesting too deep (the limit is %d levels)"),
			             SCENARIO_MAX_DEPTH);
			return -1;
		}
		n = new_node(b, map ? YN_MAP : YN_SEQ, ev->start_mark);
		if (!n || attach(b, n) < 0)
			return -1;
		n->flow = map ? ev->data.mapping_start.style == YAML_FLOW_MAPPING_STYLE
		              : ev->data.sequence_start.style == YAML_FLOW_SEQUENCE_STYLE;
		b->stack[b->depth++] = n;
		return 1;
	}
	case YAML_SEQUENCE_END_EVENT:
	case YAML_MAPPING_END_EVENT:
		if (b->depth > 0) {
			n = b->stack[--b->depth];
			/* A block collection's end mark lies past trailing comments:
			 * it ends where its last item does. */
			if (n->flow)
				n->end = charmap_byte(b->map, ev->end_mark.index);
			else if (n->nkid)
				n->end = n->kid[n->nkid - 1]->end;
		}
		return 1;
	default:
		return 1;
	}
}

static void report_parser(struct cfg_ctx *c, const yaml_parser_t *p, const char *data, size_t len)
{
	unsigned line = (unsigned)p->problem_mark.line + 1;
	unsigned col = (unsigned)p->problem_mark.column + 1;
	const char *problem = p->problem ? p->problem : "malformed YAML";

	if (p->error == YAML_READER_ERROR) {
		/* Reader errors carry a byte offset, not a mark. */
		line = 1, col = 1;
		for (size_t i = 0; i < p->problem_offset && i < len; i++) {
			if (data[i] == '\n')
				line++, col = 1;
			else if (((unsigned char)data[i] & 0xc0) != 0x80)
				col++;
		}
	}
	if (p->context && p->error != YAML_READER_ERROR)
		cfg_error_at(c, line, col, CD_ERR_SYNTAX, _("syntax error: %s (%s at line %u)"),
		             problem, p->context, (unsigned)p->context_mark.line + 1);
	else
		cfg_error_at(c, line, col, CD_ERR_SYNTAX, _("syntax error: %s"), problem);
}

int ytree_parse(struct cfg_ctx *c, const char *data, size_t len, struct ynode **root)
{
	struct builder b;
	struct charmap map = {0};
	yaml_parser_t p;
	int rc = 1, nerr0 = c->nerr;

	*root = NULL;
	memset(&b, 0, sizeof b);
	b.c = c;
	b.map = &map;
	c->text = data;
	c->text_len = len;
	/* A byte order mark is how some editors start UTF-8: skip it.  Columns
	 * on line 1 then count from after it, as the editor shows them. */
	if (len >= 3 && !memcmp(data, "\xef\xbb\xbf", 3)) {
		data += 3;
		len -= 3;
		map.base = 3;
	}
	if (prescan(c, data, len, &map) < 0) {
		free(map.ck);
		return -1;
	}
	if (!yaml_parser_initialize(&p)) {
		free(map.ck);
		cfg_error(c, NULL, CD_ERR_NOMEM, _("out of memory"));
		return -1;
	}
	yaml_parser_set_encoding(&p, YAML_UTF8_ENCODING);
	yaml_parser_set_input_string(&p, (const unsigned char *)data, len);
	while (rc > 0) {
		yaml_event_t ev;

		if (!yaml_parser_parse(&p, &ev)) {
			report_parser(c, &p, data, len);
			rc = -1;
			break;
		}
		rc = on_event(&b, &ev);
		yaml_event_delete(&ev);
	}
	yaml_parser_delete(&p);
	free(map.ck);
	if (rc < 0) {
		ytree_free(b.root);
		return -1;
	}
	/* A refused anchor or alias does not stop the parse: the tree is handed
	 * back so the rest of the file is still checked, but the load fails. */
	*root = b.root;
	return c->nerr > nerr0 ? -1 : 0;
}
