#!/bin/bash
# The dashboard in Chinese: LANG=zh_CN.UTF-8 with LC_ALL unset (empty), at
# 120x40 and 80x24.  The budget pane's labels and captions whole, F in 万
# (2,966.67万 for the seed), the key bar and the help overlay in Chinese,
# the open picker (o) in Chinese, a slider step moves F, q asks in Chinese;
# no line is wider than the screen in display cells (a CJK character is
# two); the Chinese scenario's role names line up (their sliders start in
# one column).  Skips, saying so, only when the zh_CN.UTF-8 locale is
# missing (make deps generates it).
. "$(dirname "$0")/lib.sh"

if ! locale -a 2>/dev/null | grep -qiE '^zh_CN\.utf-?8$'; then
	echo "ok 1 # skip zh_CN.UTF-8 locale not installed (make deps generates it)"
	exit 0
fi
E2E_LANG=zh_CN.UTF-8
ZH_SCENARIO=$(cd "$(dirname "$0")/../.." && pwd)/scenarios/zh-image-recognition.yaml

# Display cells of each screen line (East Asian wide and fullwidth: two),
# printed for lines wider than $1; nothing printed when all fit.
too_wide() {
	e2e_screen | python3 -c '
import sys, unicodedata
w = int(sys.argv[1])
for n, line in enumerate(sys.stdin.read().split("\n"), 1):
    c = sum(2 if unicodedata.east_asian_width(ch) in "WF" else 0 if unicodedata.combining(ch) else 1
            for ch in line)
    if c > w:
        print("line %d: %d cells: %s" % (n, c, line))' "$1"
}
fits() {
	local out
	out=$(too_wide "$2")
	[ -z "$out" ] && ok "$1" || not_ok "$1" "$out"
}
# The key bar is the last line.
bar_has() { e2e_screen | tail -1 | grep -qF -- "$1"; }
# The display column where a row's slider track starts (after its label).
track_col() {
	e2e_screen | grep -F -- "$1" | head -1 | python3 -c '
import sys, unicodedata
line = sys.stdin.read().rstrip("\n")
lab = sys.argv[1]
i = line.find(lab) + len(lab)
while i < len(line) and line[i] == " ":
    i += 1
print(sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in line[:i]))' "$1"
}

for size in 120x40 80x24; do
	cols=${size%x*} rows=${size#*x}
	e2e_start "$cols" "$rows" LC_ALL=
	check "$size: F in 万 (2,966.67万)" e2e_wait '2,966.67万'
	e2e_screen | grep -qF '$29,666,667' && not_ok "$size: no dollar F" "\$29,666,667 shown" ||
		ok "$size: no dollar F"
	check "$size: budget title in Chinese" e2e_wait '┌ 预算 · '
	check "$size: compute caption" e2e_wait '算力成本 C'
	check "$size: people caption" e2e_wait '人员成本 H'
	check "$size: capital caption" e2e_wait '所需资本 F'
	check "$size: slider label from the model's fields" e2e_wait_re '(^|│) *▸? *GPU +[─━●]'
	check "$size: key bar in Chinese (帮助)" bar_has '帮助'
	check "$size: key bar says 退出 for q" bar_has '退出'
	fits "$size: no line wider than $cols cells" "$cols"
	e2e_keys '?'
	check "$size: help overlay titled 按键" e2e_wait '按键'
	check "$size: help line in Chinese" e2e_wait '选择上一个输入'
	fits "$size: help overlay fits $cols cells" "$cols"
	e2e_keys Escape
	check "$size: help closes" e2e_gone '选择上一个输入'
	e2e_keys o
	check "$size: the open picker in Chinese" e2e_wait '打开方案'
	check "$size: its hints in Chinese" e2e_wait 'Esc 取消'
	fits "$size: the picker fits $cols cells" "$cols"
	e2e_keys Escape
	check "$size: the picker closes" e2e_gone 'Esc 取消'
	e2e_keys Right
	check "$size: a GPU more moves F to 3,033.33万" e2e_wait '3,033.33万'
	check "$size: and the old F is gone" e2e_gone '2,966.67万'
	e2e_keys q
	check "$size: q asks in Chinese" e2e_wait '有未保存的修改。不保存就退出？y/N'
	fits "$size: the question fits" "$cols"
	e2e_keys y
	st=$(e2e_exited)
	[ "$st" = 0 ] && ok "$size: q quits" || not_ok "$size: q quits" "status '$st'"
done

# The Chinese scenario: its role names (7 and 5 characters, 14 and 10
# cells) line up with the other labels: every slider track starts in one
# column, counted in cells.
for size in 120x40 80x24; do
	cols=${size%x*} rows=${size#*x}
	e2e_start "$cols" "$rows" LC_ALL= -- "$ZH_SCENARIO"
	check "$size: zh scenario opens with its name" e2e_wait '种子轮：图像识别'
	check "$size: role 数据科学家 shown" e2e_wait '数据科学家'
	check "$size: role 机器学习工程师 shown" e2e_wait '机器学习工程师'
	a=$(track_col '数据科学家') b=$(track_col '机器学习工程师') g=$(track_col 'GPU')
	[ -n "$a" ] && [ "$a" = "$b" ] && [ "$a" = "$g" ] &&
		ok "$size: role sliders start in one column ($a)" ||
		not_ok "$size: role sliders start in one column" "GPU $g, 数据科学家 $a, 机器学习工程师 $b"
	fits "$size: zh scenario: no line wider than $cols cells" "$cols"
	e2e_keys q
	st=$(e2e_exited)
	[ "$st" = 0 ] && ok "$size: zh scenario: q quits" || not_ok "$size: zh scenario: q quits" "status '$st'"
done
e2e_finish
