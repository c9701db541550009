--TEST--
Multisite: the network-activated plugin works per site (own settings, log and token store) and network-wide from wp-config.php constants
--EXTENSIONS--
smtp
--FILE--
<?php
require_once __DIR__ . '/../../phpt/helper.inc';
$env = parse_ini_file(getenv('SMTP_TEST_WP_MS_ENV') ?: __DIR__ . '/../../.wp-ms/env', false, INI_SCANNER_RAW);
$host = parse_url($env['WP_URL'], PHP_URL_HOST) . ':' . parse_url($env['WP_URL'], PHP_URL_PORT);
$_SERVER['HTTP_HOST'] = $host;
$_SERVER['REQUEST_URI'] = '/second/';
require $env['WP_DIR'] . '/wp-load.php';
require_once ABSPATH . 'wp-admin/includes/plugin.php';
echo "multisite: ", var_export(is_multisite(), true), ", current site: ", get_current_blog_id(),
     ", network-active: ", var_export(is_plugin_active_for_network('php-smtp/php-smtp.php'), true), "\n";
$relay = ['host' => 'localhost', 'port' => (int)stack('RELAY_PORT'), 'security' => 'none', 'auth' => 'none', 'timeout' => 5];
$rows = function (int $blog) { global $wpdb; switch_to_blog($blog); $n = (int)$wpdb->get_var('SELECT COUNT(*) FROM ' . PhpSmtp\Log::table()); $t = PhpSmtp\Log::table(); restore_current_blog(); return "$t: $n"; };

echo "-- per site: the second site has its own connection, the main site none\n";
update_blog_option(1, 'php_smtp_settings', PhpSmtp\Settings::defaults());
update_blog_option(2, 'php_smtp_settings', $relay + ['from' => 'second@example.test', 'from_name' => 'Second'] + PhpSmtp\Settings::defaults());
PhpSmtp\Log::maybe_upgrade();
var_dump(wp_mail('bob@example.test', 'From the second site', 'hello'));
switch_to_blog(2);
global $wpdb;
$id = $wpdb->get_var('SELECT message_id FROM ' . PhpSmtp\Log::table() . ' ORDER BY id DESC LIMIT 1');
restore_current_blog();
[$m] = delivered($id);
echo $m['headers']['from'][0], "\n";
switch_to_blog(1);
PhpSmtp\Log::maybe_upgrade();
add_filter('pre_wp_mail', fn($r) => $r ?? 'left to core', 20);   /* what the plugin does with no connection: nothing */
echo "main site, not configured: ", var_export(wp_mail('bob@example.test', 'main site', 'x'), true), "\n";
restore_current_blog();
echo $rows(1), "\n", $rows(2), "\n";
echo "token stores differ per site: ", (function () { switch_to_blog(1); $a = PhpSmtp\OAuth::store_path(); restore_current_blog(); switch_to_blog(2); $b = PhpSmtp\OAuth::store_path(); restore_current_blog(); return $a !== $b ? 'yes' : 'no'; })(), "\n";

echo "-- network-wide: wp-config.php constants serve every site\n";
$code = sprintf('define("PHP_SMTP_HOST", "localhost"); define("PHP_SMTP_PORT", %d); define("PHP_SMTP_SECURITY", "none"); define("PHP_SMTP_AUTH", "none"); define("PHP_SMTP_FROM", "network@example.test");' .
    '$_SERVER["HTTP_HOST"] = "%s"; $_SERVER["REQUEST_URI"] = "/"; require "%s/wp-load.php";' .
    'foreach ([1, 2] as $b) { switch_to_blog($b); update_option("php_smtp_settings", PhpSmtp\Settings::defaults()); echo "site $b: ", var_export(wp_mail("bob@example.test", "network-wide $b", "x"), true), "\n"; restore_current_blog(); }',
    (int)stack('RELAY_PORT'), $host, $env['WP_DIR']);
$sys = PHP_EXTENSION_DIR;
$p = proc_open([PHP_BINARY, '-n', '-d', "extension=$sys/mysqlnd.so", '-d', "extension=$sys/mysqli.so", '-d', 'extension=' . ini_get('extension_dir') . '/smtp.so', '-r', $code],
               [1 => ['pipe', 'w'], 2 => ['pipe', 'w']], $pipes);
echo stream_get_contents($pipes[1]), stream_get_contents($pipes[2]);
proc_close($p);
echo $rows(1), "\n", $rows(2), "\n";
?>
--EXPECT--
multisite: true, current site: 2, network-active: true
-- per site: the second site has its own connection, the main site none
bool(true)
Second <second@example.test>
main site, not configured: 'left to core'
wp_php_smtp_log: 0
wp_2_php_smtp_log: 1
token stores differ per site: yes
-- network-wide: wp-config.php constants serve every site
site 1: true
site 2: true
wp_php_smtp_log: 1
wp_2_php_smtp_log: 2
