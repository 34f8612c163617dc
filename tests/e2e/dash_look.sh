#!/bin/bash
# Looks: help overlay, presentation mode, theme cycling, no colour (NO_COLOR
# and --no-color), and the ASCII fallback (non-UTF-8 locale and --ascii).
. "$(dirname "$0")/lib.sh"

has_color() { e2e_screen_attrs | grep -qE $'\e\\[([0-9]+;)*(3[0-7]|38|4[0-7]|48|9[0-7])[;m]'; }

e2e_start 120 40
e2e_wait '$29,666,667' >/dev/null
check "colour is used by default" has_color
e2e_keys F1
check "F1 opens the help" e2e_wait 'type an exact value'
check "help lists Ctrl-R" e2e_wait 'Ctrl-R'
check "help lists PgUp" e2e_wait 'PgUp'
e2e_keys q
check "a key closes the help (q does not quit from it)" e2e_gone 'type an exact value'

e2e_keys P
check "P: presentation mode" e2e_wait 'Capital needed'
check "presentation: F in block digits" e2e_wait '██████'
e2e_screen | grep -q 'Prices' && not_ok "presentation: only the main sliders" "price fields shown" ||
	ok "presentation: only the main sliders"
e2e_keys Right
check "presentation: sliders still move F" e2e_wait '$30,333,333'
e2e_keys P
check "P again returns" e2e_wait 'Prices'

before=$(e2e_screen_attrs | md5sum)
e2e_keys T
check "T switches theme (to dark)" e2e_wait 'theme: dark'
after=$(e2e_screen_attrs | md5sum)
[ "$before" != "$after" ] && ok "the theme changes what is drawn" || not_ok "the theme changes what is drawn" "same screen"
for _ in 1 2 3 4 5 6; do e2e_keys T; done
check "cycling through every theme keeps the dashboard" e2e_wait '$30,333,333'
e2e_keys u q
e2e_exited >/dev/null

e2e_start 120 40 NO_COLOR=1
e2e_wait '$29,666,667' >/dev/null
has_color && not_ok "NO_COLOR: no colour" "colour escapes on screen" || ok "NO_COLOR: no colour"
e2e_screen_attrs | grep -q $'\e\\[[0-9;]*7[;m]' && ok "NO_COLOR: reverse-video knob" || not_ok "NO_COLOR: reverse-video knob" "no reverse video"
e2e_keys q
e2e_exited >/dev/null

e2e_start 120 40 -- --no-color
e2e_wait '$29,666,667' >/dev/null
has_color && not_ok "--no-color: no colour" "colour escapes on screen" || ok "--no-color: no colour"
e2e_keys q
e2e_exited >/dev/null

for term in xterm-256color xterm screen tmux-256color linux vt100; do
	E2E_TERM=$term e2e_start 80 24
	check "TERM=$term works" e2e_wait '$29,666,667'
	e2e_keys Right
	check "TERM=$term: keys work" e2e_wait '$30,333,333'
	e2e_keys u q
	check "TERM=$term: quits cleanly" [ "$(e2e_exited)" = 0 ]
done

# $XDG_CONFIG_HOME/capdash/config.yaml picks the theme; a flag overrides it.
mkdir -p "$XDG_CONFIG_HOME/capdash"
printf 'theme: mono\nmouse: false\n' >"$XDG_CONFIG_HOME/capdash/config.yaml"
e2e_start 120 40
e2e_wait '$29,666,667' >/dev/null
has_color && not_ok "config.yaml theme: mono" "colour on screen" || ok "config.yaml theme: mono"
e2e_keys q
e2e_exited >/dev/null
e2e_start 120 40 -- --theme dark
e2e_wait '$29,666,667' >/dev/null
check "--theme overrides config.yaml" has_color
e2e_keys q
e2e_exited >/dev/null
rm "$XDG_CONFIG_HOME/capdash/config.yaml"

E2E_LANG=C e2e_start 120 40
check "C locale: ASCII frame" e2e_wait_re '^\+ Budget - [^|]+ -+\+'
check "C locale: F shown" e2e_wait '$29,666,667'
e2e_screen | grep -qE '│|━|●' && not_ok "C locale: no UTF-8 at all" "UTF-8 drawn" || ok "C locale: no UTF-8 at all"
e2e_keys q
e2e_exited >/dev/null

e2e_start 120 40 -- --ascii
check "--ascii: ASCII frame in a UTF-8 locale" e2e_wait_re '^\+ Budget - [^|]+ -+\+'
check "--ascii: an ASCII slider" e2e_wait_re '>GPUs .*=*O-*'
e2e_keys q
e2e_exited >/dev/null
# A bad theme file: FILE:LINE:COL on stderr at start, the default theme, no crash.
printf 'name: broken\nroles:\n  knob: { fg: nonsense }\n' >"$E2E_TMP/broken.yaml"
e2e_start 120 40 -- --theme "$E2E_TMP/broken.yaml"
check "bad theme file: the dashboard still starts" e2e_wait '$29,666,667'
check "bad theme file: FILE:LINE:COL in the status line" e2e_wait_last 'broken.yaml:3:[0-9]+:'
has_color && ok "bad theme file: the default theme is used" || not_ok "bad theme file: the default theme is used" "no colour"
e2e_keys q
e2e_exited >/dev/null
grep -qE 'broken.yaml:3:[0-9]+:' "$E2E_TMP/stderr" && ok "bad theme file: FILE:LINE:COL on stderr" ||
	not_ok "bad theme file: FILE:LINE:COL on stderr" "stderr: $(cat "$E2E_TMP/stderr")"
# ... and when t reaches a bad theme, the message goes to the status line.
mkdir -p "$XDG_CONFIG_HOME/capdash/themes"
cp "$E2E_TMP/broken.yaml" "$XDG_CONFIG_HOME/capdash/themes/dark.yaml"
e2e_start 120 40
e2e_wait '$29,666,667' >/dev/null
e2e_keys T
check "T onto a bad theme: FILE:LINE:COL in the status line" e2e_wait_re 'dark.yaml:3:[0-9]+:'
e2e_keys T
check "T again moves on" e2e_wait 'theme: light'
rm -r "$XDG_CONFIG_HOME/capdash/themes"
e2e_keys q
e2e_exited >/dev/null
e2e_finish
