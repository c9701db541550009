#!/usr/bin/env bash
# tests/packaging/run.sh: php-smtp installed the ways users install it (issue 13),
# each checked as a user would. tests/run runs it LAST because it installs the
# Debian package into the system's PHP, for a few seconds only (removed and
# purged right after, also on failure or interruption: while it is installed, a
# `php -d extension=.../modules/smtp.so` elsewhere on the machine loads smtp twice).
#   1. composer.json (PIE): Debian's composer validates it, php-ext matches config.m4
#   2. the plugin zip: only what a site needs (the exclusion rule on a tree with dev
#      files), readme.txt in WordPress.org's format, the header as WordPress parses it,
#      and installed through WordPress's uploader in Chromium on a fresh site
#   3. the Debian packages: built, lintian, installed with apt-get; php8.2-smtp: smtp for
#      the CLI and the built-in web server, a message sent through the test Postfix;
#      php-smtp-sendmail: its 0600 commented config, units, a message sent; then both
#      removed (conffiles kept, as Debian policy says) and purged (nothing left)
# Needs: the mail stack (SMTP_TEST_ENV), modules/smtp.so, tests/wp's npm install.
# SMTP_TEST_WP=0 skips the browser part. Ends "packaging: N passed, M failed".
set -uo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
here=$root/tests/packaging
cd "$root"
off=${SMTP_TEST_PORT_OFFSET:-0}
pass=0 fail=0
ok() { echo "ok - $1"; pass=$((pass + 1)); }
notok() { echo "not ok - $1: $(printf '%s' "$2" | tail -8 | tr '\n' '|' | cut -c1-900)"; fail=$((fail + 1)); }
# check NAME COMMAND...: one test, its output shown when it fails
check() { local name=$1 out; shift; if out=$("$@" 2>&1); then ok "$name"; else notok "$name" "$out"; fi; }

# ---- 1. PIE ----------------------------------------------------------------------
check "composer.json: Debian's composer validates it, php-ext names config.m4's extension and options" \
    php "$here/composer_check.php"
versions() {
    local deb pecl ext
    deb=$(dpkg-parsechangelog -l debian/changelog -S Version)
    pecl=$(sed -n 's|.*<release>\(.*\)</release>.*|\1|p' package.xml | head -1)
    ext=$(sed -n 's/^#define PHP_SMTP_VERSION "\(.*\)"/\1/p' ext/php_smtp.h)
    echo "debian/changelog $deb, package.xml $pecl, php_smtp.h $ext"
    [ "${deb%%-*}" = "$ext" ] && [ "$pecl" = "$ext" ]
}
check "one version: debian/changelog, package.xml and the extension agree" versions

# ---- 2. the WordPress plugin zip -------------------------------------------------
zip_rule() {
    # the rule, on a copy of wp-plugin/ with a developer's files added (no git: every file counts)
    local t; t=$(mktemp -d)
    mkdir -p "$t/scripts" && cp scripts/build-plugin-zip.sh "$t/scripts/" && cp -r wp-plugin "$t/"
    mkdir -p "$t/wp-plugin/tests/unit" "$t/wp-plugin/.github" "$t/wp-plugin/node_modules/x" "$t/wp-plugin/src/test"
    for f in tests/unit/a.php .github/ci.yml .editorconfig node_modules/x/i.js src/test/t.php NOTES.md composer.json \
             composer.lock package.json phpunit.xml.dist phpcs.xml lint.sh src/Admin.php.orig src/x.php~ debug.log; do
        echo dev > "$t/wp-plugin/$f"
    done
    echo '<?php // new' > "$t/wp-plugin/src/NewConcern.php"
    (cd "$t" && bash scripts/build-plugin-zip.sh >/dev/null) || { rm -rf "$t"; return 1; }
    local got; got=$(unzip -Z1 "$t/dist/php-smtp.zip" | LC_ALL=C sort)
    # what a site needs: the tracked files that are none of the developers' kinds
    local want; want=$(cd "$root/wp-plugin" && git ls-files . |
        grep -v -E '(^|/)\.|(^|/)(tests?|node_modules)/|\.(md|sh|log|dist|orig|rej|swp)$|~$|(^|/)(composer\.|package(-lock)?\.json|php(unit|cs|stan))' |
        sed 's|^|php-smtp/|'; echo php-smtp/src/NewConcern.php)
    want=$(echo "$want" | LC_ALL=C sort)
    rm -rf "$t"
    [ "$got" = "$want" ] || { diff <(echo "$want") <(echo "$got"); return 1; }
}
check "plugin zip: everything in wp-plugin/ but developers' files (dotfiles, tests, *.md, tool configs)" zip_rule
zip_built() {
    bash scripts/build-plugin-zip.sh || return 1
    local l; l=$(unzip -Z1 dist/php-smtp.zip)
    echo "$l" | grep -qx 'php-smtp/php-smtp.php' && echo "$l" | grep -qx 'php-smtp/readme.txt' &&
        ! echo "$l" | grep -v '^php-smtp/' && ! echo "$l" | grep -E '(^|/)(tests?|\.[^/]*)(/|$)|\.md$'
}
check "scripts/build-plugin-zip.sh builds dist/php-smtp.zip: one folder php-smtp/, no tests" zip_built
wp_version=$(dpkg-query -W -f='${Version}' wordpress | sed -E 's/^([0-9]+\.[0-9]+).*/\1/')

if [ "${SMTP_TEST_WP:-1}" != "0" ]; then
    [ -d tests/wp/node_modules/playwright-core ] || (cd tests/wp && npm ci --no-audit --no-fund --loglevel=error >/dev/null 2>&1)
    zipdir=$root/tests/.wp-zip
    if WP_NO_PLUGIN=1 SMTP_SO=$root/modules/smtp.so tests/wp/wordpress.sh start "$zipdir" $((28082 + off)) >"$zipdir.log" 2>&1; then
        t=$(mktemp -d) && unzip -q dist/php-smtp.zip -d "$t"
        check "readme.txt in WordPress.org's format (Tested up to: $wp_version); the header as get_plugin_data() reads it" \
            php "$here/readme_check.php" "$t/php-smtp" "$zipdir/wp" "$wp_version"
        rm -rf "$t"
        out=$(cd "$here" && SMTP_TEST_WP_ZIP_ENV=$zipdir/env PLUGIN_ZIP=$root/dist/php-smtp.zip node plugin-upload.mjs 2>&1)
        echo "$out" | grep -v '^upload: '
        up=$(echo "$out" | sed -n 's/^upload: \([0-9]*\) passed, \([0-9]*\) failed$/\1/p')
        uf=$(echo "$out" | sed -n 's/^upload: \([0-9]*\) passed, \([0-9]*\) failed$/\2/p')
        [ -n "$up" ] || echo "$out" | tail -5
        pass=$((pass + ${up:-0})); fail=$((fail + ${uf:-1}))
        tests/wp/wordpress.sh stop "$zipdir"
    else
        notok "a fresh WordPress without the plugin starts" "$(tail -5 "$zipdir.log")"
    fi
else
    check "readme.txt in WordPress.org's format (Tested up to: $wp_version)" php "$here/readme_check.php" wp-plugin "" "$wp_version"
fi

# ---- 3. the Debian packages ------------------------------------------------------
pkg=php8.2-smtp
php_ver=8.2
installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed\|config-files'; }
if installed "$pkg" || installed php-smtp-sendmail || php -m | grep -qx smtp; then
    notok "the system has no php-smtp package and its PHP no smtp before the test" "$(php -m | grep -x smtp) $(dpkg -l 'php*smtp*' 2>&1 | tail -2)"
    echo "packaging: $pass passed, $fail failed"; exit 1
fi
check "scripts/build-deb.sh builds dist/${pkg}_*.deb and dist/php-smtp-sendmail_*.deb; lintian reports no error" bash scripts/build-deb.sh
if ! ls dist/${pkg}_*.deb dist/php-smtp-sendmail_*.deb >/dev/null 2>&1; then
    echo "packaging: $pass passed, $fail failed"; exit 1
fi

apt_q() { DEBIAN_FRONTEND=noninteractive apt-get -y -q -o DPkg::Lock::Timeout=120 "$@"; }
current=""
cleanup() {
    if [ -n "$current" ] && installed "$current"; then
        dpkg --purge "$current" >/dev/null 2>&1
    fi
    [ -n "${srv_pid:-}" ] && kill "$srv_pid" 2>/dev/null
    return 0
}
trap 'cleanup' EXIT
trap 'cleanup; exit 130' INT TERM

# lifecycle PKG USE GONE: apt-get install ./dist/PKG_*.deb, the checks in function USE,
# remove (its files gone but the conffiles, policy 10.7.3), purge (nothing left;
# function GONE checks what is particular to PKG). One package at a time, installed for
# as short a time as the checks allow: remove and purge with dpkg itself, which runs
# the same maintainer scripts as apt-get remove/purge without apt's seconds of
# resolving on a loaded machine.
lifecycle() {
    local p=$1 use=$2 gone=$3 deb start
    deb=./$(ls dist/${p}_*.deb | head -1)
    current=$p start=$(date +%s%N)
    local out rc
    out=$(apt_q install "$deb" 2>&1); rc=$?
    files=$(dpkg -L "$p" 2>/dev/null)
    conffiles=$(dpkg-query -W -f='${Conffiles}\n' "$p" 2>/dev/null | awk 'NF {print $1}')
    if [ $rc -eq 0 ]; then ok "apt-get install $deb"; else notok "apt-get install $deb" "$out"; fi
    "$use"
    remove_out=$(dpkg --remove "$p" 2>&1); remove_rc=$?
    check "dpkg --remove $p: its files are gone, its conffiles kept ($(echo $conffiles))" removed "$p"
    purge_out=$(dpkg --purge "$p" 2>&1); purge_rc=$?
    check "dpkg --purge $p: nothing of it left" purged "$p" "$gone"
    current=""
    echo "# $p was installed for $(( ($(date +%s%N) - start) / 1000000 )) ms"
}
removed() {
    [ $remove_rc -eq 0 ] || { echo "$remove_out"; return 1; }
    local f left=""
    while IFS= read -r f; do
        [ -n "$f" ] && [ ! -d "$f" ] || continue
        echo "$conffiles" | grep -qxF "$f" && continue
        [ -e "$f" ] && left+=" $f"
    done <<< "$files"
    [ -z "$left" ] || { echo "left after remove:$left"; return 1; }
    for f in $conffiles; do [ -f "$f" ] || { echo "conffile $f removed before purge"; return 1; }; done
    dpkg-query -W -f='${Status}' "$1" | grep -q 'deinstall ok config-files' || { dpkg-query -W -f='${Status}' "$1"; return 1; }
    ! find /etc/php -lname '*smtp.ini' | grep . || { echo "conf.d links left"; return 1; }
    ! php -m | grep -qx smtp || { echo "php still loads smtp"; return 1; }
}
purged() {
    [ $purge_rc -eq 0 ] || { echo "$purge_out"; return 1; }
    local f
    for f in $conffiles; do [ ! -e "$f" ] || { echo "$f left after purge"; return 1; }; done
    ! installed "$1" || { echo "dpkg still knows $1"; return 1; }
    "$2"
}

# php8.2-smtp: the extension for the system's PHP
stack_env=${SMTP_TEST_ENV:-$root/tests/.stack/env}
ext_use() {
    check "php -m lists smtp for the CLI (from /etc/php/$php_ver/cli/conf.d)" bash -c "php -m | grep -qx smtp && php --ri smtp | grep -q '^Version => '"
    check "enabled for every SAPI by the package's scripts (phpquery, conf.d links)" every_sapi
    check "a request to php -S sees the extension (extension_loaded)" web
    check "the installed extension sends through the test Postfix; the delivered message parsed" \
        env SMTP_TEST_ENV="$stack_env" php "$here/deb_send.php"
}
every_sapi() {
    local s n=0
    for s in $(phpquery -v "$php_ver" -S); do
        phpquery -v "$php_ver" -s "$s" -m smtp || { echo "not enabled for SAPI $s"; return 1; }
        [ "$(readlink -f "/etc/php/$php_ver/$s/conf.d/20-smtp.ini")" = "/etc/php/$php_ver/mods-available/smtp.ini" ] ||
            { echo "no /etc/php/$php_ver/$s/conf.d/20-smtp.ini link"; return 1; }
        n=$((n + 1))
    done
    echo "enabled for $n SAPIs: $(phpquery -v "$php_ver" -S | tr '\n' ' ')"
    [ $n -ge 1 ]
}
web() {
    local port=$((28083 + off)) doc; doc=$(mktemp -d)
    if ss -ltnH "sport = :$port" | grep -q .; then echo "port $port (28083 + SMTP_TEST_PORT_OFFSET) is taken"; return 1; fi
    echo '<?php echo json_encode(["sapi" => PHP_SAPI, "smtp" => extension_loaded("smtp"), "send" => function_exists("smtp_send")]);' > "$doc/index.php"
    php -S "127.0.0.1:$port" -t "$doc" >/dev/null 2>&1 & srv_pid=$!
    local body="" i
    for i in $(seq 50); do body=$(curl -sf "http://127.0.0.1:$port/") && break; sleep 0.1; done
    kill "$srv_pid" 2>/dev/null; wait "$srv_pid" 2>/dev/null; srv_pid=""
    rm -rf "$doc"
    echo "$body"
    [ "$body" = '{"sapi":"cli-server","smtp":true,"send":true}' ]
}
ext_gone() {
    ! find /etc/php -name '*smtp*' | grep . || return 1
    ! find /var/lib/php/modules -name smtp | grep . || { echo "php-maintscript-helper state left"; return 1; }
}
lifecycle "$pkg" ext_use ext_gone

# php-smtp-sendmail: the command (nothing of PHP's changes while it is installed)
sendmail_use() {
    check "php-smtp-sendmail: /etc/php-smtp/sendmail.conf root's, 0600, a conffile, every setting commented; unconfigured, it sends nothing (exit 78)" sendmail_conf
    check "php-smtp-sendmail: the systemd timer and service templates verify (systemd-analyze) for an instance; a manual page" units
    check "php-smtp-sendmail from the package sends through the test Postfix (-t, Bcc); the delivered message parsed" \
        env SMTP_TEST_ENV="$stack_env" php "$here/deb_sendmail.php"
}
sendmail_conf() {
    local c=/etc/php-smtp/sendmail.conf out rc
    [ "$(stat -c '%U:%G %a' "$c")" = "root:root 600" ] || { stat -c '%U:%G %a' "$c"; return 1; }
    echo "$conffiles" | grep -qx "$c" || { echo "$c is not a conffile"; return 1; }
    ! grep -v '^#' "$c" | grep -q . || { echo "settings not commented out:"; grep -v '^#' "$c" | grep .; return 1; }
    grep -q '^#host = ' "$c" || { echo "no commented host line"; return 1; }
    out=$(printf 'Subject: t\n\nx\n' | /usr/bin/php-smtp-sendmail bob@example.test 2>&1); rc=$?
    echo "unconfigured: exit $rc: $out"
    [ $rc -eq 78 ] && [[ "$out" == *"host is not set"* ]]
}
units() {
    local t u; t=$(mktemp -d)
    for u in service timer; do
        [ -f "/lib/systemd/system/php-smtp-sendmail-queue@.$u" ] || { echo "no php-smtp-sendmail-queue@.$u"; rm -rf "$t"; return 1; }
        cp "/lib/systemd/system/php-smtp-sendmail-queue@.$u" "$t/php-smtp-sendmail-queue@www-data.$u"
    done
    # an instance for www-data, as the README enables it
    (cd "$t" && systemd-analyze verify --man=no php-smtp-sendmail-queue@www-data.service php-smtp-sendmail-queue@www-data.timer) || { rm -rf "$t"; return 1; }
    rm -rf "$t"
    echo "$files" | grep -qx /usr/share/man/man8/php-smtp-sendmail.8.gz || { echo "no manual page"; return 1; }
}
sendmail_gone() {
    [ ! -e /etc/php-smtp ] || { echo "/etc/php-smtp left: $(ls -A /etc/php-smtp)"; return 1; }
}
lifecycle php-smtp-sendmail sendmail_use sendmail_gone
trap - EXIT INT TERM
cleanup

echo "packaging: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
