--TEST--
wp-config.php constants override and lock settings (secrets never echoed); the log's search, filter, paging and retention; resend keeps the logged recipients
--EXTENSIONS--
smtp
--FILE--
<?php
require __DIR__ . '/wp.inc';
/* constants are set before WordPress loads, as wp-config.php would */
$code = 'define("PHP_SMTP_HOST", "smtp.locked.example"); define("PHP_SMTP_PASSWORD", "constant-secret-xyz");' .
        '$_SERVER["HTTP_HOST"] = "127.0.0.1"; require getenv("WP_DIR") . "/wp-load.php"; require_once ABSPATH . "wp-admin/includes/admin.php";' .
        'update_option("php_smtp_settings", ["host" => "stored.example", "password" => "stored-secret"] + PhpSmtp\Settings::defaults());' .
        'echo PhpSmtp\Settings::get("host"), " ", var_export(PhpSmtp\Settings::locked("host"), true), " ", PhpSmtp\Settings::get("password") === "constant-secret-xyz" ? "constant password" : "stored password", "\n";' .
        'wp_set_current_user(1); set_current_screen("settings_page_php-smtp"); $_GET["page"] = "php-smtp"; ob_start(); PhpSmtp\Admin::page(); $html = ob_get_clean();' .
        'echo preg_match("/id=\"php-smtp-host\"[^>]*value=\"smtp.locked.example\"[^>]* disabled/", $html) ? "host field locked\n" : "host field editable\n";' .
        'echo str_contains($html, "set by PHP_SMTP_HOST in wp-config.php") ? "says why\n" : "no reason shown\n";' .
        'echo str_contains($html, "constant-secret-xyz") || str_contains($html, "stored-secret") ? "SECRET IN PAGE\n" : "no secret in the page\n";';
$sys = PHP_EXTENSION_DIR;
$p = proc_open([PHP_BINARY, '-n', '-d', "extension=$sys/mysqlnd.so", '-d', "extension=$sys/mysqli.so", '-d', 'extension=' . ini_get('extension_dir') . '/smtp.so', '-r', $code],
               [1 => ['pipe', 'w'], 2 => ['pipe', 'w']], $pipes, null, ['WP_DIR' => wp_env('WP_DIR')] + getenv());
echo stream_get_contents($pipes[1]), stream_get_contents($pipes[2]);
proc_close($p);

echo "-- sanitize: an empty secret keeps the stored one, a bad From is refused\n";
require_once ABSPATH . 'wp-admin/includes/admin.php';
use_settings(relay_settings(['password' => 'kept-secret']));
$s = PhpSmtp\Settings::sanitize(['password' => '', 'from' => 'not an address', 'port' => '99999', 'security' => 'bogus']);
echo PhpSmtp\Settings::get('password'), " ", $s['from'], " ", $s['port'], " ", $s['security'], "\n";

echo "-- log: search, filter, paging, retention\n";
global $wpdb;
$wpdb->query('DELETE FROM ' . PhpSmtp\Log::table());
for ($i = 1; $i <= 25; $i++) {
    PhpSmtp\Log::add(['to' => ["user$i@example.test"], 'subject' => "Newsletter $i"], [], $i % 5 ? 'sent' : 'failed');
}
[$rows, $total] = PhpSmtp\Log::query('', '', 1, 20);
echo "page 1: ", count($rows), " of $total, newest first: ", $rows[0]['subject'], "\n";
[$rows] = PhpSmtp\Log::query('', '', 2, 20);
echo "page 2: ", count($rows), "\n";
[$rows, $total] = PhpSmtp\Log::query('', 'failed', 1, 20);
echo "failed: $total\n";
[$rows, $total] = PhpSmtp\Log::query("Newsletter 1'; DROP TABLE x; --", '', 1, 20);
echo "hostile search: $total rows, table still there: ", $wpdb->get_var('SELECT COUNT(*) FROM ' . PhpSmtp\Log::table()), "\n";
[$rows, $total] = PhpSmtp\Log::query('user1', '', 1, 20);
echo "search user1: $total\n";
$wpdb->query($wpdb->prepare('UPDATE ' . PhpSmtp\Log::table() . ' SET created_at = %s WHERE subject = %s', gmdate('Y-m-d H:i:s', time() - 40 * DAY_IN_SECONDS), 'Newsletter 3'));
PhpSmtp\Log::prune(30);
echo "after 30-day retention: ", $wpdb->get_var('SELECT COUNT(*) FROM ' . PhpSmtp\Log::table()), "\n";

echo "-- resend: the recipients come from the log, not from the request\n";
use_settings(relay_settings());
wp_mail('bob@example.test', 'Resend me', 'x');
$first = last_log();
wp_set_current_user(1);
$_POST = ['id' => $first['id'], 'to' => 'attacker@example.com', '_wpnonce' => wp_create_nonce('php_smtp_resend')];
$_REQUEST = $_POST;
add_filter('wp_redirect', function ($to) { throw new RuntimeException('redirect'); });
try { PhpSmtp\LogTab::resend(); } catch (RuntimeException $e) {}
$again = last_log();
echo "new entry: ", $again['id'] > $first['id'] ? 'yes' : 'no', ", to: {$again['to_addr']}, status: {$again['status']}\n";
?>
--EXPECT--
smtp.locked.example true constant password
host field locked
says why
no secret in the page
-- sanitize: an empty secret keeps the stored one, a bad From is refused
kept-secret site@example.test 65535 none
-- log: search, filter, paging, retention
page 1: 20 of 25, newest first: Newsletter 25
page 2: 5
failed: 5
hostile search: 0 rows, table still there: 25
search user1: 11
after 30-day retention: 24
-- resend: the recipients come from the log, not from the request
new entry: yes, to: bob@example.test, status: sent
