/* glyphs.c — the characters the dashboard draws with: UTF-8 box lines and
 * blocks, or plain ASCII when the locale is not UTF-8 or --ascii is given.
 * One table each; widgets never spell a box character themselves. */
#include "ui_int.h"

static const struct ui_glyphs utf8_glyphs = {
        .h = "─",
        .v = "│",
        .tl = "┌",
        .tr = "┐",
        .bl = "└",
        .br = "┘",
        .track = "─",
        .fill = "━",
        .knob = "●",
        .block = "█",
        .sel = "▸",
        .up = "▲",
        .down = "▼",
        .dot = "·",
        .bigpix = "█",
        .share = {"█", "▓", "░", "▒"},
        .point = "•",
        .ellipsis = "…",
};

static const struct ui_glyphs ascii_glyphs = {
        .h = "-",
        .v = "|",
        .tl = "+",
        .tr = "+",
        .bl = "+",
        .br = "+",
        .track = "-",
        .fill = "=",
        .knob = "O",
        .block = "#",
        .sel = ">",
        .up = "^",
        .down = "v",
        .dot = "-",
        .bigpix = "#",
        .share = {"#", "=", ".", "+"},
        .point = "*",
        .ellipsis = "...",
};

const struct ui_glyphs *glyphs_get(bool utf8)
{
	return utf8 ? &utf8_glyphs : &ascii_glyphs;
}

int glyphs_width(const char *s)
{
	return uw_width(s); /* cells, so a CJK label counts two per character */
}
