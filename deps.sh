#!/bin/sh
# deps.sh PACKAGE...: installs the Debian packages that are missing, when
# run as root; otherwise names them and fails.  Called by make deps.
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
