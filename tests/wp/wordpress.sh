#!/usr/bin/env bash
# tests/wp/wordpress.sh start|stop DIR [PORT]
#
# A throwaway WordPress for the tests and the demo, on loopback only:
#   - Debian's wordpress package copied into DIR/wp with its own wp-config.php
#   - a private MariaDB (mariadb-install-db into DIR/db, mariadbd on a unix socket,
#     networking off)
#   - the plugin copied to wp-content/plugins/php-smtp and activated (WP_NO_PLUGIN=1:
#     neither, for installing it as a user would, e.g. through the uploader)
#   - served by `php -S 127.0.0.1:PORT` with the smtp extension, in its own
#     process group (setsid) so that stop takes its workers too
# Extra wp-config.php lines can be put in DIR/wp-config-extra.php before start.
# Writes DIR/env: WP_URL, WP_ADMIN_USER, WP_ADMIN_PASS, WP_SUBSCRIBER_USER, ...
set -euo pipefail

cmd=${1:?usage: wordpress.sh start|stop DIR [PORT]}
dir=$(realpath -m "${2:?usage: wordpress.sh start|stop DIR [PORT]}")
port=${3:-$((28080 + ${SMTP_TEST_PORT_OFFSET:-0}))}
root=$(cd "$(dirname "$0")/../.." && pwd)
so=${SMTP_SO:-$root/modules/smtp.so}

stop() {
    if [ -f "$dir/php.pid" ]; then kill -- -"$(cat "$dir/php.pid")" 2>/dev/null || true; rm -f "$dir/php.pid"; fi
    if [ -f "$dir/db.pid" ]; then
        kill "$(cat "$dir/db.pid")" 2>/dev/null || true
        for _ in $(seq 50); do kill -0 "$(cat "$dir/db.pid")" 2>/dev/null || break; sleep 0.1; done
        rm -f "$dir/db.pid"
    fi
}

start_db() {
    mkdir -p "$dir/db" "$dir/run"
    mariadb-install-db --no-defaults --user=root --datadir="$dir/db" --auth-root-authentication-method=socket \
        --skip-test-db >"$dir/db-install.log" 2>&1
    setsid mariadbd --no-defaults --user=root --datadir="$dir/db" --socket="$dir/run/mysql.sock" --skip-networking \
        --pid-file="$dir/run/mariadbd.pid" --log-error="$dir/db.log" </dev/null >/dev/null 2>&1 &
    echo $! > "$dir/db.pid"
    for _ in $(seq 100); do [ -S "$dir/run/mysql.sock" ] && break; sleep 0.1; done
    mariadb --no-defaults --socket="$dir/run/mysql.sock" -uroot -e \
        "CREATE DATABASE wp; CREATE USER 'wp'@'localhost' IDENTIFIED BY 'wp-test-db-password'; GRANT ALL ON wp.* TO 'wp'@'localhost';"
}

write_config() {
    # a network keeps each site's address in the database; a single site pins it here
    local home_constants=""
    [ "${WP_MULTISITE:-0}" = "1" ] || home_constants="define('WP_HOME', 'http://127.0.0.1:$port'); define('WP_SITEURL', 'http://127.0.0.1:$port');"
    local salts=""
    for k in AUTH_KEY SECURE_AUTH_KEY LOGGED_IN_KEY NONCE_KEY AUTH_SALT SECURE_AUTH_SALT LOGGED_IN_SALT NONCE_SALT; do
        salts+="define('$k', '$(head -c 48 /dev/urandom | base64 | tr -d '/+=\n')');"$'\n'
    done
    cat > "$dir/wp/wp-config.php" <<CONF
<?php
define('DB_NAME', 'wp');
define('DB_USER', 'wp');
define('DB_PASSWORD', 'wp-test-db-password');
define('DB_HOST', 'localhost:$dir/run/mysql.sock');
define('DB_CHARSET', 'utf8mb4');
define('DB_COLLATE', '');
$salts
\$table_prefix = 'wp_';
$home_constants
define('WP_HTTP_BLOCK_EXTERNAL', true);
define('WP_ACCESSIBLE_HOSTS', '127.0.0.1,localhost');
define('DISABLE_WP_CRON', true);
define('AUTOMATIC_UPDATER_DISABLED', true);
define('WP_DEBUG', true);
define('WP_DEBUG_LOG', '$dir/debug.log');
define('WP_DEBUG_DISPLAY', false);
define('FS_METHOD', 'direct');
if (is_file('$dir/wp-config-extra.php')) require '$dir/wp-config-extra.php';
if (is_file('$dir/wp-config-network.php')) require '$dir/wp-config-network.php';
if (!defined('ABSPATH')) define('ABSPATH', __DIR__ . '/');
require_once ABSPATH . 'wp-settings.php';
CONF
}

install_site() {
    cat > "$dir/install.php" <<'PHP'
<?php
define('WP_INSTALLING', true);
$_SERVER['HTTP_HOST'] = '127.0.0.1';
require $argv[1] . '/wp-load.php';
require_once ABSPATH . 'wp-admin/includes/upgrade.php';
require_once ABSPATH . 'wp-admin/includes/plugin.php';
add_filter('pre_wp_mail', '__return_true');   /* no "new site" mail from the installer */
wp_install('php-smtp test site', 'admin', 'admin@example.test', true, '', 'admin-password-for-tests');
update_option('home', $argv[2]);
update_option('siteurl', $argv[2]);
if (($argv[3] ?? '0') !== '1') {
    $r = activate_plugin('php-smtp/php-smtp.php');
    if (is_wp_error($r)) { fwrite(STDERR, $r->get_error_message() . "\n"); exit(1); }
}
wp_insert_user(['user_login' => 'subscriber', 'user_pass' => 'subscriber-password', 'user_email' => 'sub@example.test', 'role' => 'subscriber']);
echo "installed\n";
PHP
    php -d extension="$so" "$dir/install.php" "$dir/wp" "http://127.0.0.1:$port" "${WP_NO_PLUGIN:-0}"
}

# WP_MULTISITE=1: the site becomes a network (subdirectories) with a second site,
# and the plugin is network-activated.
make_network() {
    cat > "$dir/network.php" <<'PHP'
<?php
define('WP_INSTALLING_NETWORK', true);
$_SERVER['HTTP_HOST'] = $argv[2];
require $argv[1] . '/wp-load.php';
require_once ABSPATH . 'wp-admin/includes/upgrade.php';
require_once ABSPATH . 'wp-admin/includes/network.php';
global $wpdb;
foreach ($wpdb->tables('ms_global') as $table => $prefixed) {   /* as wp-admin/network.php does */
    $wpdb->$table = $prefixed;
}
install_network();
$r = populate_network(1, $argv[2], 'admin@example.test', 'php-smtp network', '/', false);
if (is_wp_error($r) && $r->get_error_code() !== 'no_wildcard_dns') { fwrite(STDERR, $r->get_error_message() . "\n"); exit(1); }
echo "network\n";
PHP
    php -d extension="$so" "$dir/network.php" "$dir/wp" "127.0.0.1:$port"
    cat > "$dir/wp-config-network.php" <<CONF
<?php
define('MULTISITE', true);
define('SUBDOMAIN_INSTALL', false);
define('DOMAIN_CURRENT_SITE', '127.0.0.1:$port');
define('PATH_CURRENT_SITE', '/');
define('SITE_ID_CURRENT_SITE', 1);
define('BLOG_ID_CURRENT_SITE', 1);
CONF
    cat > "$dir/second.php" <<'PHP'
<?php
$_SERVER['HTTP_HOST'] = $argv[2];
require $argv[1] . '/wp-load.php';
require_once ABSPATH . 'wp-admin/includes/plugin.php';
$id = wpmu_create_blog($argv[2], '/second/', 'Second site', 1);
if (is_wp_error($id)) { fwrite(STDERR, $id->get_error_message() . "\n"); exit(1); }
global $wpdb;   /* wpmu_create_blog drops the port from the domain */
$wpdb->update($wpdb->blogs, ['domain' => $argv[2]], ['blog_id' => $id]);
clean_blog_cache($id);
update_blog_option($id, 'home', "http://{$argv[2]}/second");
update_blog_option($id, 'siteurl', "http://{$argv[2]}/second");
/* an administrator of the second site only: manage_options there, no network rights */
$uid = wp_insert_user(['user_login' => 'siteadmin', 'user_pass' => 'siteadmin-password', 'user_email' => 'siteadmin@example.test', 'role' => '']);
if (is_wp_error($uid)) { fwrite(STDERR, $uid->get_error_message() . "\n"); exit(1); }
remove_user_from_blog($uid, 1);
add_user_to_blog($id, $uid, 'administrator');
$r = activate_plugin('php-smtp/php-smtp.php', '', true);
if (is_wp_error($r)) { fwrite(STDERR, $r->get_error_message() . "\n"); exit(1); }
echo "second site $id, plugin network-activated\n";
PHP
    php -d extension="$so" "$dir/second.php" "$dir/wp" "127.0.0.1:$port"
}

case $cmd in
start)
    stop
    rm -rf "$dir/wp" "$dir/db" "$dir/run" "$dir/php-smtp-private" "$dir/wp-config-network.php" "$dir/debug.log"
    mkdir -p "$dir"
    cp -rL /usr/share/wordpress "$dir/wp"
    rm -f "$dir/wp/wp-config.php"
    mkdir -p "$dir/wp/wp-content/plugins" "$dir/wp/wp-content/uploads"
    [ "${WP_NO_PLUGIN:-0}" = "1" ] || cp -r "$root/wp-plugin" "$dir/wp/wp-content/plugins/php-smtp"
    start_db
    write_config
    install_site
    [ "${WP_MULTISITE:-0}" = "1" ] && make_network
    cat > "$dir/router.php" <<'PHP'
<?php
/* php -S router: real files (PHP or not) are served by the built-in server itself.
 * A subdirectory network's sites (/second/wp-admin/…, /second/wp-login.php) map
 * onto the same files, as WordPress's .htaccess rules for multisite do. Runs in
 * global scope: WordPress's admin files expect their variables to be globals. */
$php_smtp_uri = parse_url($_SERVER['REQUEST_URI'], PHP_URL_PATH);
if (file_exists($_SERVER['DOCUMENT_ROOT'] . $php_smtp_uri)) return false;
if (preg_match('#^/[_0-9a-zA-Z-]+(/(?:wp-(?:content|admin|includes)(?:/.*)?|[^/]+\.php))$#', $php_smtp_uri, $php_smtp_m)) {
    $php_smtp_file = $_SERVER['DOCUMENT_ROOT'] . $php_smtp_m[1];
    if (is_dir($php_smtp_file)) {
        $php_smtp_file = rtrim($php_smtp_file, '/') . '/index.php';
        $php_smtp_uri = rtrim($php_smtp_uri, '/') . '/index.php';
    }
    if (is_file($php_smtp_file) && str_ends_with($php_smtp_file, '.php')) {
        $_SERVER['SCRIPT_FILENAME'] = $php_smtp_file;
        $_SERVER['SCRIPT_NAME'] = $_SERVER['PHP_SELF'] = $php_smtp_uri;
        chdir(dirname($php_smtp_file));
        require $php_smtp_file;
        return true;
    }
    if (is_file($php_smtp_file)) {
        $php_smtp_types = ['css' => 'text/css', 'js' => 'text/javascript', 'svg' => 'image/svg+xml', 'png' => 'image/png', 'gif' => 'image/gif',
                           'woff' => 'font/woff', 'woff2' => 'font/woff2', 'ttf' => 'font/ttf', 'jpg' => 'image/jpeg'];
        header('Content-Type: ' . ($php_smtp_types[pathinfo($php_smtp_file, PATHINFO_EXTENSION)] ?? 'application/octet-stream'));
        readfile($php_smtp_file);
        return true;
    }
}
require $_SERVER['DOCUMENT_ROOT'] . '/index.php';
PHP
    if holder=$(ss -ltnpH "sport = :$port" 2>/dev/null | head -1) && [ -n "$holder" ]; then
        echo "wordpress: port $port is already in use by $(echo "$holder" | sed -n 's/.*users:((\(.*\)))$/\1/p'); stop it or set SMTP_TEST_PORT_OFFSET (e.g. 500)" >&2
        exit 1
    fi
    PHP_CLI_SERVER_WORKERS=4 setsid php -d extension="$so" -d display_errors=0 -d log_errors=1 \
        -d error_log="$dir/php-server.log" -S 127.0.0.1:"$port" -t "$dir/wp" "$dir/router.php" \
        </dev/null >>"$dir/php-server.log" 2>&1 &
    echo $! > "$dir/php.pid"
    for _ in $(seq 100); do curl -s -o /dev/null "http://127.0.0.1:$port/wp-login.php" && break; sleep 0.1; done
    cat > "$dir/env" <<ENV
WP_DIR=$dir/wp
WP_URL=http://127.0.0.1:$port
WP_ADMIN_USER=admin
WP_ADMIN_PASS=admin-password-for-tests
WP_SUBSCRIBER_USER=subscriber
WP_SUBSCRIBER_PASS=subscriber-password
WP_DB_SOCKET=$dir/run/mysql.sock
ENV
    [ "${WP_MULTISITE:-0}" = "1" ] && printf 'WP_SITEADMIN_USER=siteadmin\nWP_SITEADMIN_PASS=siteadmin-password\n' >> "$dir/env"
    echo "wordpress: http://127.0.0.1:$port/wp-admin/ (admin / admin-password-for-tests)"
    ;;
stop)
    stop
    ;;
*)
    echo "usage: wordpress.sh start|stop DIR [PORT]" >&2
    exit 2
    ;;
esac
