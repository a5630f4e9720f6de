#!/bin/sh
# deps.sh PACKAGE...: installs the Debian packages that are missing, when
# run as root; otherwise names them and fails.  Called by make deps (all
# of the Makefile's DEPS) and make run-deps (RUN_DEPS only).
# Without dpkg-query (not Debian) it cannot tell what is installed: it
# says so, lists the Debian names of what the target needs, and lets the
# build go on (exit 0), so that a system which has them under other names
# still builds; a compiler or a library that is really absent then stops
# the build with its own error.
if ! command -v dpkg-query >/dev/null 2>&1; then
	echo "rune: dpkg-query not found: could not check the packages this" \
	    "needs (not a Debian system?)" >&2
	echo "rune: make sure these are installed (Debian package names):" \
	    "$*" >&2
	exit 0
fi
missing=
for p in "$@"; do
	s=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null)
	case $s in *" installed") ;; *) missing="$missing $p" ;; esac
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" != 0 ]; then
	echo "rune: missing Debian packages:$missing" >&2
	echo "rune: install them as root: apt-get install$missing" >&2
	exit 1
fi
echo "rune: installing$missing" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/dev/null || exit 1
apt-get install -y -qq --no-install-recommends $missing >/dev/null || exit 1
