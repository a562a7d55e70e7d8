#!/usr/bin/env bash
# The X11 client libraries Qt's xcb platform plugin needs to open a window (PySide6's wheel carries Qt,
# not these), and with --test also Xvfb and xdotool for the real-window test. Installed from the
# platform's packages where that needs no password (root, or password-less sudo); otherwise this prints
# the packages and the command, and the app says the same in one line when started. Never fails set-up.
# Usage: install-qt-libs.sh PYTHON [--test]
set -u
PY="${1:-python3}"
WANT_TEST="${2:-}"

missing() { "$PY" -m legalassist.ui.platform_check --packages 2>/dev/null; }
test_tools() {
    [ "$WANT_TEST" = "--test" ] || return 0
    local need=""
    command -v Xvfb >/dev/null 2>&1 || need="$need xvfb"
    command -v xdotool >/dev/null 2>&1 || need="$need xdotool"
    echo "$need"
}

[ "$(uname -s)" = "Linux" ] || exit 0
PACKAGES="$(missing) $(test_tools)"
PACKAGES="$(echo $PACKAGES)"  # trim
[ -z "$PACKAGES" ] && exit 0
. "$(dirname "$0")/apt-install.sh"
apt_install "what the desktop window needs" --no-install-recommends $PACKAGES
LEFT="$(missing) $(test_tools)"
LEFT="$(echo $LEFT)"
[ -z "$LEFT" ] && exit 0
echo "The desktop window needs system packages that could not be installed here: $LEFT" >&2
echo "Install them with: sudo apt-get install $LEFT   (Debian/Ubuntu; other systems: the packages" >&2
echo "providing the same libraries). The command line works without them." >&2
exit 0
