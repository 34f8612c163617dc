#!/bin/bash
# The timeline view (m) and the runway beside F: m shows the plan month by
# month in the run pane's place at 120x40 (sliders still on screen) and as
# its own tab at 80x24 (quarters for a 24-month plan, the selected input as
# a slider on its first row), m and Esc bring the run pane back; a plan
# whose cash runs out shows the month, marked under the bars; moving a role
# slider or typing the months redraws the view at once; nothing cut at
# 120x40, 80x24 and 60x24; --ascii has no UTF-8 and NO_COLOR / --no-color
# no colour, with the bars told apart by their fills; the budget pane's F
# line shows the runway, and P shows it in block digits beside F.
. "$(dirname "$0")/lib.sh"

# settle: wait until the screen stops changing (two equal captures)
settle() {
	local a b i=0
	a=$(e2e_screen)
	while [ "$i" -lt 40 ]; do
		sleep 0.05
		b=$(e2e_screen)
		[ "$a" = "$b" ] && return 0
		a=$b; i=$((i + 1))
	done
}

# select LABEL: ↓ until the budget's selection is on LABEL
select_item() {
	for _ in $(seq 1 30); do
		e2e_screen | grep -qF "▸$1" && return 0
		e2e_keys Down
		sleep 0.05
	done
	e2e_screen | grep -qF "▸$1"
}

has_color() { e2e_screen_attrs | grep -qE $'\e\\[([0-9]+;)*(3[0-7]|38|4[0-7]|48|9[0-7])[;m]'; }

# A seed with a $7M raise over 24 months: month 1 pays C and D ($3.95M),
# then $450,000 a month, so the cash runs out in month 8.
SHORT=$E2E_TMP/short-runway.yaml
cat >"$SHORT" <<'EOF'
name: "Short runway"
compute:
  gpus: 5
  gpu_unit_cost: 200000
  gpu_hourly_cost: 2.49
data:
  samples: 500000
  label_cost: 5
people:
  months: 24
  roles:
    - name: Data scientists
      count: 10
      monthly_salary: 30000
    - name: ML engineers
      count: 5
      monthly_salary: 30000
capital:
  alpha: 0.3
  fixed_costs: 0
  raised: 7000000
EOF

# ---- 120x40, the seed: the view beside the budget ----
e2e_start 120 40
e2e_wait '$29,666,667' >/dev/null
check "120x40: the headline shows the runway beside F" e2e_wait_re 'Capital  F .*Runway > 12 mo│'
check "120x40: the compact F is still there as loaded" e2e_wait '$29.67M'
e2e_keys m
check "m: the timeline in the run pane's place" e2e_wait_re '┐┌ Timeline · by month'
check "the sliders stay on screen" e2e_wait '▸GPUs'
check "12 months, a column each" e2e_wait_re '^│.*│ +1  2  3 .* 12 +│'
check "the runway under the bars" \
	e2e_wait 'lasts the 12 months (at the last burn, until month 59)'
check "the rent-or-buy line" e2e_wait_re 'break-even 110\.0 months'
check "the legend names C, D, H, O and the cash line" e2e_wait_re '█ Compute +█ Data +█ People +█ Other +• cash'
check "the burn and cash scales" e2e_wait_re '\$3\.95M│•+ .*│\$25\.72M'
settle
e2e_check_cuts "120x40 timeline: nothing cut"
before=$(e2e_screen)
select_item 'Data scientists'
e2e_keys Right
check "a role slider redraws the view at once (11 people: month 58)" \
	e2e_wait 'lasts the 12 months (at the last burn, until month 58)'
[ "$before" != "$(e2e_screen)" ] && ok "the view changed" || not_ok "the view changed" "same screen"
e2e_keys u
e2e_wait 'until month 59' >/dev/null
e2e_keys m
check "m again: the run pane is back" e2e_wait_re '┐┌ Run'
e2e_gone 'Timeline' >/dev/null
e2e_keys m
e2e_wait_re '┌ Timeline' >/dev/null
e2e_keys Escape
check "Esc closes the view too" e2e_wait_re '┐┌ Run'
e2e_keys '?'
check "the help lists m" e2e_wait_re 'm +timeline: the plan month by month'
e2e_keys q
e2e_gone 'timeline: the plan' >/dev/null
e2e_keys q
e2e_exited >/dev/null

# ---- 120x40, a raise that runs out ----
e2e_start 120 40 -- "$SHORT"
e2e_wait '$47,666,667' >/dev/null
check "the headline says the runway in months" e2e_wait_re 'Capital  F .*Runway 8 mo│'
e2e_keys m
check "24 months on a 56-cell view: by quarter" e2e_wait_re '┌ Timeline · by quarter'
check "the runout month, marked under the bars" e2e_wait_re '│ +▲ cash runs out in month 8 +│'
# the marker: a vertical line in the plot's column of the ▲
col=$(e2e_screen | perl -CSD -Mutf8 -ne 'if (/▲ cash runs out/) { print index($_, "▲"); exit }')
marks=$(e2e_screen | perl -CSD -Mutf8 -e '$c = shift; $n = 0; while (<STDIN>) { $n++ if length($_) > $c && substr($_, $c, 1) eq "│" } print $n' "$col")
check "a vertical marker above the ▲ (column $col, $marks rows)" [ "${marks:-0}" -ge 8 ]
select_item 'Data scientists'
e2e_keys Enter
e2e_type 20
e2e_keys Enter
check "20 data scientists: the cash runs out in month 5" e2e_wait 'cash runs out in month 5'
check "and the headline follows" e2e_wait_re 'Runway 5 mo│'
e2e_keys u
e2e_wait 'cash runs out in month 8' >/dev/null
select_item 'Months'
e2e_keys Enter
e2e_type 12
e2e_keys Enter
check "12 months: a column a month again" e2e_wait_re '┌ Timeline · by month'
check "the months' labels" e2e_wait_re '│ +1  2  3 .*12 +│'
e2e_screen | grep -q 'Q1' && not_ok "no quarters left" "Q1 on screen" || ok "no quarters left"
settle
e2e_check_cuts "120x40 runout: nothing cut"
e2e_keys u
e2e_keys P
check "P: F and the runway in block digits" e2e_wait 'Runway, months'
# the runway's block digits under its caption: an 8 (three lit rows)
big=$(e2e_screen | perl -CSD -Mutf8 -e '
	my @l = <STDIN>; my $c = -1;
	for (@l) { if (/Runway, months/) { $c = index($_, "Runway, months"); last } }
	my $lit = 0;
	for my $r (2 .. 6) { $lit++ if $c >= 0 && substr($l[$r], $c, 14) =~ /██████/ }
	print $lit')
check "the runway's digits stand under its caption ($big rows of 3 lit)" [ "${big:-0}" -ge 3 ]
check "P still shows F" e2e_wait '$47,666,667'
settle
e2e_check_cuts "120x40 presentation: nothing cut"
e2e_keys P q
e2e_exited >/dev/null

# ---- 80x24: a tab of its own, by quarter ----
e2e_start 80 24 -- "$SHORT"
e2e_wait '$47,666,667' >/dev/null
check "80x24: the headline shows the runway" e2e_wait 'Runway 8 mo'
e2e_keys m
check "80x24: m shows the view by quarter" e2e_wait_re '^┌ Timeline · by quarter'
check "80x24: Q1 to Q8" e2e_wait_re '│ +Q1 +Q2 .*Q8 '
check "80x24: the runout month" e2e_wait 'cash runs out in month 8'
check "80x24: the selected input as a slider" e2e_wait_re '^│ ▸GPUs ━+●─+ 5 │'
check "80x24: the rent-or-buy line" e2e_wait 'break-even'
check "80x24: the budget's keys in the bar, Tab back to the budget" e2e_wait_last 'adjust .*Tab budget'
settle
e2e_check_cuts "80x24 timeline: nothing cut"
e2e_keys Right
check "80x24: → moves the GPUs from the view" e2e_wait_re '▸GPUs ━+●─+ 6 │'
check "80x24: the view follows (Q1's burn \$4.85M -> \$5.05M)" e2e_wait '$5.05M│'
e2e_keys u
e2e_keys Tab
check "80x24: Tab shows the budget, titled for the timeline" e2e_wait 'Tab: timeline'
check "80x24: and the key bar says Tab goes to it" e2e_wait_last 'Tab timeline'
e2e_keys Tab
e2e_wait_re '^┌ Timeline' >/dev/null
e2e_keys m
check "80x24: m again gives back the budget" e2e_wait_re '^┌ Budget'
e2e_keys P
check "80x24: P shows the runway big" e2e_wait 'Runway, months'
settle
e2e_check_cuts "80x24 presentation: nothing cut"
e2e_keys m
check "80x24: m in P says how to see the timeline" e2e_wait_last 'P leaves presentation mode'
e2e_keys P
check "80x24: and P leaves P for the budget, not the view" e2e_wait_re '^┌ Budget'
e2e_resize 60 24
e2e_keys m
check "60x24: the view" e2e_wait_re '^┌ Timeline · by quarter'
settle
e2e_check_cuts "60x24 timeline: nothing cut"
e2e_keys m
e2e_wait_re '^┌ Budget' >/dev/null
settle
e2e_check_cuts "60x24 budget with the runway: nothing cut"
e2e_keys q
e2e_exited >/dev/null

# ---- no colour, no UTF-8 ----
for mode in NO_COLOR=1 --no-color --ascii; do
	args=(); envs=()
	case $mode in NO_COLOR=*) envs=("$mode") ;; *) args=("$mode") ;; esac
	e2e_start 80 24 "${envs[@]}" -- "${args[@]}" "$SHORT"
	e2e_wait '$47,666,667' >/dev/null
	e2e_keys m
	e2e_wait 'cash runs out in month 8' >/dev/null
	settle
	if [ "$mode" = --ascii ]; then
		check "$mode: the legend in ASCII fills" e2e_wait_re '# Compute += Data +\. People +\+ Other +\* cash'
		check "$mode: an ASCII frame and marker" e2e_wait_re '^\+ Timeline - by quarter'
		check "$mode: the runout mark" e2e_wait '^ cash runs out in month 8'
		e2e_screen | LC_ALL=C grep -q '[^ -~]' && not_ok "$mode: no UTF-8 on screen" "$(e2e_screen | LC_ALL=C grep -n '[^ -~]' | head -3)" ||
			ok "$mode: no UTF-8 on screen"
	else
		check "$mode: each part its own fill" e2e_wait_re '█ Compute +▓ Data +░ People +▒ Other +• cash'
		check "$mode: the bars in those fills" e2e_wait_re '│ (░░░░|▓▓▓▓|████) '
	fi
	if [ "$mode" != --ascii ]; then
		has_color && not_ok "$mode: no colour" "colour escapes on screen" || ok "$mode: no colour"
	fi
	e2e_check_cuts "$mode timeline: nothing cut"
	e2e_keys q
	e2e_exited >/dev/null
done
e2e_finish
