/* gauge.h — horizontal gauges for the training pane's CPU%, GPU% and memory:
 *   "GPU  87% ████████▋  "   (UTF-8: full blocks plus an eighth-block tip)
 *   "GPU  87% [#######-  ]"  (ASCII: '#' full cells, '-' a half or more;
 *                              partial cells are never rounded up)
 *
 * Pure string output: no curses, no I/O, no globals, no allocation.  The
 * caller draws the text with a theme role of its choice.  Start with
 * gauge_format.
 */
#ifndef CAPDASH_GAUGE_H
#define CAPDASH_GAUGE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Bytes a gauge of `cells` bar cells may need, with its NUL, label and
 * figures (a block is 3 bytes in UTF-8). */
#define GAUGE_BUF_SIZE(cells) (64 + 3 * (size_t)(cells))

/* The bar alone, exactly `cells` columns wide (ASCII adds the two brackets
 * inside that width, so at least 3 cells are needed there).  frac is clamped
 * to [0, 1]; non-finite draws an empty bar.  Returns the columns written
 * (cells, or 0 when cells < 1 or the buffer is too small: buf is then ""). */
int gauge_bar(char *buf, size_t size, double frac, int cells, bool utf8);

/* "LABEL PPP% BAR": the label (ASCII) padded to 3 columns, a space, the
 * percentage as a whole number in 3 columns ("350%" CPU on four cores is
 * printed as it is and fills the bar; "--%" when pct is negative or not
 * finite), a space, the bar.  Returns the columns written. */
int gauge_format(char *buf, size_t size, const char *label, double pct, int cells, bool utf8);

/* "LABEL BAR 45.2/80.0 GiB" for memory, the label padded to 4 columns;
 * used and total in bytes (total <= 0: "45.2 GiB" and an empty bar).  The
 * unit follows total: MiB below 1 GiB, else GiB.  Returns the columns
 * written. */
int gauge_format_mem(char *buf, size_t size, const char *label, double used, double total,
                     int cells, bool utf8);

#endif
