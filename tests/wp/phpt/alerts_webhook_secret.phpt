--TEST--
Alerts: a webhook URL's path and query (Slack's and Discord's secret, Teams' signature) never reach the alert history, the error log, the flash notice, the Alerts tab or an alert email, even when the endpoint answers an error or a redirect whose body quotes them back; the URL is stored sealed (plain ones migrated), write-only in the form, clearable, overridden by PHP_SMTP_ALERT_WEBHOOK
--EXTENSIONS--
smtp
--FILE--
<?php
require __DIR__ . '/wp.inc';
require_once ABSPATH . 'wp-admin/includes/admin.php';
global $wpdb;
wp_set_current_user(1);

/* a local endpoint that answers like a misconfigured one or a proxy: its body quotes the path back */
$proc = proc_open(['python3', __DIR__ . '/../../servers/webhook_server.py'], [1 => ['pipe', 'w'], 2 => ['pipe', 'w']], $pipes);
$port = (int)fgets($pipes[1]);
$port > 0 || exit("webhook_server.py did not start: " . stream_get_contents($pipes[2]) . "\n");
register_shutdown_function(function () use ($proc) { proc_terminate($proc); proc_close($proc); });
/* a port nothing listens on: bound by the OS, then closed */
$s = stream_socket_server('tcp://127.0.0.1:0');
$refused = (int)substr(strrchr(stream_socket_get_name($s, false), ':'), 1);
fclose($s);

/* the error log, to read back */
$errlog = sys_get_temp_dir() . '/php-smtp-alerts-errlog-' . getmypid();
@unlink($errlog);
ini_set('error_log', $errlog);
ini_set('log_errors', '1');

$inbox = 'alerts-secret-' . getmypid() . '@example.test';
use_settings(relay_settings());
add_filter('wp_redirect', function () { throw new RuntimeException('redirect'); });

/* what the Alerts tab shows with no webhook (its placeholder names Slack's /services/) */
update_option('php_smtp_alerts', PhpSmtp\Alerts::defaults());
ob_start();
PhpSmtp\AlertsTab::render();
$baseline = ob_get_clean();

$cases = [
    'text 404, the path quoted' => "http://127.0.0.1:$port/text/services/T0SECRET1/B0SECRET2/xoxbSlackToken0123456789",
    'JSON 404, slashes escaped' => "http://127.0.0.1:$port/json/api/webhooks/112233445566778899/DiscordTok_en-0123%2Fabc",
    'HTML 500, a link to the path' => "http://127.0.0.1:$port/html/hook-secret-token",
    'a 301 to https://' => "http://127.0.0.1:$port/redirect/services/T1/B1/redirected-secret-token",
    'Teams: the signature in the query' => "http://127.0.0.1:$port/text/workflows/4f2c9a/triggers/manual/paths/invoke?api-version=2016-06-01&sp=%2Ftriggers%2Fmanual%2Frun&sig=TeamsSignature0123456789abcdef",
    'refused' => "http://127.0.0.1:$refused/refused-secret-path",
];
foreach ($cases as $label => $url) {
    delete_option('php_smtp_alert_history');
    delete_option('php_smtp_alert_state');
    file_put_contents($errlog, '');
    /* saved as the Alerts form saves it */
    update_option('php_smtp_alerts', PhpSmtp\Alerts::sanitize(['emails' => $inbox, 'webhook' => $url, 'on_failed' => 1, 'on_fallback' => 1, 'on_reauthorize' => 1]));
    try { PhpSmtp\Alerts::send_test(); } catch (RuntimeException $e) {}
    $flash = get_transient('php_smtp_flash_1');
    delete_transient('php_smtp_flash_1');
    ob_start();
    PhpSmtp\AlertsTab::render();
    $page = ob_get_clean();
    $h = PhpSmtp\Alerts::history();
    $hook = current(array_filter($h, fn($r) => $r['channel'] === 'webhook'));
    $where = [
        'history' => (string)$wpdb->get_var("SELECT option_value FROM $wpdb->options WHERE option_name = 'php_smtp_alert_history'"),
        'error log' => (string)file_get_contents($errlog),
        'notice' => json_encode($flash),
        'admin page' => $page,
    ];
    /* every part of the URL after host and port, as sent and percent-decoded */
    $p = parse_url($url);
    $parts = array_filter(array_merge(explode('/', $p['path']), explode('&', $p['query'] ?? ''), preg_split('/[&=]/', $p['query'] ?? '')),
                          fn($x) => strlen($x) >= 4 && !in_array($x, ['text', 'json', 'html', 'redirect'], true));
    $parts = array_unique(array_merge($parts, array_map('rawurldecode', $parts), [$p['path']]));
    $shown = [];
    foreach ($where as $w => $text) {
        foreach ($parts as $part) {
            if ($w === 'admin page' && stripos($baseline, $part) !== false) continue;
            if (stripos($text, $part) !== false || stripos($text, str_replace('/', '\/', $part)) !== false) $shown[] = "$w: $part";
        }
    }
    echo "-- $label\n";
    echo "history: ", $hook ? ($hook['ok'] ? 'ok' : 'failed') . ', ' . preg_replace('/:\d+/', ':PORT', $hook['detail']) : 'NO WEBHOOK ENTRY', "\n";
    echo "notice: ", $flash[0] ?? 'none', "; logged: ", str_contains($where['error log'], 'alert webhook failed') ? 'yes' : 'no', "\n";
    echo "a part of the URL shown: ", $shown ? implode(' | ', $shown) : 'none', "\n";
}

echo "-- the alert emails\n";
$mails = [];
$deadline = microtime(true) + 15;
while (count($mails) < count($cases) && microtime(true) < $deadline) {
    $mails = array_filter(array_map('file_get_contents', glob(stack('MAILDIR') . '/inbox/new/*')), fn($m) => str_contains($m, $inbox));
    count($mails) < count($cases) && usleep(200000);
}
echo "delivered: ", count($mails), "; a part of a URL in them: ",
     preg_match('/SECRET1|SlackToken|DiscordTok|hook-secret|redirected-secret|TeamsSignature|refused-secret|112233445566778899/', implode('', $mails)) ? 'YES' : 'none', "\n";

echo "-- saved through the Settings API: sealed in the option row\n";
/* the plugin's own admin_init hooks (register_setting), not core's (they would call wordpress.org) */
foreach ($GLOBALS['wp_filter']['admin_init']->callbacks as $hooks) {
    foreach ($hooks as $h) {
        if ($h['function'] instanceof Closure && str_starts_with((string)(new ReflectionFunction($h['function']))->getClosureScopeClass()?->getName(), 'PhpSmtp\\')) ($h['function'])();
    }
}
$row = fn() => (string)$wpdb->get_var("SELECT option_value FROM $wpdb->options WHERE option_name = 'php_smtp_alerts'");
$in_row = fn(string $url) => implode(', ', array_keys(array_filter(['the URL' => $url, 'its path' => parse_url($url, PHP_URL_PATH), 'its token' => basename(parse_url($url, PHP_URL_PATH))],
                                                                   fn($x) => str_contains($row(), $x)))) ?: 'none of it';
$url = "http://127.0.0.1:$port/ok/services/T9/B9/stored-secret-token";
delete_option('php_smtp_alerts');
/* what options.php does with the form: update_option(), which runs the sanitize callback (twice for a new option) */
update_option('php_smtp_alerts', ['emails' => '', 'webhook' => $url, 'on_failed' => '1', 'interval' => '15', 'expiry_days' => '3']);
echo "in the row: ", $in_row($url), "; sealed: ", str_starts_with(get_option('php_smtp_alerts')['webhook'], 'v1:') ? 'yes' : 'no',
     "; settings errors: ", count(get_settings_errors('php_smtp_alerts')), "; read back: ", PhpSmtp\Alerts::settings()['webhook'] === $url ? 'the URL' : 'WRONG', "\n";
update_option('php_smtp_alerts', ['emails' => '', 'webhook' => '', 'on_failed' => '1']);
echo "left empty, kept: ", PhpSmtp\Alerts::settings()['webhook'] === $url ? 'yes' : 'no', "\n";
ob_start();
PhpSmtp\AlertsTab::render();
$page = ob_get_clean();
preg_match('/<input[^>]*id="php-smtp-alert-webhook"[^>]*>/', $page, $input);
echo "the Alerts tab: ", str_contains($page, 'stored (encrypted); leave empty to keep it') ? 'stored (encrypted)' : 'NO NOTE', ", ",
     str_contains($page, 'id="php-smtp-clear_webhook"') ? 'a box to remove it' : 'NO BOX', ", the field's value: ", preg_match('/ value=""/', $input[0] ?? '') ? 'empty' : 'NOT EMPTY', ", ",
     strip_tags(preg_replace('/.*(<p[^>]*id="php-smtp-alert-webhook-stored".*?<\/p>).*/s', '$1', $page)), "; the path in the page: ",
     str_contains($page, 'stored-secret-token') || str_contains($page, '/ok/services') ? 'YES' : 'no', "\n";
delete_option('php_smtp_alert_history');
try { PhpSmtp\Alerts::send_test(); } catch (RuntimeException $e) {}
echo "a test alert to it: ", preg_replace('/:\d+/', ':PORT', PhpSmtp\Alerts::history()[0]['detail']), "\n";
update_option('php_smtp_alerts', ['emails' => '', 'webhook' => '', 'clear_webhook' => '1']);
echo "removed with its box: ", PhpSmtp\Alerts::settings()['webhook'] === '' ? 'yes' : 'no', ", the row's webhook: '", get_option('php_smtp_alerts')['webhook'], "'\n";
update_option('php_smtp_alerts', ['webhook' => 'javascript:alert(1)//hooks.example.test/x']);
echo "not http(s): ", get_settings_errors('php_smtp_alerts')[0]['message'] ?? 'ACCEPTED', "\n";

echo "-- a plain URL in the row (an older version, or update_option() without the form) is sealed on first read\n";
$plain = "http://127.0.0.1:$port/ok/api/webhooks/445566/plain-stored-token";
$wpdb->update($wpdb->options, ['option_value' => serialize(['webhook' => $plain] + PhpSmtp\Alerts::defaults())], ['option_name' => 'php_smtp_alerts']);
wp_cache_delete('alloptions', 'options');
wp_cache_delete('php_smtp_alerts', 'options');
echo "before: ", $in_row($plain), "\n";
echo "read: ", PhpSmtp\Alerts::settings()['webhook'] === $plain ? 'the URL' : 'WRONG', "; after: ", $in_row($plain), "\n";
delete_option('php_smtp_alert_history');
try { PhpSmtp\Alerts::send_test(); } catch (RuntimeException $e) {}
echo "a test alert to it: ", preg_replace('/:\d+/', ':PORT', PhpSmtp\Alerts::history()[0]['detail']), "\n";

echo "-- sealed with other secret keys: not used, and the tab says so\n";
$wpdb->update($wpdb->options, ['option_value' => serialize(['webhook' => 'v1:' . base64_encode(random_bytes(64))] + PhpSmtp\Alerts::defaults())], ['option_name' => 'php_smtp_alerts']);
wp_cache_delete('alloptions', 'options');
wp_cache_delete('php_smtp_alerts', 'options');
file_put_contents($errlog, '');
ob_start();
PhpSmtp\AlertsTab::render();
$page = ob_get_clean();
echo "configured: ", var_export(PhpSmtp\Alerts::configured(), true), "; the tab: ", str_contains($page, 'id="php-smtp-alert-webhook-unreadable"') ? 'cannot be decrypted: enter it again' : 'SILENT',
     "; logged: ", str_contains(file_get_contents($errlog), 'cannot be decrypted') ? 'yes' : 'no', "\n";

echo "-- PHP_SMTP_ALERT_WEBHOOK in wp-config.php wins, locks the field and is not shown\n";
update_option('php_smtp_alerts', ['emails' => '', 'webhook' => $url]);
$const = "http://127.0.0.1:$port/ok/services/T7/B7/constant-secret-token";
$p = proc_open([PHP_BINARY, '-n', '-d', 'extension=' . PHP_EXTENSION_DIR . '/mysqlnd.so', '-d', 'extension=' . PHP_EXTENSION_DIR . '/mysqli.so', '-d', 'extension=' . PHP_EXTENSION_DIR . '/tokenizer.so', '-r',
    'define("PHP_SMTP_ALERT_WEBHOOK", getenv("HOOK")); $_SERVER["HTTP_HOST"] = "127.0.0.1"; require getenv("WP_DIR") . "/wp-load.php"; require_once ABSPATH . "wp-admin/includes/admin.php";
     wp_set_current_user(1); delete_option("php_smtp_alert_history"); add_filter("wp_redirect", function () { throw new RuntimeException("redirect"); });
     try { PhpSmtp\Alerts::send_test(); } catch (RuntimeException $e) {}
     ob_start(); PhpSmtp\AlertsTab::render(); $page = ob_get_clean();
     preg_match("/<input[^>]*id=\"php-smtp-alert-webhook\"[^>]*>/", $page, $m);
     echo "used: ", preg_replace("/:\\d+/", ":PORT", PhpSmtp\Alerts::history()[0]["detail"]), "; field: ", str_contains($m[0], " disabled") ? "disabled" : "ENABLED", "; ",
          str_contains($page, "set by PHP_SMTP_ALERT_WEBHOOK in wp-config.php") ? "set by PHP_SMTP_ALERT_WEBHOOK" : "NO NOTE", "; its path in the page: ",
          str_contains($page, "constant-secret-token") ? "YES" : "no";'],
    [1 => ['pipe', 'w'], 2 => ['pipe', 'w']], $pipes2, null, ['WP_DIR' => wp_env('WP_DIR'), 'HOOK' => $const] + getenv());
echo stream_get_contents($pipes2[1]), stream_get_contents($pipes2[2]), "\n";
proc_close($p);
echo "the stored one kept: ", PhpSmtp\Alerts::settings()['webhook'] === $url ? 'yes' : 'no', "; the constant in the database: ",
     (int)$wpdb->get_var($wpdb->prepare("SELECT COUNT(*) FROM $wpdb->options WHERE option_value LIKE %s", '%constant-secret-token%')), "\n";

echo "-- what is cut from a reply: any URL past its host, every piece of the webhook's in any case, words only whole\n";
$u = 'https://bot:pa55@hooks.slack.com/services/T0AB12CD3/B0EF45GH6/AbCdEfGhIjKlMnOpQrStUvWx';
foreach (['No webhook at /SERVICES/T0AB12CD3/B0EF45GH6/ABCDEFGHIJKLMNOPQRSTUVWX', 'see https://hooks.slack.com/services/T0AB12CD3/x or {"u":"https:\/\/hooks.slack.com\/services\/T0"}',
          'invalid_token AbCdEfGhIjKlMnOpQrStUvWx for team T0AB12CD3 (our services are up)', 'user bot, password pa55'] as $t) {
    echo PhpSmtp\Alerts::redact_url($t, $u), "\n";
}
update_option('php_smtp_alerts', ['webhook' => "http://127.0.0.1:$port/ok/services/2024/hook-secret-0123456789"] + PhpSmtp\Alerts::defaults());
echo "an alert's text (scrub): ", PhpSmtp\Alerts::scrub('Invoice 2024 for services, token hook-secret-0123456789, at /ok/services/2024/hook-secret-0123456789'), "\n";
@unlink($errlog);
?>
--CLEAN--
<?php
require __DIR__ . '/wp.inc';
delete_option('php_smtp_alerts');
delete_option('php_smtp_alert_state');
delete_option('php_smtp_alert_history');
?>
--EXPECTF--
-- text 404, the path quoted
history: failed, 127.0.0.1: HTTP 404 No webhook at <redacted> (decoded: <redacted>)
notice: error; logged: yes
a part of the URL shown: none
-- JSON 404, slashes escaped
history: failed, 127.0.0.1: HTTP 404 {"error": "unknown webhook", "path": "<redacted>", "decoded": "<redacted>"}
notice: error; logged: yes
a part of the URL shown: none
-- HTML 500, a link to the path
history: failed, 127.0.0.1: HTTP 500 500 Internal Server Error Internal Server Error The request POST <redacted> could not be handled. <redacted>
notice: error; logged: yes
a part of the URL shown: none
-- a 301 to https://
history: failed, 127.0.0.1: HTTP 301, a redirect to https://127.0.0.1:PORT; redirects are not followed: enter the address it leads to
notice: error; logged: yes
a part of the URL shown: none
-- Teams: the signature in the query
history: failed, 127.0.0.1: HTTP 404 No webhook at <redacted> (decoded: <redacted>)
notice: error; logged: yes
a part of the URL shown: none
-- refused
history: failed, 127.0.0.1: %s
notice: error; logged: yes
a part of the URL shown: none
-- the alert emails
delivered: 6; a part of a URL in them: none
-- saved through the Settings API: sealed in the option row
in the row: none of it; sealed: yes; settings errors: 0; read back: the URL
left empty, kept: yes
the Alerts tab: stored (encrypted), a box to remove it, the field's value: empty, The stored webhook: JSON POST to 127.0.0.1.; the path in the page: no
a test alert to it: 127.0.0.1: HTTP 200
removed with its box: yes, the row's webhook: ''
not http(s): The webhook must be an http:// or https:// URL; the previous one is kept.
-- a plain URL in the row (an older version, or update_option() without the form) is sealed on first read
before: the URL, its path, its token
read: the URL; after: none of it
a test alert to it: 127.0.0.1: HTTP 200
-- sealed with other secret keys: not used, and the tab says so
configured: false; the tab: cannot be decrypted: enter it again; logged: yes
-- PHP_SMTP_ALERT_WEBHOOK in wp-config.php wins, locks the field and is not shown
used: 127.0.0.1: HTTP 200; field: disabled; set by PHP_SMTP_ALERT_WEBHOOK; its path in the page: no
the stored one kept: yes; the constant in the database: 0
-- what is cut from a reply: any URL past its host, every piece of the webhook's in any case, words only whole
No webhook at <redacted>
see https://hooks.slack.com/<redacted> or {"u":"https://hooks.slack.com/<redacted>"}
invalid_token <redacted> for team <redacted> (our <redacted> are up)
user <redacted>, password <redacted>
an alert's text (scrub): Invoice 2024 for services, token <redacted>, at <redacted>
