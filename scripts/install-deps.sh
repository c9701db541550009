#!/usr/bin/env bash
# Installs what building and testing php-smtp needs on Debian 12 (as root).
# Packages' services are not started: the tests start their own private ones.
set -euo pipefail
packages=(
    php-cli php-dev php-pear php-parser pkg-config gcc make
    libssl-dev libcurl4-openssl-dev libjson-c-dev openssl
    postfix dovecot-core python3 iproute2 bsdutils valgrind
    libphp-phpmailer curl time clang libclang-rt-14-dev msmtp nghttp2-proxy
    wordpress mariadb-server php-mysql chromium gettext
    build-essential debhelper dh-php dpkg-dev lintian composer zip unzip
)
missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
    SUDO=""
    [ "$(id -u)" -eq 0 ] || SUDO=sudo
    echo "postfix postfix/main_mailer_type select No configuration" | $SUDO debconf-set-selections
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi
# Node.js for the browser tests (playwright-core from npm drives Debian's chromium)
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
    DEBIAN_FRONTEND=noninteractive ${SUDO:-} apt-get install -y -qq nodejs npm >/dev/null
fi
