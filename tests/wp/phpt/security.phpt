--TEST--
Security review: settings take only the form's fields (files and endpoints from wp-config.php only), secrets encrypted at rest and not autoloaded (plain ones migrated, clearable, no double unslash), presets do not re-sanitize, the two GETs need a nonce or the state, the OAuth redirect URI has no query string, the private folder never inside the document root, diagnostics probe only the configured host, the log can keep no bodies, privacy export and erase, uninstall without the extension removes the files
--EXTENSIONS--
smtp
--FILE--
<?php
require __DIR__ . '/wp.inc';
global $wpdb;
wp_set_current_user(1);
$raw = fn() => get_option('php_smtp_settings');

echo "-- 1. fields the form does not show are not taken, stored ones are not used\n";
use_settings(relay_settings());
$out = PhpSmtp\Settings::sanitize(['token_store' => ABSPATH . 'wp-config.php', 'oauth_token_endpoint' => 'https://attacker.example/token',
                                    'oauth_auth_endpoint' => 'https://attacker.example/auth', 'oauth_ca_file' => '/etc/passwd', 'host' => 'smtp.example.test']);
echo "taken: ", implode(', ', array_keys(array_filter(array_intersect_key($out, array_flip(PhpSmtp\Settings::CONSTANT_ONLY))))) ?: 'none of them', "; host: {$out['host']}\n";
update_option('php_smtp_settings', ['token_store' => ABSPATH . 'wp-config.php', 'oauth_token_endpoint' => 'https://attacker.example/token'] + $raw());
echo "store path from the database: ", PhpSmtp\OAuth::store_path() === ABSPATH . 'wp-config.php' ? 'USED' : 'ignored', "; token endpoint from the database: ",
     (PhpSmtp\OAuth::client()['token_endpoint'] ?? '') === 'https://attacker.example/token' ? 'USED' : 'ignored', "\n";
$p = proc_open([PHP_BINARY, '-n', '-d', 'extension=' . PHP_EXTENSION_DIR . '/mysqlnd.so', '-d', 'extension=' . PHP_EXTENSION_DIR . '/mysqli.so', '-r',
    'define("PHP_SMTP_TOKEN_STORE", "/tmp/constant.store"); $_SERVER["HTTP_HOST"] = "127.0.0.1"; require getenv("WP_DIR") . "/wp-load.php"; echo PhpSmtp\OAuth::store_path();'],
    [1 => ['pipe', 'w'], 2 => ['pipe', 'w']], $pipes, null, ['WP_DIR' => wp_env('WP_DIR')] + getenv());
echo "from wp-config.php: ", stream_get_contents($pipes[1]), stream_get_contents($pipes[2]), "\n";
proc_close($p);

echo "-- 3 and 7. secrets: encrypted, not autoloaded, saved as typed, kept when empty, clearable; plain ones migrated\n";
use_settings(relay_settings(['password' => 'plain-old-secret']));
echo "migrated: ", PhpSmtp\Settings::get('password'), ", still in the settings option: ", var_export(isset($raw()['password']), true), "\n";
PhpSmtp\Settings::sanitize(['password' => 'p\ss"w\'rd', 'oauth_client_secret' => 'client-secret-123']);
$row = $wpdb->get_row("SELECT option_value, autoload FROM $wpdb->options WHERE option_name = 'php_smtp_secrets'", ARRAY_A);
echo "password read back: ", PhpSmtp\Settings::get('password'), "; autoload: {$row['autoload']}; plain text in the database: ",
     (int)$wpdb->get_var($wpdb->prepare("SELECT COUNT(*) FROM $wpdb->options WHERE option_value LIKE %s OR option_value LIKE %s", '%client-secret-123%', '%p\\\\ss%')), "\n";
PhpSmtp\Settings::sanitize(['password' => '']);
echo "empty keeps it: ", PhpSmtp\Settings::get('password'), "\n";
PhpSmtp\Settings::sanitize(['password' => '', 'clear_password' => '1']);
echo "cleared: '", PhpSmtp\Settings::get('password'), "', client secret still: ", PhpSmtp\Settings::get('oauth_client_secret'), "\n";
echo "another site's key differs: ", PhpSmtp\Secrets::key(1) !== PhpSmtp\Secrets::key(2) ? 'yes' : 'no', "\n";

echo "-- 7. a preset changes its fields only: stored values are not sanitized again\n";
PhpSmtp\Settings::write(['from_name' => 'O\'Brien \\ Sons'] + $raw());
$_POST = $_REQUEST = ['preset' => 'sendgrid', '_wpnonce' => wp_create_nonce('php_smtp_preset')];
add_filter('wp_redirect', $stop = function () { throw new RuntimeException('redirect'); });
try { PhpSmtp\ConnectionTab::apply_preset(); } catch (RuntimeException $e) {}
echo "host: ", $raw()['host'], ", from name: ", $raw()['from_name'], "\n";

echo "-- 6. the failure notice's link needs its nonce; a forged OAuth callback leaves the pending consent\n";
delete_user_meta(1, 'php_smtp_failed_seen');
$_GET = ['page' => 'php-smtp', 'tab' => 'log', 'status' => 'failed'];
PhpSmtp\Admin::on_load();
echo "without a nonce, marked seen: ", var_export(get_user_meta(1, 'php_smtp_failed_seen', true) !== '', true), "\n";
$_GET['_wpnonce'] = wp_create_nonce('php_smtp_failures_seen');
PhpSmtp\Admin::on_load();
echo "with it: ", var_export(get_user_meta(1, 'php_smtp_failed_seen', true) !== '', true), "\n";
$key = (new ReflectionMethod(PhpSmtp\OAuth::class, 'state_key'));
$key->setAccessible(true);
set_transient($key->invoke(null), hash('sha256', 'the-real-state'), 900);
echo "forged: ", PhpSmtp\OAuth::complete(['state' => 'forged', 'code' => 'x']), "\npending consent kept: ", var_export(get_transient($key->invoke(null)) !== false, true), "\n";

echo "-- 8. the redirect URI has no query string\n";
echo PhpSmtp\OAuth::redirect_uri() === admin_url('admin-post.php') && !str_contains(PhpSmtp\OAuth::redirect_uri(), '?') ? "admin-post.php, no query string\n" : "WRONG: " . PhpSmtp\OAuth::redirect_uri() . "\n";

echo "-- 2. the private folder is never inside the document root\n";
$default = PhpSmtp\PrivateDir::path();
echo "beside WordPress, outside its folder: ", !str_starts_with($default, ABSPATH) ? 'yes' : 'no', ", deny files: ",
     is_file("$default/.htaccess") && is_file("$default/index.php") ? 'yes' : 'no', "\n";
/* WordPress in a subfolder of the document root (or Bedrock's web/wp): the folder beside WordPress is public */
$web = sys_get_temp_dir() . '/php-smtp-docroot-' . getmypid();
$wp = "$web/public/blog";
mkdir($wp, 0755, true);
/* PHP_SAPI is "cli" here: PrivateDir then uses the root it recorded; the test gives it one through the option */
$recorded = fn(string $root) => 'function get_site_option($k, $d = "") { return $k === "php_smtp_document_root" ? ' . var_export($root, true) . ' : $d; }';
$code = fn(string $root, string $const = '') => $const . ' define("ABSPATH", ' . var_export("$wp/", true) . '); ' . $recorded($root) . ' function update_site_option() {}
    function wp_mkdir_p($d) { return @mkdir($d, 0700, true) || is_dir($d); } function __($t) { return $t; }
    require ' . var_export(wp_env('WP_DIR') . '/wp-content/plugins/php-smtp/src/PrivateDir.php', true) . ';
    try { echo PhpSmtp\PrivateDir::path(); } catch (RuntimeException $e) { echo "refused: ", $e->getMessage(); }';
$php = fn(string $c) => shell_exec(escapeshellarg(PHP_BINARY) . ' -n -r ' . escapeshellarg($c) . ' 2>&1');
echo "subfolder install, document root WEB/public: ", str_replace($web, 'WEB', $php($code("$web/public"))), "\n";
exec('rm -rf ' . escapeshellarg("$web/php-smtp-private"));
touch("$web/php-smtp-private");   /* no folder can be made outside the document root */
echo "and no folder possible outside it: ", preg_replace('/define\(.*$/', 'define(…)', str_replace($web, 'WEB', $php($code("$web/public")))), "\n";
echo "a constant inside the document root: ", preg_replace('/: php-smtp has.*/', '', $php($code("$web/public", 'define("PHP_SMTP_PRIVATE_DIR", ' . var_export("$web/public/private", true) . ');'))), "\n";
exec('rm -rf ' . escapeshellarg($web));

echo "-- 2, over HTTP: a queued message's attachment copy is out of every URL's reach\n";
[$port] = fault_server('greeting_421');
use_settings(relay_settings(['host' => '127.0.0.1', 'port' => $port]));
file_put_contents($secret_file = sys_get_temp_dir() . '/php-smtp-http-' . getmypid() . '.txt', $bytes = 'attachment-bytes-' . bin2hex(random_bytes(8)));
wp_mail('bob@example.test', 'queued with a file', 'x', '', [$secret_file]);
unlink($secret_file);
$copy = PhpSmtp\Spool::dir((int)last_log()['id']) . '/0/' . basename($secret_file);
echo "queued, copy kept: ", var_export(is_file($copy), true), ", inside the served folder ", wp_env('WP_DIR'), ": ", var_export(str_starts_with(realpath($copy), realpath(wp_env('WP_DIR')) . '/'), true), "\n";
$rel = substr($copy, strlen(dirname(PhpSmtp\PrivateDir::path())));
foreach (['/wp-content' . $rel, $rel, '/wp-content/plugins/php-smtp/..' . $rel] as $path) {
    $body = @file_get_contents(wp_env('WP_URL') . $path, false, stream_context_create(['http' => ['ignore_errors' => true, 'follow_location' => 0]]));
    $status = (int)explode(' ', $http_response_header[0] ?? '? 0')[1];
    echo "GET $path: ", $status === 200 ? '200' : 'not 200 (WordPress\'s 404 or its redirect to one)', ", the file's bytes: ", str_contains((string)$body, $bytes) ? 'SERVED' : 'no', "\n";
}
$wpdb->query('DELETE FROM ' . PhpSmtp\Log::table() . " WHERE status = 'queued'");
PhpSmtp\Spool::release_all();

echo "-- 5. diagnostics probe the configured host only, whatever the request says\n";
use_settings(relay_settings());
$_GET = $_POST = $_REQUEST = ['host' => 'attacker.example', 'port' => '25'];
$rows = PhpSmtp\Diagnostics::run();
echo $rows[0][0], ": ", $rows[0][2], "; attacker.example named: ", str_contains(json_encode($rows), 'attacker') ? 'yes' : 'no', "\n";

echo "-- the log without bodies; the privacy exporter and eraser\n";
$wpdb->query('DELETE FROM ' . PhpSmtp\Log::table());
use_settings(relay_settings(['log_bodies' => 0]));
wp_mail('Ann Example <ann@example.test>', 'Your appointment', 'Private details: 12 May, Dr. Smith', 'Reply-To: clinic@example.test');
$stored = PhpSmtp\Log::unpack(last_log()['mail']);
echo "status ", last_log()['status'], "; body kept: ", var_export(isset($stored['message']['text']) || str_contains(last_log()['mail'] . json_encode($stored), 'Dr. Smith'), true), "\n";
use_settings(relay_settings());
wp_mail('bob@example.test', 'For Bob', 'body for bob', 'Reply-To: Ann <ann@example.test>');
wp_mail('carol@example.test', 'For Carol', 'x');
$exporters = apply_filters('wp_privacy_personal_data_exporters', []);
$export = call_user_func($exporters['php-smtp']['callback'], 'ann@example.test', 1);
echo "exported for ann: ", implode(' | ', array_map(fn($i) => $i['data'][3]['value'], $export['data'])), "\n";
$erasers = apply_filters('wp_privacy_personal_data_erasers', []);
$erased = call_user_func($erasers['php-smtp']['callback'], 'ann@example.test', 1);
echo "erased: ", var_export($erased['items_removed'], true), "; left: ", implode(', ', $wpdb->get_col('SELECT subject FROM ' . PhpSmtp\Log::table())), "\n";

echo "-- 4. uninstall without the extension removes the token store\n";
$store = PhpSmtp\OAuth::store_path();
file_put_contents($store, 'x');
file_put_contents("$store.unreadable-1", 'x');
update_option('php_smtp_alerts', ['webhook' => 'https://hooks.slack.com/services/T0/B0/uninstall-token'] + PhpSmtp\Alerts::defaults());
PhpSmtp\Alerts::settings();   /* sealed */
$p = proc_open([PHP_BINARY, '-n', '-d', 'extension=' . PHP_EXTENSION_DIR . '/mysqlnd.so', '-d', 'extension=' . PHP_EXTENSION_DIR . '/mysqli.so', '-r',
    '$_SERVER["HTTP_HOST"] = "127.0.0.1"; require getenv("WP_DIR") . "/wp-load.php"; echo extension_loaded("smtp") ? "extension loaded" : "no extension", ": ";
     define("WP_UNINSTALL_PLUGIN", "php-smtp/php-smtp.php"); require WP_PLUGIN_DIR . "/php-smtp/uninstall.php"; echo "uninstalled";'],
    [1 => ['pipe', 'w'], 2 => ['pipe', 'w']], $pipes, null, ['WP_DIR' => wp_env('WP_DIR')] + getenv());
echo stream_get_contents($pipes[1]), stream_get_contents($pipes[2]), "\n";
proc_close($p);
clearstatcache();
echo "store files left: ", count(array_filter([$store, "$store.unreadable-1"], 'file_exists')), "; secrets option: ",
     var_export($wpdb->get_var("SELECT COUNT(*) FROM $wpdb->options WHERE option_name = 'php_smtp_secrets'"), true), "; alert options: ",
     var_export($wpdb->get_var("SELECT COUNT(*) FROM $wpdb->options WHERE option_name LIKE 'php\\_smtp\\_alert%'"), true), "\n";
PhpSmtp\Log::install();
?>
--EXPECTF--
-- 1. fields the form does not show are not taken, stored ones are not used
taken: none of them; host: smtp.example.test
store path from the database: ignored; token endpoint from the database: ignored
from wp-config.php: /tmp/constant.store
-- 3 and 7. secrets: encrypted, not autoloaded, saved as typed, kept when empty, clearable; plain ones migrated
migrated: plain-old-secret, still in the settings option: false
password read back: p\ss"w'rd; autoload: no; plain text in the database: 0
empty keeps it: p\ss"w'rd
cleared: '', client secret still: client-secret-123
another site's key differs: yes
-- 7. a preset changes its fields only: stored values are not sanitized again
host: smtp.sendgrid.net, from name: O'Brien \ Sons
-- 6. the failure notice's link needs its nonce; a forged OAuth callback leaves the pending consent
without a nonce, marked seen: false
with it: true
forged: The authorization response does not belong to this session (state mismatch). Start again with "Grant permission".
pending consent kept: true
-- 8. the redirect URI has no query string
admin-post.php, no query string
-- 2. the private folder is never inside the document root
beside WordPress, outside its folder: yes, deny files: yes
subfolder install, document root WEB/public: WEB/php-smtp-private
and no folder possible outside it: refused: php-smtp has no private folder outside the web server's document root, so it keeps no OAuth tokens and no copies of queued attachments. Create a folder the web server can write that no URL reaches and name it in wp-config.php: define(…)
a constant inside the document root: refused
-- 2, over HTTP: a queued message's attachment copy is out of every URL's reach
queued, copy kept: true, inside the served folder %s: false
GET /wp-content/php-smtp-private/outbox/1-%d/0/php-smtp-http-%d.txt: not 200 (WordPress's 404 or its redirect to one), the file's bytes: no
GET /php-smtp-private/outbox/1-%d/0/php-smtp-http-%d.txt: not 200 (WordPress's 404 or its redirect to one), the file's bytes: no
GET /wp-content/plugins/php-smtp/../php-smtp-private/outbox/1-%d/0/php-smtp-http-%d.txt: not 200 (WordPress's 404 or its redirect to one), the file's bytes: no
-- 5. diagnostics probe the configured host only, whatever the request says
DNS: localhost resolves to 127.0.0.1; attacker.example named: no
-- the log without bodies; the privacy exporter and eraser
status sent; body kept: false
exported for ann: Your appointment | For Bob
erased: true; left: For Carol
-- 4. uninstall without the extension removes the token store
no extension: uninstalled
store files left: 0; secrets option: '0'; alert options: '0'
