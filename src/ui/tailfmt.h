/* tailfmt.h — capdash protocol lines (proto.h) in the pane's output tail as
 * short human text: raw JSON is unreadable on a projector.
 *
 * Pure: no curses, no I/O, no globals, no allocation, locale-free number
 * reading.  Lines that are not protocol lines are left to the caller, who
 * shows them as they are (sanitised).  Start at tailfmt_line.
 */
#ifndef CAPDASH_TAILFMT_H
#define CAPDASH_TAILFMT_H

#include <stdbool.h>
#include <stddef.h>

/* When line is a capdash protocol object ({"capdash":N,"event":...}) of a
 * known event, write its human form into out (NUL-terminated, truncated to
 * size) and return true:
 *   step   "step 6,180/9,380  loss 0.2471"
 *   eval   "epoch 2  test loss 0.3512  acc 87.4%"
 *   info   its msg
 *   start  "start: cnn on fashion-mnist, 10 epochs, 9,380 steps"
 *   end    "done" (status ok), else "ended: interrupted" / "ended: error"
 * Fields that are missing (or null) are left out.  Otherwise return false
 * and leave out untouched. */
bool tailfmt_line(const char *line, char *out, size_t size);

#endif
