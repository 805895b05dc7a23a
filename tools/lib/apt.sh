# SPDX-License-Identifier: GPL-2.0
# A private apt configuration: its own sources, lists and cache under
# $PCIERR_BUILD/apt/NAME, so the machine's apt sources are never edited.
# Sourced after common.sh.

# papt_init NAME ARCH TYPES SUITES
#   papt_init kernel-src amd64 deb-src sid
papt_init() {
	local name=$1 arch=$2 types=$3 suites=$4
	local dir=$PCIERR_BUILD/apt/$name

	mkdir -p "$dir/sources" "$dir/lists/partial" "$dir/cache/archives/partial"
	echo "# arch: $arch" > "$dir/arch"
	touch "$dir/status"
	cat > "$dir/sources/debian.sources" <<EOS
Types: $types
URIs: ${DEBIAN_MIRROR:-http://deb.debian.org/debian}
Suites: $suites
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
EOS
	# Refresh the lists at most once a day.
	if [ -z "$(find "$dir/lists" -maxdepth 1 -name '*_InRelease' -mmin -1440 2>/dev/null)" ]; then
		papt "$name" -qq update || die "apt update for '$name' ($suites) failed"
	fi
}

papt() {
	papt_cmd apt-get "$@"
}

papt_cache() {
	papt_cmd apt-cache "$@"
}

papt_cmd() {
	local cmd=$1 name=$2
	local dir=$PCIERR_BUILD/apt/$name
	local arch
	shift 2
	arch=$(sed -n 's/^# arch: //p' "$dir/arch" 2>/dev/null)
	"$cmd" -o Dir::Etc::SourceList=/dev/null \
		-o Dir::Etc::SourceParts="$dir/sources" \
		-o Dir::State::Lists="$dir/lists" \
		-o Dir::Cache="$dir/cache" \
		-o Dir::State::status="$dir/status" \
		-o Acquire::Check-Valid-Until=false \
		-o APT::Architecture="${arch:-amd64}" \
		-o APT::Architectures="${arch:-amd64}" \
		"$@"
}
