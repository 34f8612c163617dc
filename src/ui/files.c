/* files.c — save (s), save-as (S), open (o) and the recovery file.
 *
 * o opens a picker (picker.h) of the scenario files: the current
 * directory's *.yaml and the scenario folders (files_dirs), each real file
 * once, with its name and the F the model gives it; Tab or / switches to
 * the typed path prompt.  Either way the file goes through load_into, so
 * the unsaved-changes question, recovery and undo behave as before.
 *
 * Saving goes through scenario_save (atomic) and first asks when the file
 * changed on disk since it was loaded (inode, size or mtime differ).  SIGTERM
 * and SIGHUP with unsaved changes write the scenario to
 * $XDG_STATE_HOME/capdash/recovery/ (loop.c calls files_recovery_write); the
 * next start offers it.  Nothing here draws: questions go through prompt.c.
 */
#include "ui_int.h"

#include <errno.h>
#include <dirent.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "capdash/common.h"
#include "picker.h"

#ifndef CAPDASH_DATADIR
#define CAPDASH_DATADIR "/usr/local/share/capdash"
#endif

int files_dirs(const char *kind, char dirs[][4096], int max)
{
	const char *xdg = getenv("XDG_CONFIG_HOME"), *home = getenv("HOME");
	char exe[4096];
	ssize_t n;
	int k = 0;

	/* the user's own first, so a user theme or scenario can shadow a shipped one */
	if (k < max && xdg && *xdg)
		snprintf(dirs[k++], 4096, "%s/capdash/%s", xdg, kind);
	else if (k < max && home && *home)
		snprintf(dirs[k++], 4096, "%s/.config/capdash/%s", home, kind);
	if (k < max)
		snprintf(dirs[k++], 4096, "%s", kind);
	if (k < max)
		snprintf(dirs[k++], 4096, "%s/%s", CAPDASH_DATADIR, kind);
	/* beside the binary: a build tree run from elsewhere still finds its files */
	n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n > 0 && k < max) {
		char *slash;

		exe[n] = 0;
		slash = strrchr(exe, '/');
		if (slash) {
			*slash = 0;
			snprintf(dirs[k++], 4096, "%.4000s/../%s", exe, kind);
		}
	}
	return k;
}

static bool same_file_state(const struct stat *a, const struct stat *b)
{
	return a->st_ino == b->st_ino && a->st_dev == b->st_dev && a->st_size == b->st_size &&
	       a->st_mtim.tv_sec == b->st_mtim.tv_sec && a->st_mtim.tv_nsec == b->st_mtim.tv_nsec;
}

static void do_save(struct ui_app *app, const char *path)
{
	struct cd_err err;
	struct scenario copy;
	char where[4096];

	snprintf(where, sizeof where, "%s", path);
	if (scenario_save(where, &app->sc, &err) != 0) {
		char msg[700];

		app_message(app, true, _("not saved: %s"), cd_err_str(&err, msg, sizeof msg));
		return;
	}
	if (scenario_copy(&copy, &app->sc) == 0) {
		scenario_done(&app->base);
		app->base = copy;
		app->base_res = app->res;
	}
	snprintf(app->path, sizeof app->path, "%s", where);
	app->unsaved = false;
	app->have_st = stat(where, &app->st) == 0;
	app->dirty |= UI_DIRTY_BUDGET | UI_DIRTY_PRESENT;
	app_message(app, false, _("saved %s"), where);
}

static void overwrite_answer(struct ui_app *app, const char *text, int answer)
{
	(void)text;
	if (answer == 'y' || answer == 'Y')
		do_save(app, app->pending);
	else
		app_message(app, false, _("not saved"));
}

static void save_checked(struct ui_app *app, const char *path)
{
	struct stat now;
	bool same_path = strcmp(path, app->path) == 0;
	char q[4300];

	snprintf(app->pending, sizeof app->pending, "%s", path);
	if (stat(path, &now) == 0) {
		if (same_path && app->have_st && same_file_state(&now, &app->st)) {
			do_save(app, path);
			return;
		}
		snprintf(q, sizeof q, "%s %s. Overwrite? y/N", path,
		         same_path ? _("changed on disk since it was loaded") : _("exists"));
		prompt_yesno(app, q, overwrite_answer);
		return;
	}
	do_save(app, path);
}

static void save_as_answer(struct ui_app *app, const char *text, int answer)
{
	(void)answer;
	if (!text || !*text) {
		app_message(app, false, _("not saved"));
		return;
	}
	save_checked(app, text);
}

void files_save(struct ui_app *app, bool save_as)
{
	char init[4096];

	if (!save_as && app->path[0]) {
		save_checked(app, app->path);
		return;
	}
	if (app->path[0])
		snprintf(init, sizeof init, "%s", app->path);
	else
		snprintf(init, sizeof init, "%.200s.yaml",
		         app->sc.name[0] ? app->sc.name : "scenario");
	for (char *p = init; *p; p++)
		if (*p == ' ')
			*p = '-';
	prompt_text(app, _("Save as: "), init, save_as_answer);
}

static int load_into(struct ui_app *app, const char *path)
{
	struct cd_errlist errs;
	int rc;

	cd_errlist_init(&errs);
	rc = app_load_scenario(app, path, &errs);
	if (rc == -1) {
		char msg[700];

		app_message(app, true, "%s%s",
		            errs.n ? cd_err_str(&errs.v[0], msg, sizeof msg) : path,
		            errs.n > 1 ? _(" (and more: capdash validate FILE)") : "");
	} else if (rc != 0) {
		app_message(app, true, _("out of memory opening %s"), path);
	}
	cd_errlist_done(&errs);
	return rc == 0 ? 0 : -1;
}

/* A name typed at the open prompt: a path, or a bare name looked up in the
 * scenario directories (".yaml" optional). */
static void open_answer(struct ui_app *app, const char *text, int answer)
{
	char dirs[6][4096], path[8300];
	int nd;

	(void)answer;
	if (!text || !*text)
		return;
	if (strchr(text, '/') || access(text, R_OK) == 0) {
		if (load_into(app, text) == 0)
			app_message(app, false, _("opened %s"), text);
		return;
	}
	nd = files_dirs("scenarios", dirs, 6);
	for (int i = 0; i < nd; i++) {
		snprintf(path, sizeof path, "%.4000s/%.300s", dirs[i], text);
		if (access(path, R_OK) != 0)
			snprintf(path, sizeof path, "%.4000s/%.300s.yaml", dirs[i], text);
		if (access(path, R_OK) == 0) {
			if (load_into(app, path) == 0)
				app_message(app, false, _("opened %s"), path);
			return;
		}
	}
	app_message(app, true, _("%s: no such scenario (Tab at the open prompt lists them)"), text);
}

static void free_names(struct ui_app *app)
{
	for (int i = 0; i < app->nnames; i++)
		free(app->names[i]);
	app->nnames = 0;
}

static void collect_names(struct ui_app *app)
{
	char dirs[6][4096];
	int nd = files_dirs("scenarios", dirs, 6);

	free_names(app);
	for (int i = 0; i < nd; i++) {
		DIR *d = opendir(dirs[i]);
		struct dirent *e;

		if (!d)
			continue;
		while ((e = readdir(d)) &&
		       app->nnames < (int)(sizeof app->names / sizeof app->names[0])) {
			size_t len = strlen(e->d_name);
			char path[8300];

			if (len < 6 || strcmp(e->d_name + len - 5, ".yaml") != 0)
				continue;
			snprintf(path, sizeof path, "%.4000s/%.255s", dirs[i], e->d_name);
			app->names[app->nnames] = strdup(path);
			if (app->names[app->nnames])
				app->nnames++;
		}
		closedir(d);
	}
}

/* The typed path prompt: Tab cycles through the scenario files.  init is
 * what was typed in the picker before switching here. */
static void open_prompt(struct ui_app *app, const char *init)
{
	char label[96];

	collect_names(app);
	snprintf(label, sizeof label, _("Open (Tab: %d found): "), app->nnames);
	prompt_text(app, label, init, open_answer);
	app->prompt.fresh = false; /* typing goes on after what is there */
	app->prompt.cands = (const char *const *)app->names;
	app->prompt.ncands = app->nnames;
}

/* ---- the scenario picker (o) ---- */

static void shown_path(const char *path, char *out, size_t size)
{
	char cwd[4096];

	picker_path_display(path, getcwd(cwd, sizeof cwd) ? cwd : NULL, getenv("HOME"), out, size);
}

/* In full (FILE:LINE:COL: what) for the message on Enter; in the row, where
 * the file's name is beside it, from the line on. */
static void pick_bad(struct picker *p, int i, const char *shown, const struct cd_err *e)
{
	char why[2600], brief[600];

	if (!e) {
		snprintf(why, sizeof why, _("%.2000s: does not load"), shown);
		snprintf(brief, sizeof brief, "%s", _("does not load"));
	} else if (e->line) {
		snprintf(why, sizeof why, "%.2000s:%u:%u: %s", shown, e->line, e->col, e->msg);
		snprintf(brief, sizeof brief, _("line %u: %s"), e->line, e->msg);
	} else {
		snprintf(why, sizeof why, "%.2000s: %s", shown, e->msg);
		snprintf(brief, sizeof brief, "%s", e->msg);
	}
	picker_set_bad(p, i, why, brief);
}

/* Load one file and ask the model for its F; a file that does not load
 * shows why and cannot be chosen.  Nothing is kept but the text. */
static void pick_describe(struct ui_app *app, struct picker *p, int i)
{
	const char *path = p->items[i].key;
	struct cd_errlist errs;
	struct scenario sc;
	struct budget_result r;
	struct cd_err err;
	char f[48], shown[4096];

	(void)app;
	cd_errlist_init(&errs);
	memset(&sc, 0, sizeof sc);
	shown_path(path, shown, sizeof shown);
	if (scenario_load(path, &sc, &errs) != 0) {
		pick_bad(p, i, shown, errs.n ? &errs.v[0] : NULL);
	} else if (budget_eval(&sc.in, &r, &err) != 0) {
		pick_bad(p, i, shown, &err);
	} else {
		if (sc.name[0])
			picker_set(p, i, 0, sc.name);
		picker_set(p, i, 2, money_format(r.capital, ui_money(MONEY_WHOLE), f, sizeof f));
	}
	scenario_done(&sc);
	cd_errlist_done(&errs);
}

static void pick_choose(struct ui_app *app, const char *path)
{
	char shown[4096];

	shown_path(path, shown, sizeof shown);
	if (load_into(app, shown[0] == '~' ? path : shown) == 0)
		app_message(app, false, _("opened %s"), shown);
}

static void pick_typed(struct ui_app *app, const char *text)
{
	open_prompt(app, text);
}

static const struct picker_ops pick_ops = {pick_describe, pick_choose, pick_typed};

struct found {
	char *path, *real;
};

static int cmp_found(const void *a, const void *b)
{
	return strcmp(((const struct found *)a)->path, ((const struct found *)b)->path);
}

/* Add dir's *.yaml to p, sorted, each real file once (seen holds the real
 * paths so far; *nseen grows).  The picker's cap counts the rest. */
static void add_dir(struct picker *p, const char *dir, char **seen, int *nseen, const char *current)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	struct found *f = NULL;
	int n = 0, cap = 0;

	if (!d)
		return;
	while ((e = readdir(d))) {
		size_t len = strlen(e->d_name);
		char path[8300], real[PATH_MAX];

		if (len < 6 || strcmp(e->d_name + len - 5, ".yaml") != 0 || e->d_name[0] == '.')
			continue;
		if (p->n + n >= PICKER_MAX_ITEMS) {
			p->more++;
			continue;
		}
		if (!strcmp(dir, "."))
			snprintf(path, sizeof path, "%.255s", e->d_name);
		else
			snprintf(path, sizeof path, "%.4000s/%.255s", dir, e->d_name);
		if (!realpath(path, real))
			snprintf(real, sizeof real, "%.*s", (int)sizeof real - 1, path);
		if (n == cap) {
			struct found *g = realloc(f, (size_t)(cap ? cap * 2 : 16) * sizeof *g);

			if (!g)
				break;
			f = g;
			cap = cap ? cap * 2 : 16;
		}
		f[n].path = strdup(path);
		f[n].real = strdup(real);
		if (!f[n].path || !f[n].real) {
			free(f[n].path);
			free(f[n].real);
			break;
		}
		n++;
	}
	closedir(d);
	if (n > 1)
		qsort(f, (size_t)n, sizeof *f, cmp_found);
	for (int i = 0; i < n; i++) {
		bool dup = false;
		char name[300], shown[4096];
		const char *base = strrchr(f[i].path, '/');
		int k;

		for (int j = 0; j < *nseen && !dup; j++)
			dup = !strcmp(seen[j], f[i].real);
		if (dup || *nseen >= PICKER_MAX_ITEMS) {
			free(f[i].real);
		} else {
			base = base ? base + 1 : f[i].path;
			snprintf(name, sizeof name, "%.*s", (int)(strlen(base) - 5), base);
			shown_path(f[i].path, shown, sizeof shown);
			if ((k = picker_add(p, f[i].path, name)) >= 0) {
				picker_set(p, k, 1, shown);
				p->items[k].current = current && !strcmp(current, f[i].real);
			}
			seen[(*nseen)++] = f[i].real;
		}
		free(f[i].path);
	}
	free(f);
}

static void open_picker(struct ui_app *app)
{
	static const char *const head[] = {N_("Scenario"), N_("File"), N_("Capital F")};
	char dirs[6][4096], current[PATH_MAX] = "", **seen;
	struct picker *p = picker_new(_("Open a scenario"), 3, head, &pick_ops);
	int nd = files_dirs("scenarios", dirs, 6), nseen = 0;

	seen = calloc(PICKER_MAX_ITEMS, sizeof *seen);
	if (!p || !seen) {
		picker_free(p);
		free(seen);
		open_prompt(app, ""); /* out of memory: the plain prompt still works */
		return;
	}
	p->verb = _("open");
	p->typed_hint = _("type a path");
	p->empty = _("no scenario files found: Tab or / to type a path");
	p->detail_left = true;
	if (app->path[0] && !realpath(app->path, current))
		current[0] = 0;
	/* the current directory's own files first, then the folders */
	add_dir(p, ".", seen, &nseen, current[0] ? current : NULL);
	for (int i = 0; i < nd; i++)
		add_dir(p, dirs[i], seen, &nseen, current[0] ? current : NULL);
	for (int i = 0; i < nseen; i++)
		free(seen[i]);
	free(seen);
	picker_show(app, p);
}

static void discard_answer(struct ui_app *app, const char *text, int answer)
{
	(void)text;
	if (answer == 'y' || answer == 'Y')
		open_picker(app);
}

void files_open(struct ui_app *app)
{
	if (app_modified(app))
		prompt_yesno(app, _("Unsaved changes. Open another scenario anyway? y/N"),
		             discard_answer);
	else
		open_picker(app);
}

static int recovery_dir(char *buf, size_t size)
{
	const char *st = getenv("XDG_STATE_HOME"), *home = getenv("HOME");
	char tmp[4096];

	if (st && *st)
		snprintf(tmp, sizeof tmp, "%s", st);
	else if (home && *home)
		snprintf(tmp, sizeof tmp, "%s/.local/state", home);
	else
		return -1;
	snprintf(buf, size, "%.4000s/capdash/recovery", tmp);
	/* mkdir -p, one level at a time */
	for (char *p = buf + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = 0;
		if (mkdir(buf, 0700) != 0 && errno != EEXIST) {
			*p = '/';
			return -1;
		}
		*p = '/';
	}
	if (mkdir(buf, 0700) != 0 && errno != EEXIST)
		return -1;
	return 0;
}

int files_recovery_write(struct ui_app *app)
{
	char dir[4096], path[4200];
	struct cd_err err;
	char *yaml;
	int rc;

	if (!app_modified(app) || recovery_dir(dir, sizeof dir) != 0)
		return app_modified(app) ? -1 : 0;
	snprintf(path, sizeof path, "%s/last.path", dir);
	if (cd_write_atomic(path, app->path, strlen(app->path), &err) != 0)
		return -1;
	yaml = scenario_to_yaml(&app->sc);
	if (!yaml)
		return -1;
	snprintf(path, sizeof path, "%s/last.yaml", dir);
	rc = cd_write_atomic(path, yaml, strlen(yaml), &err);
	free(yaml);
	return rc;
}

static void recovery_answer(struct ui_app *app, const char *text, int answer)
{
	char dir[4096], yaml[4200], old[4200], orig[4096] = "";
	struct cd_errlist errs;
	struct scenario sc;
	struct cd_err err;
	char *data = NULL;
	size_t len;

	(void)text;
	if (recovery_dir(dir, sizeof dir) != 0)
		return;
	snprintf(yaml, sizeof yaml, "%s/last.yaml", dir);
	if (answer != 'y' && answer != 'Y') {
		snprintf(old, sizeof old, "%s/declined.yaml", dir);
		rename(yaml, old);
		app_message(app, false, _("recovery file kept as %s"), old);
		return;
	}
	snprintf(old, sizeof old, "%s/last.path", dir);
	if (cd_read_file(old, sizeof orig - 1, &data, &len, &err) == 0) {
		memcpy(orig, data, len);
		orig[len] = 0;
		free(data);
	}
	cd_errlist_init(&errs);
	memset(&sc, 0, sizeof sc);
	if (scenario_load(yaml, &sc, &errs) != 0) {
		app_message(app, true, _("recovery file %s does not load"), yaml);
		cd_errlist_done(&errs);
		scenario_done(&sc);
		return;
	}
	cd_errlist_done(&errs);
	/* Start from the original file when it still loads, so the recovered
	 * changes show as unsaved changes to it. */
	if (!orig[0]) {
		struct scenario seed;

		scenario_builtin_seed(&seed);
		app_init_scenario(app, &seed, NULL);
		scenario_done(&seed);
	} else if (load_into(app, orig) != 0) {
		app->path[0] = 0;
	}
	if (app->sc.in.nroles != sc.in.nroles) {
		/* not an edit of what is on disk any more: take it whole, unsaved */
		app_init_scenario(app, &sc, NULL);
		app->unsaved = true;
	}
	/* the whole input, as one undo step: names, cost lines and the raise too */
	app_replace_input(app, &sc.in, _("the recovered changes"));
	scenario_done(&sc);
	snprintf(old, sizeof old, "%s/restored.yaml", dir);
	rename(yaml, old);
	app_message(app, false, _("recovered unsaved changes%s%s"), orig[0] ? " to " : "", orig);
}

void files_recovery_offer(struct ui_app *app)
{
	char dir[4096], yaml[4200];

	if (recovery_dir(dir, sizeof dir) != 0)
		return;
	snprintf(yaml, sizeof yaml, "%s/last.yaml", dir);
	if (access(yaml, R_OK) != 0)
		return;
	prompt_yesno(
	        app,
	        _("Unsaved changes from a session that was killed were saved. Restore them? y/N"),
	        recovery_answer);
}

void files_free(struct ui_app *app)
{
	free_names(app);
	/* a picker still open at exit: its window went with the screen */
	picker_free(app->picker);
	app->picker = NULL;
}
