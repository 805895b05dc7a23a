#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Self-test of the series tools: a well-formed patch must pass every
# check, and each deliberately broken one must be rejected by the check
# that matches its fault, with the kernel tree left as it was:
#   - a patch that does not apply        -> tools/apply
#   - a patch that does not build        -> tools/check (bisect)
#   - a bad subject                      -> tools/check (subjects)
#   - no Signed-off-by                   -> tools/check (subjects)
#   - a new W=1 warning                  -> tools/check (warnings)
#   - a checkpatch error                 -> tools/check (checkpatch)
#   - malformed series files (missing patch, duplicate, bad base line)
#   - export: deterministic, and apply -> export round-trips
#   - apply replaces a work branch it built itself, keeps one with commits
#     of its own unless forced, and rejects a bad PCIERR_APPLY_FORCE
#   - a config fragment option that does not survive olddefconfig
# The fixture commits are made with git plumbing (a scratch index), so the
# work tree is not touched while they are made.
#
# Prints TAP and "N passed, N failed, N skipped".
set -uo pipefail
PCIERR_TOOL=selftest
. "$(dirname "$0")/../lib/common.sh"
kernel_repo_ready
tools=$PCIERR_TOP/tools
g() { git -C "$KSRC" "$@"; }

# Everything happens on a scratch work branch: the developer's is never
# touched, even when a tool misbehaves.
export WORK_BRANCH=pcierr-selftest
# The fixtures decide when apply may replace a branch, not the caller's
# environment (CI forces it for its own cached tree).
unset PCIERR_APPLY_FORCE
# The fixtures touch pseries code only: one configuration is enough, and
# the directory they touch (drivers/pci/) is enough of it.
export PCIERR_CHECK_VARIANTS=pseries:dirs PCIERR_TIP_VARIANTS= PCIERR_TIP_FULL=0
tmp=$(mktemp -d "$PCIERR_BUILD/.selftest.XXXXXX")
orig=$(g symbolic-ref -q --short HEAD || g rev-parse HEAD)
orig_sha=$(g rev-parse HEAD)
cleanup() {
	g am --abort >/dev/null 2>&1
	g checkout -q -f "$orig"
	g branch -D -q pcierr-selftest pcierr-selftest-old >/dev/null 2>&1
	g update-ref -d refs/pcierr/applied/pcierr-selftest >/dev/null 2>&1
	rm -rf "$tmp"
}
trap cleanup EXIT

n=0 pass=0 fail=0
result() {	# result 0|1 DESCRIPTION
	n=$((n + 1))
	if [ "$1" -eq 0 ]; then
		echo "ok $n $2"; pass=$((pass + 1))
	else
		echo "not ok $n $2"; fail=$((fail + 1))
		[ -s "$tmp/out" ] && sed 's/^/# /' "$tmp/out" | tail -n 25
	fi
}
# expect_fail DESCRIPTION REGEX COMMAND...: the command must fail, print
# REGEX, and leave HEAD and the tree untouched.
expect_fail() {
	local desc=$1 re=$2 rc=0
	shift 2
	"$@" > "$tmp/out" 2>&1 || rc=$?
	if [ $rc -eq 0 ]; then
		echo "# command succeeded but should have failed: $*" >> "$tmp/out"
		result 1 "$desc"
	elif ! grep -qE "$re" "$tmp/out"; then
		echo "# expected output matching: $re" >> "$tmp/out"
		result 1 "$desc"
	elif [ "$(g rev-parse HEAD)" != "$orig_sha" ] ||
	     [ "$(g symbolic-ref -q --short HEAD || g rev-parse HEAD)" != "$orig" ] ||
	     [ -n "$(g status --porcelain --untracked-files=no)" ]; then
		echo "# the kernel tree was not left as it was" >> "$tmp/out"
		result 1 "$desc"
	else
		result 0 "$desc"
	fi
}
expect_pass() {
	local desc=$1
	shift
	"$@" > "$tmp/out" 2>&1
	result $? "$desc"
}

base=$(base_tag 2>/dev/null)
author="Pat Tester <pat.tester@example.org>"

# mkcommit PARENT FILE SED_EXPR SUBJECT [BODY...]: a commit changing FILE
# by SED_EXPR, made without touching the work tree (author: Pat Tester, or
# FIXTURE_NAME and FIXTURE_EMAIL).
mkcommit() {
	local parent file=$2 expr=$3 subject=$4 blob tree
	parent=$(g rev-parse "$1^{commit}")
	shift 4
	export GIT_INDEX_FILE=$tmp/index
	g read-tree "$parent"
	blob=$(g show "$parent:$file" | sed "$expr" | g hash-object -w --stdin)
	[ "$blob" != "$(g rev-parse "$parent:$file")" ] || { echo "fixture: '$expr' changes nothing in $file" >&2; return 1; }
	g update-index --cacheinfo "100644,$blob,$file"
	tree=$(g write-tree)
	unset GIT_INDEX_FILE
	local msg=$subject
	for part in "$@"; do msg=$(printf '%s\n\n%s' "$msg" "$(echo "$part" | fold -s -w 72 | sed 's/ *$//')"); done
	GIT_AUTHOR_NAME="${FIXTURE_NAME:-Pat Tester}" GIT_AUTHOR_EMAIL="${FIXTURE_EMAIL:-pat.tester@example.org}" \
	GIT_COMMITTER_NAME="${FIXTURE_NAME:-Pat Tester}" GIT_COMMITTER_EMAIL="${FIXTURE_EMAIL:-pat.tester@example.org}" \
	GIT_AUTHOR_DATE="2026-01-01T00:00:00Z" GIT_COMMITTER_DATE="2026-01-01T00:00:00Z" \
		g commit-tree "$tree" -p "$parent" -m "$msg"
}
# mkseries NAME COMMIT...: a series folder with format-patch files.
mkseries() {
	local dir=$tmp/$1 c i=0
	shift
	mkdir -p "$dir/patches"
	head -n1 "$SERIES" > "$dir/series"
	for c in "$@"; do
		i=$((i + 1))
		g format-patch -q --zero-commit --no-signature --start-number=$i -1 "$c" -o "$dir/patches" >/dev/null
	done
	(cd "$dir/patches" && ls -1 *.patch 2>/dev/null) >> "$dir/series"
	echo "$dir/series"
}

file=drivers/pci/pci.c
sob="Signed-off-by: $author"
good=$(mkcommit "$base" $file 's/ \* Return 0 on success or -ENOTTY if/ * Return 0 on success, or -ENOTTY if/' \
	"PCI: Clarify the return value of pci_bridge_wait_for_secondary_bus()" \
	"The comment above pci_bridge_wait_for_secondary_bus() runs its two return values together. Separate them with a comma so the error case reads as one." \
	"$sob") || exit 1
nobuild=$(mkcommit "$base" $file '0,/^EXPORT_SYMBOL(pci_enable_device);/s//EXPORT_SYMBOL(pci_enable_device)\nint pcierr_selftest_broken = ;/' \
	"PCI: Add a statement that does not compile" \
	"Fixture: the bisect check must reject this." "$sob") || exit 1
badsubj=$(mkcommit "$base" $file 's/ \* Return 0 on success or -ENOTTY if/ * Return 0 on success, or -ENOTTY if/' \
	"pci: added errno to the comment." "Fixture: the subject linter must reject this." "$sob") || exit 1
nosob=$(mkcommit "$base" $file 's/ \* Return 0 on success or -ENOTTY if/ * Return 0 on success, or -ENOTTY if/' \
	"PCI: Clarify the return value of pci_bridge_wait_for_secondary_bus()" \
	"Fixture: the Signed-off-by check must reject this.") || exit 1
newwarn=$(mkcommit "$base" $file '0,/^EXPORT_SYMBOL(pci_enable_device);/s//EXPORT_SYMBOL(pci_enable_device);\n\nint pcierr_selftest_noproto(void)\n{\n\treturn 0;\n}/' \
	"PCI: Add a function without a prototype" \
	"Fixture: W=1 warns about the missing prototype; the warnings check must reject this." "$sob") || exit 1
placeholder="$PLACEHOLDER_NAME <$PLACEHOLDER_EMAIL>"
ph=$(FIXTURE_NAME=$PLACEHOLDER_NAME FIXTURE_EMAIL=$PLACEHOLDER_EMAIL mkcommit "$base" $file \
	's/ \* Return 0 on success or -ENOTTY if/ * Return 0 on success, or -ENOTTY if/' \
	"PCI: Clarify the return value of pci_bridge_wait_for_secondary_bus()" \
	"Fixture: committed with the kernel tree's placeholder identity." \
	"Signed-off-by: $placeholder") || exit 1
cperr=$(mkcommit "$base" $file 's/\( \* Return 0 on success or -ENOTTY if.*\)$/\1  /' \
	"PCI: Leave trailing whitespace in a comment" \
	"Fixture: checkpatch must reject this." "$sob") || exit 1

echo "TAP version 13"
echo "1..32"

# Malformed series files.
mkdir -p "$tmp/bad/patches"
printf '# base: v7.2.13\nmissing.patch\n' > "$tmp/bad/series"
expect_fail "apply rejects a series naming a missing patch" "missing.patch' does not exist" \
	env SERIES="$tmp/bad/series" "$tools/apply"
g format-patch -q --zero-commit -1 "$good" -o "$tmp/bad/patches" >/dev/null
p=$(cd "$tmp/bad/patches" && ls)
printf '# base: v7.2.13\n%s\n%s\n' "$p" "$p" > "$tmp/bad/series"
expect_fail "apply rejects a series listing a patch twice" "listed twice" \
	env SERIES="$tmp/bad/series" "$tools/apply"
printf 'base v7.2.13\n%s\n' "$p" > "$tmp/bad/series"
expect_fail "apply rejects a series without a '# base:' line" "first line must be '# base:" \
	env SERIES="$tmp/bad/series" "$tools/apply"
printf '# base: v7.2.13\n../%s\n' "$p" > "$tmp/bad/series"
expect_fail "apply rejects a patch path outside patches/" "must be a file name inside" \
	env SERIES="$tmp/bad/series" "$tools/apply"
expect_fail "check rejects a malformed series too" "must be a file name inside" \
	env SERIES="$tmp/bad/series" "$tools/check"

# A patch that does not apply: the good patch with its context changed.
s=$(mkseries noapply "$good")
cp "$tmp"/noapply/patches/*.patch "$tmp/orig.patch"
sed -i '0,/^  \* /s/^  \* /  * context that is not in the tree /' "$tmp/noapply/patches/"*.patch
cmp -s "$tmp/orig.patch" "$tmp"/noapply/patches/*.patch && { echo "fixture: no context line changed" >&2; exit 1; }
expect_fail "apply rejects a patch that does not apply, names it, leaves the tree" \
	"patch 1 \(0001-.*\) does not apply" env SERIES="$s" "$tools/apply"

# The good patch passes every check; apply and export round-trip.
s=$(mkseries good "$good")
expect_pass "check passes a well-formed patch (all four checks)" \
	env SERIES="$s" "$tools/check"
grep -q "check: 4 passed, 0 failed, 0 skipped" "$tmp/out"
result $? "check ran all four checks on the good patch"
s2=$(mkseries nobuild "$nobuild")
expect_fail "check rejects a patch that does not build (bisect)" \
	"patch 1 .* does not build|the tip does not build" env SERIES="$s2" "$tools/check" --only=bisect
grep -q "check: bisect (pseries): FAIL" "$tmp/out" && grep -q "int pcierr_selftest_broken = ;" "$tmp/out"
result $? "the bisect check shows the compiler's error"
s2=$(mkseries badsubj "$badsubj")
expect_fail "check rejects a bad subject (prefix, capital, tense, period)" \
	"subject prefix 'pci:' is not allowed" env SERIES="$s2" "$tools/check" --only=subjects
grep -q "past tense" "$tmp/out" && grep -q "ends with a period" "$tmp/out"
result $? "the subject linter names the tense and the period"
s2=$(mkseries nosob "$nosob")
expect_fail "check rejects a patch without Signed-off-by" "no Signed-off-by" \
	env SERIES="$s2" "$tools/check" --only=subjects
s2=$(mkseries newwarn "$newwarn")
expect_fail "check rejects a patch adding a W=1 warning" \
	"NEW  drivers/pci/pci.c: pcierr_selftest_noproto\(\): warning: no previous prototype" \
	env SERIES="$s2" "$tools/check" --only=warnings
s2=$(mkseries cperr "$cperr")
expect_fail "check rejects a checkpatch finding" "TRAILING_WHITESPACE" \
	env SERIES="$s2" "$tools/check" --only=checkpatch

# Export: apply the good series on the scratch branch, export it twice.
mkdir -p "$tmp/exp/patches"
head -n1 "$SERIES" > "$tmp/exp/series"
expect_pass "apply builds the work branch from the series" env SERIES="$s" "$tools/apply"
SERIES=$tmp/exp/series "$tools/export" > "$tmp/out" 2>&1
cp -r "$tmp/exp" "$tmp/exp1"
SERIES=$tmp/exp/series "$tools/export" >> "$tmp/out" 2>&1
diff -r "$tmp/exp1" "$tmp/exp" >> "$tmp/out" 2>&1
result $? "export of an unchanged branch changes nothing"
SERIES=$tmp/exp/series "$tools/apply" >> "$tmp/out" 2>&1 &&
	SERIES=$tmp/exp/series "$tools/export" >> "$tmp/out" 2>&1 &&
	diff -r "$tmp/exp1" "$tmp/exp" >> "$tmp/out" 2>&1
result $? "apply of the export, then export again, gives the same bytes"
ver=$(sed -n '1s/^Version: *//p' "$tools/../Documentation/cover-letter.txt")
[ -n "$ver" ] &&
	ls "$tmp/exp/patches" | grep -q "^v$ver-0000-cover-letter.patch\$" &&
	grep -q "^Subject: \[PATCH v$ver 0/1\]" "$tmp/exp/patches/v$ver-0000-cover-letter.patch" &&
	! grep -q '^base-commit: ' "$tmp/exp/patches/"*.patch
result $? "export writes a numbered cover letter from Documentation/cover-letter.txt, and no base-commit line"
g checkout -q -f "$orig"

# Posting identity: the mbox names the poster, never the placeholder
# the tree's commits carry, and an identity that cannot be posted is
# refused before anything is written.
s4=$(mkseries ident "$ph")
expect_pass "apply builds the work branch from a placeholder-identity patch" env SERIES="$s4" "$tools/apply"
g checkout -q -f "$orig"
cp -r "$tmp/ident" "$tmp/ident0"
expect_fail "export --mbox refuses the placeholder identity" "is the placeholder identity" \
	env SERIES="$s4" "$tools/export" --mbox "$tmp/mbox" --from "$placeholder"
expect_fail "export --mbox refuses an identity without an address" "is not of the form 'Name <address>'" \
	env SERIES="$s4" "$tools/export" --mbox "$tmp/mbox" --from "Pat Poster"
expect_fail "export --mbox without --from refuses a git config with no identity" \
	"no postable identity .*user.name and user.email" \
	env SERIES="$s4" GIT_CONFIG_COUNT=2 GIT_CONFIG_KEY_0=user.name GIT_CONFIG_VALUE_0= \
	GIT_CONFIG_KEY_1=user.email GIT_CONFIG_VALUE_1= "$tools/export" --mbox "$tmp/mbox"
[ ! -e "$tmp/mbox" ] && diff -r "$tmp/ident0" "$tmp/ident" > "$tmp/out" 2>&1
result $? "a refused export wrote no mbox and left the series as it was"
env SERIES="$s4" GIT_CONFIG_COUNT=2 GIT_CONFIG_KEY_0=user.name GIT_CONFIG_VALUE_0="Pat Poster" \
	GIT_CONFIG_KEY_1=user.email GIT_CONFIG_VALUE_1=pat.poster@example.org \
	"$tools/export" --mbox "$tmp/mbox" > "$tmp/out" 2>&1 &&
	m=$(ls "$tmp"/mbox/*.mbox) && [ "$(echo "$m" | wc -l)" = 1 ] &&
	[ "$(grep -c '^From: Pat Poster <pat.poster@example.org>$' $m)" = 2 ] &&
	grep -qx 'Signed-off-by: Pat Poster <pat.poster@example.org>' $m &&
	! grep -qF "$PLACEHOLDER_EMAIL" $m
result $? "export --mbox puts the poster of the git config in From: and Signed-off-by:"
env SERIES="$s4" "$tools/export" --mbox "$tmp/mbox" --from "Pat Poster <pat.poster@example.org>" > "$tmp/out" 2>&1 &&
	grep -qx 'Signed-off-by: Pat Poster <pat.poster@example.org>' "$tmp"/mbox/*.mbox &&
	! grep -qF "$PLACEHOLDER_EMAIL" "$tmp"/mbox/*.mbox
result $? "export --mbox --from names the given poster"
g checkout -q -f "$orig"

# The work branch is what apply built from the good series.  A different
# series replaces it without --force: nothing was committed on top.
s3=$(mkseries other "$newwarn")
expect_pass "apply replaces a work branch it built itself from an older series" \
	env SERIES="$s3" "$tools/apply"
[ "$(g rev-parse pcierr-selftest^)" = "$(g rev-parse "$base^{commit}")" ] &&
	[ "$(g log -1 --format=%s pcierr-selftest)" = "PCI: Add a function without a prototype" ]
result $? "the replaced work branch holds the new series only"
g checkout -q -f "$orig"
# A commit of the developer's on top: kept unless forced.
mine=$(mkcommit pcierr-selftest $file 's/ \* Return 0 on success or -ENOTTY if/ * Return 0 on success, or -ENOTTY if/' \
	"PCI: A commit that only the work branch has" "Fixture: apply must not drop it." "$sob") || exit 1
g update-ref refs/heads/pcierr-selftest "$mine"
expect_fail "apply keeps a work branch holding a commit the series lacks" \
	"branch pcierr-selftest has commits that are not in the series" env SERIES="$s" "$tools/apply"
expect_fail "apply rejects a bad PCIERR_APPLY_FORCE" "PCIERR_APPLY_FORCE must be 0 or 1" \
	env SERIES="$s" PCIERR_APPLY_FORCE=yes "$tools/apply"
env SERIES="$s" PCIERR_APPLY_FORCE=1 "$tools/apply" > "$tmp/out" 2>&1 &&
	[ "$(g rev-parse pcierr-selftest-old)" = "$mine" ]
result $? "PCIERR_APPLY_FORCE=1 replaces it and keeps the old branch as -old"
g checkout -q -f "$orig"

# A config fragment option that olddefconfig drops is an error.
printf 'CONFIG_PCIEAER=y\n' > "$tmp/extra.config"
KOUT=$tmp/kconfig PCIERR_KCONFIG_EXTRA=$tmp/extra.config "$tools/build-kernel" -n pseries > "$tmp/out" 2>&1
rc=$?
[ $rc -ne 0 ] && grep -q "CONFIG_PCIEAER=y' did not survive olddefconfig" "$tmp/out"
result $? "build-kernel rejects a fragment option that does not survive olddefconfig"

# tools/backport covered: a fix marked for stable needs a backport (by
# subject) or a not-needed line with a reason; a backport names its
# upstream commit.  Fixtures: the series of two patches, one marked.
bp=$tmp/bp
mkdir -p "$bp/patches/stable"
printf '%s\n' '# base: v7.2.8' '' fix.patch other.patch > "$bp/series"
printf '%s\n' 'Subject: [PATCH v2 1/2] drv: Fix a thing' ' that folds' '' 'Cc: stable@vger.kernel.org' > "$bp/patches/fix.patch"
printf '%s\n' 'Subject: [PATCH v2 2/2] drv: Add a feature' '' 'Body.' > "$bp/patches/other.patch"
printf '%s\n' '# base: v6.12.95' > "$bp/patches/stable/series"
bpc() { env SERIES="$bp/series" PATCHES="$bp/patches" BACKPORT_DIR="$bp/patches/stable" "$tools/backport" covered; }
expect_fail "backport: a stable-marked fix without a backport fails" \
	"not ok - marked for stable, but neither backported .*: drv: Fix a thing that folds" bpc
printf '%s\n' '# base: v6.12.95' '# not-needed: drv: Fix a thing that folds: the bug is not in 6.12' > "$bp/patches/stable/series"
expect_pass "backport: a fix named not-needed with a reason passes" bpc
printf '%s\n' '# base: v6.12.95' 'fix.patch' > "$bp/patches/stable/series"
printf '%s\n' 'Subject: [PATCH 6.12.y] drv: Fix a thing that' ' folds' '' 'Body without the upstream line.' > "$bp/patches/stable/fix.patch"
expect_fail "backport: a backport without an [ Upstream commit ] line fails" \
	"not ok - fix.patch has no '\\[ Upstream commit" bpc
sed -i 's/^Body without/[ Upstream commit ... ]\n\nBody without/' "$bp/patches/stable/fix.patch"
expect_pass "backport: a backport by subject, naming its upstream commit, passes" bpc

echo "$pass passed, $fail failed, 0 skipped"
[ $fail -eq 0 ]
