# SPDX-License-Identifier: GPL-2.0
# Shared settings for the pcierr tools; sourced, never run.
#
# Everything downloaded or built lives under $PCIERR_BUILD (default: build/
# in the checkout, git-ignored).  Point PCIERR_BUILD somewhere persistent to
# keep downloads, the base tree, ccache and kernel builds between runs.

PCIERR_TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
PCIERR_BUILD=${PCIERR_BUILD:-$PCIERR_TOP/build}
mkdir -p "$PCIERR_BUILD"
PCIERR_BUILD=$(cd "$PCIERR_BUILD" && pwd)

# The kernel repository: base commit + tag, and the work branch.
KSRC=${KSRC:-$PCIERR_BUILD/linux}
WORK_BRANCH=${WORK_BRANCH:-pcierr}
# Where the series lives; tests point these at scratch copies.
SERIES=${SERIES:-$PCIERR_TOP/series}
PATCHES=${PATCHES:-$(dirname "$SERIES")/patches}

ARCH=powerpc
CROSS_COMPILE=${CROSS_COMPILE:-powerpc64le-linux-gnu-}
JOBS=${JOBS:-$(($(nproc) + 1))}
export ARCH CROSS_COMPILE

# The identity tools/fetch-kernel gives the kernel tree's commits: a
# placeholder, never posted (tools/export --mbox puts the poster's in).
PLACEHOLDER_NAME=pcierr
PLACEHOLDER_EMAIL=pcierr@localhost

# postable_ident "Name <address>": fails, saying why, for an identity
# that cannot go on a mailing list: no name or address, the placeholder,
# or an address in a domain that cannot receive mail (RFC 2606, RFC 6761).
postable_ident() {
	local id=$1 name addr domain
	if ! [[ "$id" =~ ^([^\<\>]*[^\<\>[:space:]])[[:space:]]+\<([^\<\>[:space:]@]+@[^\<\>[:space:]@]+)\>$ ]]; then
		echo "'$id' is not of the form 'Name <address>'"
		return 1
	fi
	name=${BASH_REMATCH[1]} addr=${BASH_REMATCH[2]}
	domain=$(echo "${addr#*@}" | tr 'A-Z' 'a-z')
	if [ "$name" = "$PLACEHOLDER_NAME" ] || [ "$addr" = "$PLACEHOLDER_EMAIL" ]; then
		echo "'$id' is the placeholder identity of the kernel tree's commits"
		return 1
	fi
	if [[ "$domain" != *.* ]] || [[ "$domain" == *"(none)"* ]] ||
	   [[ "$domain" =~ (^|\.)(localhost|localdomain|invalid|test|example)$ ]]; then
		echo "the address '$addr' cannot receive mail (domain '$domain')"
		return 1
	fi
	return 0
}

# poster_or_die GIVEN FROM: the identity to post an mbox as: FROM if GIVEN
# is 1 (--from), else git config user.name and user.email; exits when it
# is the placeholder or cannot receive mail.  Call as
# poster=$(poster_or_die ...) || exit 1.
poster_or_die() {
	local given=$1 poster=$2 how why
	if [ "$given" -eq 0 ]; then
		poster="$(git -C "$PCIERR_TOP" config user.name || true) <$(git -C "$PCIERR_TOP" config user.email || true)>"
		how="user.name and user.email of $PCIERR_TOP"
	else
		how="--from"
	fi
	why=$(postable_ident "$poster") ||
		die "no postable identity for the mbox ($how): $why; set git config user.name and user.email, or pass --from 'Name <address>'"
	echo "$poster"
}

# write_mbox OUT POSTER TO CC PATCH...: the format-patch files PATCH... as
# one mbox OUT from POSTER (tools/lib/poster.py), To: TO and Cc: CC; exits
# if the placeholder identity is still in it.
write_mbox() {
	local out=$1 poster=$2 to=$3 cc=$4 f
	shift 4
	for f in "$@"; do
		"$PYTHON" "$PCIERR_TOP/tools/lib/poster.py" "$f" "$to" "$cc" \
			"$PLACEHOLDER_NAME <$PLACEHOLDER_EMAIL>" "$poster"
	done > "$out"
	! grep -qF "$PLACEHOLDER_EMAIL" "$out" ||
		die "$out still names the placeholder $PLACEHOLDER_EMAIL: $(grep -m1 -F "$PLACEHOLDER_EMAIL" "$out")"
}

# Kernel configurations: name -> architecture and config fragments (in
# qemu-test/kconfig/, merged in this order onto tinyconfig).
KVARIANTS="pseries pseries-debug powernv x86_64"
variant_arch() {
	case "$1" in
	pseries | pseries-debug | powernv) echo powerpc ;;
	x86_64) echo x86 ;;
	*) return 1 ;;
	esac
}
variant_frags() {
	case "$1" in
	pseries) echo pseries badness series ;;
	pseries-debug) echo pseries badness pseries-debug series ;;
	powernv) echo powernv badness ;;
	x86_64) echo x86_64 badness ;;
	*) return 1 ;;
	esac
}
# Point ARCH, CROSS_COMPILE and KCC at the variant's architecture.
use_variant() {
	ARCH=$(variant_arch "$1") || die "unknown kernel variant '$1' ($KVARIANTS)"
	if [ "$ARCH" = powerpc ]; then
		CROSS_COMPILE=powerpc64le-linux-gnu-
	else
		CROSS_COMPILE=
	fi
	KCC="$CCACHE${CROSS_COMPILE}gcc"
	export ARCH CROSS_COMPILE
}

# Debian's /usr/bin/python3: the codespell module and apt live there.
PYTHON=${PYTHON:-/usr/bin/python3}

if command -v ccache >/dev/null 2>&1; then
	export CCACHE_DIR=${CCACHE_DIR:-$PCIERR_BUILD/ccache}
	export CCACHE_MAXSIZE=${CCACHE_MAXSIZE:-8G}
	# Checking out another revision changes mtimes, not contents.
	export CCACHE_SLOPPINESS=${CCACHE_SLOPPINESS:-time_macros,include_file_mtime,include_file_ctime}
	CCACHE="ccache "
else
	CCACHE=
fi
KCC="$CCACHE${CROSS_COMPILE}gcc"

die() {
	echo "error: $*" >&2
	exit 1
}

note() {
	echo "${PCIERR_TOOL:-pcierr}: $*"
}

# Print the base tag named by the series file's "# base:" line.
series_base() {
	local file=${1:-$SERIES}
	local line
	[ -f "$file" ] || die "series file '$file' does not exist"
	line=$(head -n1 "$file")
	case "$line" in
	"# base: v"[0-9]*.[0-9]*)
		echo "${line#\# base: }"
		;;
	*)
		die "$file: first line must be '# base: vX.Y[.Z]', found '$line'"
		;;
	esac
}

# Validate a series file and print its patch names, one a line.
# Rejects: bad base line, missing files, duplicates, paths outside patches/,
# files in patches/ that the series does not list (stale exports).
series_patches() {
	local file=${1:-$SERIES} dir=${2:-$PATCHES}
	local base name n=1 bad=0
	local -A seen=()

	base=$(series_base "$file") || exit 1
	while IFS= read -r name || [ -n "$name" ]; do
		n=$((n + 1))
		name=${name%%#*}
		name=$(echo "$name" | sed 's/[[:space:]]*$//; s/^[[:space:]]*//')
		[ -n "$name" ] || continue
		case "$name" in
		*[[:space:]]*)
			echo "error: $file:$n: quilt options are not supported: '$name'" >&2
			bad=1; continue ;;
		*/* | .*)
			echo "error: $file:$n: '$name' must be a file name inside $(basename "$dir")/" >&2
			bad=1; continue ;;
		esac
		if [ -n "${seen[$name]:-}" ]; then
			echo "error: $file:$n: '$name' is listed twice (first on line ${seen[$name]})" >&2
			bad=1; continue
		fi
		seen[$name]=$n
		if [ ! -f "$dir/$name" ]; then
			echo "error: $file:$n: '$name' does not exist in $dir" >&2
			bad=1; continue
		fi
		echo "$name"
	done < <(tail -n +2 "$file")
	[ $bad -eq 0 ] || exit 1
	: "$base"
}

kernel_repo_ready() {
	[ -e "$KSRC/.git" ] || die "no kernel tree in $KSRC: run tools/fetch-kernel first"
}

# Run make in the kernel tree for an output directory.
kmake() {
	local out=$1
	shift
	KBUILD_BUILD_USER=pcierr KBUILD_BUILD_HOST=pcierr \
		make -s -C "$KSRC" O="$out" ARCH=$ARCH CROSS_COMPILE="$CROSS_COMPILE" \
		CC="$KCC" -j"$JOBS" "$@"
}

# The base tag to build on: the one the series names, or, when Debian's
# archive could not serve it (see tools/fetch-kernel), the release of the
# same X.Y series that the tree was made from, with a warning.
base_tag() {
	local want have
	want=$(series_base) || exit 1
	kernel_repo_ready
	if git -C "$KSRC" rev-parse -q --verify "refs/tags/$want" >/dev/null; then
		echo "$want"
		return
	fi
	have=$(git -C "$KSRC" tag -l "$(echo "$want" | cut -d. -f1,2)" \
		"$(echo "$want" | cut -d. -f1,2).*" | sort -V | tail -n1)
	[ -n "$have" ] || die "$KSRC has no tag for $want: remove it and run tools/fetch-kernel"
	if [ -z "${PCIERR_BASE_WARNED:-}" ]; then
		echo "warning: series base is $want but the tree holds $have (Debian's archive no longer serves $want)" >&2
		export PCIERR_BASE_WARNED=1
	fi
	echo "$have"
}

# Check out the base tag in a worktree beside the kernel tree (made on
# first use) and print its path, for tools that build the base release
# next to the series.
base_worktree() {
	local base wt=$PCIERR_BUILD/linux-base
	base=$(base_tag) || exit 1
	git -C "$KSRC" worktree prune
	if [ -e "$wt/.git" ]; then
		git -C "$wt" checkout -q --detach "$base"
	else
		git -C "$KSRC" worktree add -q --detach "$wt" "$base"
	fi || die "cannot check out $base in $wt"
	echo "$wt"
}

# build_base_and_tip VARIANT [TARGET...]: build the base release (from
# base_worktree) into $PCIERR_BUILD/out/VARIANT-base and the kernel tree
# as checked out into $PCIERR_BUILD/out/VARIANT, for tools that compare
# the two kernels side by side.
build_base_and_tip() {
	local variant=$1 wt
	shift
	wt=$(base_worktree) || exit 1
	KSRC=$wt KOUT=$PCIERR_BUILD/out/$variant-base PCIERR_BASE_WARNED=1 \
		"$PCIERR_TOP/tools/build-kernel" "$variant" "$@" ||
		die "the base kernel ($variant) did not build"
	PCIERR_BASE_WARNED=1 "$PCIERR_TOP/tools/build-kernel" "$variant" "$@" ||
		die "the kernel ($variant) did not build"
}
