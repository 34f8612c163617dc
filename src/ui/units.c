/* units.c — which money units the dashboard shows.  In Chinese (zh_*
 * messages) amounts are in 万/亿 as Chinese readers count them (2,966.67万);
 * elsewhere the style the caller asked for.  The formatting itself is the
 * model's money_format: the UI computes no money. */
#include "ui_int.h"

#include <string.h>

enum money_style ui_money(enum money_style style)
{
	return cd_i18n_is_zh() ? MONEY_WAN : style;
}

const char *ui_money_unit_cut(char *text)
{
	size_t n = strlen(text);

	if (n > 3 && !strcmp(text + n - 3, "万")) {
		text[n - 3] = 0;
		return "万";
	}
	if (n > 3 && !strcmp(text + n - 3, "亿")) {
		text[n - 3] = 0;
		return "亿";
	}
	return NULL;
}
