#!/bin/bash
# Saving from the dashboard edits the file in place (issue 12): a preset with
# comments, a sliders section and keys left at their defaults is opened, one
# input is changed and s saves; the file must differ from the original in
# that one value only, its comments kept and no default key added.  Saving
# through a symbolic link keeps the link and writes its target (issue 11).
. "$(dirname "$0")/lib.sh"
real=$E2E_TMP/real
mkdir -p "$real"
plan=$real/lab.yaml
link=$E2E_TMP/lab-link.yaml
cp "$CAPDASH_SRC/scenarios/lab-8gpu-servers.yaml" "$plan"
ln -s "$plan" "$link"

e2e_start 120 40 -- "$link"
e2e_wait 'Research lab' >/dev/null
e2e_keys Right
check "an input changed" e2e_wait_re "$E2E_MODIFIED_TITLE"
e2e_keys s
check "s saves through the link" e2e_wait "saved $link"
e2e_keys q
check "q quits" [ "$(e2e_exited)" = 0 ]

[ -L "$link" ] && ok "the link is still a link" || not_ok "the link is still a link" "replaced"
# gpus has a slider step of 8 in this preset: 32 -> 40, nothing else.
diff "$CAPDASH_SRC/scenarios/lab-8gpu-servers.yaml" "$plan" >"$E2E_TMP/diff"
if [ "$(wc -l <"$E2E_TMP/diff")" -eq 4 ] && grep -q '^<   gpus: 32$' "$E2E_TMP/diff" &&
	grep -q '^>   gpus: 40$' "$E2E_TMP/diff"; then
	ok "only the changed value differs"
else
	not_ok "only the changed value differs" "$(cat "$E2E_TMP/diff")"
fi
grep -q '^# Prices (public figures' "$plan" && ok "comments kept" || not_ok "comments kept" "gone"
e2e_finish
