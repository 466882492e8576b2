# Shared by scripts/demo and scripts/test. Sourced, not run.

FOYER_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)

# Debian 12 packages Foyer builds, tests and runs with.
FOYER_PACKAGES=(
    cmake ninja-build g++ pkg-config
    qt6-base-dev qt6-base-dev-tools libqt6sql6-sqlite libgl-dev qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools
    libsqlcipher-dev libssl-dev qtkeychain-qt6-dev libsodium-dev libqrencode-dev
    gnome-keyring dbus libsecret-1-0 fonts-dejavu-core
    poppler-utils zbar-tools
    qt6-httpserver-dev qt6-websockets-dev libqt6sql6-psql libpq-dev postgresql openssl python3-aiosmtpd
)

as_root() {
    if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

# Installs the given packages, and only those that are missing (so a second run touches nothing).
install_packages() {
    local missing=()
    local package
    for package in "$@"; do
        if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed'; then
            missing+=("$package")
        fi
    done
    if [ ${#missing[@]} -eq 0 ]; then
        echo "== All ${#} packages already installed"
        return 0
    fi
    echo "== Installing: ${missing[*]}"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

# Runs a command inside a private D-Bus session with an unlocked gnome-keyring (a real Secret Service), with a
# throw-away HOME so the keyring lives in a temporary folder.
with_private_keyring() {
    local home
    home=$(mktemp -d)
    HOME="$home" XDG_DATA_HOME="$home/.local/share" dbus-run-session -- bash -c '
        echo -n foyer-test | gnome-keyring-daemon --unlock --components=secrets >/dev/null
        "$@"' foyer-keyring "$@"
    local status=$?
    rm -rf "$home"
    return $status
}
