--TEST--
Multisite: the network-activated plugin works per site (own settings, log and token store), with the main site's connection for every site (network option), network-wide from wp-config.php constants; uninstall cleans every site
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
/* with no connection the plugin leaves the call to core: a later pre_wp_mail filter still decides */
add_filter('pre_wp_mail', $core = fn($r) => $r ?? 'left to core', 20);
echo "main site, not configured: ", var_export(wp_mail('bob@example.test', 'main site', 'x'), true), "\n";
remove_filter('pre_wp_mail', $core, 20);
restore_current_blog();
echo $rows(1), "\n", $rows(2), "\n";
echo "token stores differ per site: ", (function () { switch_to_blog(1); $a = PhpSmtp\OAuth::store_path(); restore_current_blog(); switch_to_blog(2); $b = PhpSmtp\OAuth::store_path(); restore_current_blog(); return $a !== $b ? 'yes' : 'no'; })(), "\n";
echo "and their keys: ", (function () { switch_to_blog(1); $a = PhpSmtp\OAuth::key(); restore_current_blog(); switch_to_blog(2); $b = PhpSmtp\OAuth::key(); restore_current_blog(); return $a !== $b ? 'differ' : 'THE SAME'; })(), "\n";

echo "-- shared: the network administrator sends every site's mail through the main site's connection\n";
update_site_option('php_smtp_network', 'main');
update_blog_option(1, 'php_smtp_settings', $relay + ['from' => 'main@example.test', 'from_name' => 'Main'] + PhpSmtp\Settings::defaults());
echo "site 2 borrows: ", var_export(PhpSmtp\Network::borrowing(), true), ", its own settings kept: ", get_option('php_smtp_settings')['from'], "\n";
var_dump(wp_mail('bob@example.test', 'Shared connection, second site', 'hello'));
$id = $wpdb->get_var('SELECT message_id FROM ' . PhpSmtp\Log::table() . ' ORDER BY id DESC LIMIT 1');
[$m] = delivered($id);
echo $m['headers']['from'][0], " (logged in ", PhpSmtp\Log::table(), ")\n";
echo "one token store for the network: ", (function () { switch_to_blog(1); $a = PhpSmtp\OAuth::store_path(); restore_current_blog(); $k = PhpSmtp\OAuth::key(); switch_to_blog(1); $k1 = PhpSmtp\OAuth::key(); restore_current_blog(); return $a === PhpSmtp\OAuth::store_path() && $k === $k1 ? "yes, one key" : "no"; })(), "\n";
/* the site may not change the shared connection: the Settings API keeps the site's own value */
require_once ABSPATH . 'wp-admin/includes/template.php';   /* the Settings API's messages, as on options.php */
$own = get_option('php_smtp_settings');
$kept = PhpSmtp\Settings::sanitize(['host' => 'attacker.example', 'from' => 'evil@example.test']);
echo "site 2 saving the connection: ", $kept === $own ? 'refused' : 'ACCEPTED', "; ", get_settings_errors('php_smtp_settings')[0]['message'] ?? 'no message', "\n";
echo "main site's host still: ", get_blog_option(1, 'php_smtp_settings')['host'], "\n";
update_site_option('php_smtp_network', 'site');
var_dump(wp_mail('bob@example.test', 'Per site again', 'hello'));
$id = $wpdb->get_var('SELECT message_id FROM ' . PhpSmtp\Log::table() . ' ORDER BY id DESC LIMIT 1');
[$m] = delivered($id);
echo "back to per site: ", $m['headers']['from'][0], "\n";

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

echo "-- uninstall: every site's table and options, the network option and the token stores go\n";
update_site_option('php_smtp_network', 'main');
$stores = [];
foreach ([1, 2] as $b) { switch_to_blog($b); $stores[] = PhpSmtp\OAuth::store_path(); restore_current_blog(); }
update_site_option('php_smtp_network', 'site');
foreach ([1, 2] as $b) { switch_to_blog($b); $stores[] = $p = PhpSmtp\OAuth::store_path(); file_put_contents($p, 'x'); restore_current_blog(); }
/* each site has an outbox copy of an attachment */
file_put_contents($att = sys_get_temp_dir() . '/php-smtp-ms-' . getmypid() . '.txt', 'kept');
$spools = [];
foreach ([1, 2] as $b) { switch_to_blog($b); PhpSmtp\Spool::keep(999, ['attachments' => [['path' => $att]]]); $spools[] = PhpSmtp\Spool::dir(999); restore_current_blog(); }
unlink($att);
echo "outbox copies before: ", count(array_filter($spools, 'is_dir')), "\n";
$code = sprintf('$_SERVER["HTTP_HOST"] = "%s"; $_SERVER["REQUEST_URI"] = "/"; require "%s/wp-load.php"; define("WP_UNINSTALL_PLUGIN", "php-smtp/php-smtp.php"); require WP_PLUGIN_DIR . "/php-smtp/uninstall.php"; echo "uninstalled\n";', $host, $env['WP_DIR']);
$p = proc_open([PHP_BINARY, '-n', '-d', "extension=$sys/mysqlnd.so", '-d', "extension=$sys/mysqli.so", '-d', 'extension=' . ini_get('extension_dir') . '/smtp.so', '-r', $code],
               [1 => ['pipe', 'w'], 2 => ['pipe', 'w']], $pipes);
echo stream_get_contents($pipes[1]), stream_get_contents($pipes[2]);
proc_close($p);
wp_cache_flush();
foreach ([1, 2] as $b) {
    switch_to_blog($b);
    $t = $wpdb->prefix . 'php_smtp_log';
    echo "site $b: table ", $wpdb->get_var($wpdb->prepare('SHOW TABLES LIKE %s', $t)) ? 'still there' : 'gone',
         ", settings ", get_option('php_smtp_settings') === false ? 'gone' : 'still there', "\n";
    restore_current_blog();
}
echo "network option: ", get_site_option('php_smtp_network') === false ? 'gone' : 'still there', "\n";
echo "token store files left: ", count(array_filter(array_unique($stores), 'file_exists')), "\n";
clearstatcache();
echo "outbox copies left: ", count(array_filter($spools, 'is_dir')), "\n";
echo "private folder left: ", is_dir(dirname($spools[0], 2)) ? implode(', ', scandir(dirname($spools[0], 2))) : 'no', "\n";
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
and their keys: differ
-- shared: the network administrator sends every site's mail through the main site's connection
site 2 borrows: true, its own settings kept: second@example.test
bool(true)
Main <main@example.test> (logged in wp_2_php_smtp_log)
one token store for the network: yes, one key
site 2 saving the connection: refused; Every site of this network sends through the main site's connection; change it on the main site.
main site's host still: localhost
bool(true)
back to per site: Second <second@example.test>
-- network-wide: wp-config.php constants serve every site
site 1: true
site 2: true
wp_php_smtp_log: 1
wp_2_php_smtp_log: 4
-- uninstall: every site's table and options, the network option and the token stores go
outbox copies before: 2
uninstalled
site 1: table gone, settings gone
site 2: table gone, settings gone
network option: gone
token store files left: 0
outbox copies left: 0
private folder left: no
