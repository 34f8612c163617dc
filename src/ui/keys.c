/* keys.c — the one key table.  Handlers (app_do), the key bar (help.c) and
 * the help overlay are all driven from it, so a key cannot work without being listed
 * or be listed without working.  Pure data plus lookups; no drawing here. */
#include "ui_int.h"

#define CTRL(c) ((c)&0x1f)

/* Order matters: the first key of an action is the one the key bar shows. */
static const struct ui_key key_table[] = {
        {KEY_UP, "↑", "Up", UA_SEL_UP},
        {'k', "k", NULL, UA_SEL_UP},
        {KEY_DOWN, "↓", "Down", UA_SEL_DOWN},
        {'j', "j", NULL, UA_SEL_DOWN},
        {KEY_LEFT, "←", "Left", UA_DEC},
        {'h', "h", NULL, UA_DEC},
        {KEY_RIGHT, "→", "Right", UA_INC},
        {'l', "l", NULL, UA_INC},
        {KEY_SLEFT, "Shift-←", "Shift-Left", UA_DEC10},
        {KEY_PPAGE, "PgUp", NULL, UA_DEC10},
        {'H', "H", NULL, UA_DEC10},
        {KEY_SRIGHT, "Shift-→", "Shift-Right", UA_INC10},
        {KEY_NPAGE, "PgDn", NULL, UA_INC10},
        {'L', "L", NULL, UA_INC10},
        {KEY_HOME, "Home", NULL, UA_MIN},
        {KEY_END, "End", NULL, UA_MAX},
        {'+', "+", NULL, UA_ADD},
        {'-', "-", NULL, UA_REMOVE},
        {KEY_F(2), "F2", NULL, UA_RENAME},
        {'\n', "Enter", NULL, UA_TYPE},
        {'\r', "Enter", NULL, UA_TYPE},
        {KEY_ENTER, "Enter", NULL, UA_TYPE},
        {'u', "u", NULL, UA_UNDO},
        {CTRL('r'), "Ctrl-R", NULL, UA_REDO},
        {'s', "s", NULL, UA_SAVE},
        {'S', "S", NULL, UA_SAVE_AS},
        {'o', "o", NULL, UA_OPEN},
        {'T', "T", NULL, UA_THEME},
        {'t', "t", NULL, UA_TORNADO},
        {'P', "P", NULL, UA_PRESENT},
        {'m', "m", NULL, UA_TIMELINE},
        {'x', "x", NULL, UA_SHOT},
        {'b', "b", NULL, UA_BASELINE_PIN},
        {'B', "B", NULL, UA_BASELINE_CLEAR},
        {'g', "g", NULL, UA_SEEK},
        {KEY_F(1), "F1", NULL, UA_HELP},
        {'?', "?", NULL, UA_HELP},
        {'\t', "Tab", NULL, UA_TAB},
        {CTRL('l'), "Ctrl-L", NULL, UA_REDRAW},
        {'q', "q", NULL, UA_QUIT},
        {CTRL('c'), "Ctrl-C", NULL, UA_QUIT},
        {CTRL('z'), "Ctrl-Z", NULL, UA_SUSPEND},
        {'r', "r", NULL, UA_RUN_START},
        {'c', "c", NULL, UA_RUN_COMMAND},
        {'a', "a", NULL, UA_RUN_LIST},
        {'p', "p", NULL, UA_RUN_PAUSE},
        {'X', "X", NULL, UA_RUN_STOP},
        {'R', "R", NULL, UA_RUN_RESTART},
        {'[', "[", NULL, UA_RUN_SMOOTH_LESS},
        {']', "]", NULL, UA_RUN_SMOOTH_MORE},
        {'y', "y", NULL, UA_RUN_LOGY},
        {'Y', "Y", NULL, UA_RUN_FULLY},
        {'G', "G", NULL, UA_RUN_GPUS},
};

/* Every action, in help order, with its help line and key-bar label. */
static const struct ui_action_info action_table[UA__COUNT] = {
        [UA_NONE] = {UA_NONE, NULL, NULL},
        [UA_HELP] = {UA_HELP, N_("show or hide this help"), N_("Help")},
        [UA_INC] = {UA_INC, N_("selected input one step up"), N_("adjust")},
        [UA_DEC] = {UA_DEC, N_("selected input one step down"), NULL},
        [UA_DEC10] = {UA_DEC10, N_("ten steps down"), NULL},
        [UA_INC10] = {UA_INC10, N_("ten steps up"), NULL},
        [UA_MIN] = {UA_MIN, N_("slider minimum"), NULL},
        [UA_MAX] = {UA_MAX, N_("slider maximum"), NULL},
        [UA_SEL_UP] = {UA_SEL_UP, N_("select the input above"), NULL},
        [UA_SEL_DOWN] = {UA_SEL_DOWN, N_("select the input below"), N_("select")},
        [UA_ADD] = {UA_ADD, N_("add a role or a cost line (asks which, then its name)"), N_("add")},
        [UA_REMOVE] = {UA_REMOVE, N_("remove the selected role or cost line (u brings it back)"),
                       N_("remove")},
        [UA_RENAME] = {UA_RENAME, N_("rename the selected role or cost line (r too, on its row)"),
                       N_("rename")},
        [UA_TYPE] = {UA_TYPE, N_("type an exact value"), N_("type")},
        [UA_UNDO] = {UA_UNDO, N_("undo the last change"), N_("undo")},
        [UA_REDO] = {UA_REDO, N_("redo"), NULL},
        [UA_SAVE] = {UA_SAVE, N_("save the scenario"), N_("save")},
        [UA_SAVE_AS] = {UA_SAVE_AS, N_("save under a new name"), NULL},
        [UA_OPEN] = {UA_OPEN, N_("open a scenario"), N_("open")},
        [UA_THEME] = {UA_THEME, N_("next colour theme"), N_("theme")},
        [UA_TORNADO] = {UA_TORNADO,
                        N_("tornado: F with each input moved down and up by 10% (largest "
                           "swing first), beside the sliders; t again hides it"),
                        N_("tornado")},
        [UA_PRESENT] = {UA_PRESENT, N_("presentation mode (large figures)"), N_("present")},
        [UA_TIMELINE] = {UA_TIMELINE,
                         N_("timeline: the plan month by month, cash and runway, in the run "
                            "pane's place (m or Esc: back)"),
                         N_("timeline")},
        [UA_SHOT] = {UA_SHOT,
                     N_("screenshot: the screen as PNG and TXT (capdash-DATE-TIME.png/.txt, in "
                        "screenshots.dir of config.yaml, else here)"),
                     NULL},
        [UA_BASELINE_PIN] = {UA_BASELINE_PIN,
                             N_("pin the plan as the baseline: every input and figure shows its "
                                "change against it (b again: re-pin; undo leaves it)"),
                             NULL},
        [UA_BASELINE_CLEAR] = {UA_BASELINE_CLEAR,
                               N_("clear the baseline: changes against the loaded scenario again"),
                               NULL},
        [UA_SEEK] = {UA_SEEK,
                     N_("goal seek: the value of one input that keeps F or C+D+H+O at most, "
                        "at least or equal to an amount (Enter seeks, Enter again applies)"),
                     NULL},
        [UA_TAB] = {UA_TAB, N_("switch pane (narrow screens)"), NULL},
        [UA_REDRAW] = {UA_REDRAW, N_("repaint the screen"), NULL},
        [UA_QUIT] = {UA_QUIT, N_("quit (asks first when unsaved)"), N_("quit")},
        [UA_SUSPEND] = {UA_SUSPEND, N_("suspend to the shell (fg comes back)"), NULL},
        [UA_RUN_START] = {UA_RUN_START,
                          N_("start a training run (scenario's or capdash-train); on a role's or "
                             "cost line's row r renames it"),
                          N_("run")},
        [UA_RUN_COMMAND] = {UA_RUN_COMMAND, N_("start a command typed in"), NULL},
        [UA_RUN_LIST] = {UA_RUN_LIST, N_("open a past or running run"), NULL},
        [UA_RUN_PAUSE] = {UA_RUN_PAUSE, N_("pause or resume the run"), NULL},
        [UA_RUN_STOP] = {UA_RUN_STOP, N_("stop the run (asks first)"), NULL},
        [UA_RUN_RESTART] = {UA_RUN_RESTART, N_("restart the run's command"), NULL},
        [UA_RUN_SMOOTH_LESS] = {UA_RUN_SMOOTH_LESS, N_("loss chart: less smoothing"), NULL},
        [UA_RUN_SMOOTH_MORE] = {UA_RUN_SMOOTH_MORE, N_("loss chart: more smoothing"), NULL},
        [UA_RUN_LOGY] = {UA_RUN_LOGY, N_("loss chart: log scale on/off"), NULL},
        [UA_RUN_FULLY] = {UA_RUN_FULLY, N_("loss chart: full y range / clip the first high losses"),
                          NULL},
        [UA_RUN_GPUS] = {UA_RUN_GPUS, N_("price the run at the plan's GPU count (none detected)"),
                         NULL},
};

const struct ui_key *keys_first(enum ui_action a)
{
	for (size_t i = 0; i < sizeof key_table / sizeof key_table[0]; i++)
		if (key_table[i].action == a)
			return &key_table[i];
	return NULL;
}

const struct ui_key *keys_table(size_t *n)
{
	*n = sizeof key_table / sizeof key_table[0];
	return key_table;
}

const struct ui_action_info *keys_action(enum ui_action a)
{
	if ((int)a <= UA_NONE || a >= UA__COUNT)
		return NULL;
	return &action_table[a];
}

enum ui_action keys_lookup(int key)
{
	for (size_t i = 0; i < sizeof key_table / sizeof key_table[0]; i++)
		if (key_table[i].key == key)
			return key_table[i].action;
	return UA_NONE;
}
