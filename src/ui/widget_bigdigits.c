/* widget_bigdigits.c — figures in block digits, five rows tall, for
 * presentation mode: readable from the back of a room.  Each glyph is a
 * 5-row bitmap; a lit cell is drawn with the glyph set's big pixel (a full
 * block, or '#' in ASCII mode).  Text is what money_format produced. */
#include "ui_int.h"

#include <string.h>

struct big_glyph {
	char c;
	const char *rows[UI_BIG_H];
};

static const struct big_glyph font[] = {
        {'0', {"###", "# #", "# #", "# #", "###"}},
        {'1', {" # ", "## ", " # ", " # ", "###"}},
        {'2', {"###", "  #", "###", "#  ", "###"}},
        {'3', {"###", "  #", " ##", "  #", "###"}},
        {'4', {"# #", "# #", "###", "  #", "  #"}},
        {'5', {"###", "#  ", "###", "  #", "###"}},
        {'6', {"###", "#  ", "###", "# #", "###"}},
        {'7', {"###", "  #", "  #", " # ", " # "}},
        {'8', {"###", "# #", "###", "# #", "###"}},
        {'9', {"###", "# #", "###", "  #", "###"}},
        /* an S with a stroke through every row: on a projector a 3-wide
         * dollar without one reads as S or 5 */
        {'$', {" ####", "# #  ", " ### ", "  # #", "#### "}},
        {',', {" ", " ", " ", "#", "#"}},
        {'.', {" ", " ", " ", " ", "#"}},
        {'-', {"   ", "   ", "###", "   ", "   "}},
        {'+', {"   ", " # ", "###", " # ", "   "}},
        {'K', {"# #", "## ", "#  ", "## ", "# #"}},
        {'M', {"# #", "###", "###", "# #", "# #"}},
        {'B', {"## ", "# #", "## ", "# #", "## "}},
        {' ', {" ", " ", " ", " ", " "}},
};

static const struct big_glyph *glyph_of(char c)
{
	for (size_t i = 0; i < sizeof font / sizeof font[0]; i++)
		if (font[i].c == c)
			return &font[i];
	return NULL;
}

const char *const *widget_bigdigits_glyph(char c)
{
	const struct big_glyph *g = glyph_of(c);

	return g ? g->rows : NULL;
}

int widget_bigdigits_width(const char *text)
{
	int w = 0;

	for (const char *p = text; *p; p++) {
		const struct big_glyph *g = glyph_of(*p);

		if (!g)
			return -1;
		w += (int)strlen(g->rows[0]) * 2 + 1; /* cells are two columns: square-ish */
	}
	return w > 0 ? w - 1 : 0;
}

int widget_bigdigits(struct ui_app *app, WINDOW *w, int y, int x, int maxw, const char *text,
                     attr_t attr)
{
	int width = widget_bigdigits_width(text);

	if (width < 0 || width > maxw)
		return -1;
	/* One attribute for the whole figure, unlit cells written as spaces:
	 * a step then changes glyph cells only, with no attribute switches,
	 * which keeps the bytes per step low. */
	wattrset(w, attr);
	for (int r = 0; r < UI_BIG_H; r++) {
		wmove(w, y + r, x);
		for (const char *p = text; *p; p++) {
			for (const char *row = glyph_of(*p)->rows[r]; *row; row++) {
				const char *px = *row == '#' ? app->g->bigpix : " ";

				waddstr(w, px);
				waddstr(w, px);
			}
			if (p[1])
				waddch(w, ' ');
		}
	}
	wattrset(w, app->col.attr[TR_TEXT]);
	return width;
}
