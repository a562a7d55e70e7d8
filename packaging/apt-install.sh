# Sourced by the set-up scripts: apt_install LABEL OPTIONS PACKAGE... installs packages with apt-get where
# that needs no password (root, or password-less sudo), quietly, running `apt-get update` once if the first
# try fails. Returns 1 (doing nothing) where there is no apt-get or no such permission; never exits.
apt_install() {
    local label="$1" options="$2"
    shift 2
    command -v apt-get >/dev/null 2>&1 || return 1
    local sudo=""
    if [ "$(id -u)" -ne 0 ]; then
        sudo -n true 2>/dev/null || return 1
        sudo="sudo -n"
    fi
    echo "Installing $label (apt-get install $*)"
    export DEBIAN_FRONTEND=noninteractive
    $sudo apt-get install -y -q $options "$@" >/dev/null 2>&1 \
        || { $sudo apt-get update -q >/dev/null 2>&1 && $sudo apt-get install -y -q $options "$@" >/dev/null 2>&1; }
    return 0
}
