--TEST--
HTTPS API connections set up wrong or carried over from an older version: a Gmail API primary with the Microsoft provider makes wp_mail() return the reason (and the fallback send) instead of throwing; an OAuth grant made for another provider is never sent to the API; an outcome unknown over an API never tries the fallback; a site saved before the transports existed keeps its SMTP fallback when its form is saved again; the version 1 log table gets the transport column; the Test email tab does not say "Sent with" for a message that failed; no PHP warning or notice from the plugin
--EXTENSIONS--
smtp
--FILE--
<?php
require __DIR__ . '/wp.inc';
require_once __DIR__ . '/../../phpt/api.inc';
global $wpdb;
$base = api_server();
define('PHP_SMTP_API_ENDPOINT', $base);
define('PHP_SMTP_OAUTH_AUTH_ENDPOINT', oauth_url('/authorize'));
define('PHP_SMTP_OAUTH_TOKEN_ENDPOINT', oauth_url('/token'));
define('PHP_SMTP_OAUTH_REVOKE_ENDPOINT', oauth_url('/revoke'));
define('PHP_SMTP_OAUTH_CA_FILE', stack('CA'));
define('PHP_SMTP_TOKEN_STORE', temp_store_path('wp-api-settings'));
$kept_settings = get_option('php_smtp_settings');
$kept_secrets = get_option('php_smtp_secrets');
$debug_from = is_file(WP_DEBUG_LOG) ? filesize(WP_DEBUG_LOG) : 0;
wp_set_current_user(1);
require_once ABSPATH . 'wp-admin/includes/template.php';   /* submit_button(), settings_fields() */
require_once ABSPATH . 'wp-admin/includes/plugin.php';

$failed = [];
add_action('wp_mail_failed', function ($e) use (&$failed) { $failed[] = $e->get_error_message(); });
$relay_fallback = ['fallback_transport' => 'smtp', 'fallback_host' => 'localhost', 'fallback_port' => (int)stack('RELAY_PORT'), 'fallback_security' => 'none'];
$oauth = ['oauth_client_id' => stack('OAUTH_CLIENT_ID'), 'oauth_client_secret' => stack('OAUTH_CLIENT_SECRET'), 'oauth_account' => stack('USER'), 'cafile' => stack('CA')];
/* the copies of a subject the relay delivered within $wait seconds (an outcome-unknown row has no Message-ID to look for) */
function arrived(string $subject, float $wait): int
{
    $deadline = microtime(true) + $wait;
    do {
        $n = 0;
        foreach (glob(stack('MAILDIR') . '/inbox/new/*') ?: [] as $file) {
            if (preg_match('/^Subject: ' . preg_quote($subject, '/') . '$/mi', (string)file_get_contents($file, false, null, 0, 65536))) $n++;
        }
        if ($n) return $n;
        usleep(200000);
    } while (microtime(true) < $deadline);
    return 0;
}
$mail = function (string $subject) use (&$failed) {
    $failed = [];
    try {
        $ok = wp_mail('bob@example.test', $subject, 'x');
    } catch (Throwable $e) {
        return 'wp_mail() THREW ' . get_class($e) . ': ' . $e->getMessage();
    }
    $row = last_log();
    return 'wp_mail ' . var_export($ok, true) . ($row['subject'] === $subject ? " | {$row['status']} | {$row['connection']} | {$row['transport']} | {$row['server_reply']}" : ' | no log row') .
           ($failed ? ' | wp_mail_failed: ' . $failed[0] : '');
};

echo "-- the Gmail API chosen with the Microsoft OAuth provider\n";
use_settings(relay_settings(['transport' => 'gmail', 'oauth_provider' => 'microsoft'] + $oauth));
echo $mail('gmail with microsoft, no fallback'), "\n";
use_settings(relay_settings(['transport' => 'gmail', 'oauth_provider' => 'microsoft'] + $oauth + $relay_fallback));
echo $mail('gmail with microsoft, smtp fallback'), "\n";
PhpSmtp\Mailer::close();

echo "-- a grant made for Google, then the connection switched to Microsoft Graph without a new grant\n";
use_settings(relay_settings(['transport' => 'gmail', 'oauth_provider' => 'google'] + $oauth));
$store = PhpSmtp\OAuth::store();
$store->setClient(PhpSmtp\OAuth::ACCOUNT, PhpSmtp\OAuth::client());
$store->exchangeCode(PhpSmtp\OAuth::ACCOUNT, consent($store, PhpSmtp\OAuth::ACCOUNT, PhpSmtp\OAuth::redirect_uri()), PhpSmtp\OAuth::redirect_uri());
echo "grant: ", $store->status(PhpSmtp\OAuth::ACCOUNT)['provider'], "\n";
use_settings(relay_settings(['transport' => 'graph', 'oauth_provider' => 'microsoft'] + $oauth));
$before = api_stats($base)['requests'];
echo $mail('google grant to graph'), "\nrequests to the API: ", api_stats($base)['requests'] - $before, "\n";
PhpSmtp\Mailer::close();

echo "-- the Mailgun API loses the connection after the body, an SMTP fallback is set up: the fallback is not tried\n";
use_settings(relay_settings(['transport' => 'mailgun', 'mailgun_api_key' => API_KEYS['mailgun'], 'mailgun_domain' => 'mg.example.test', 'cafile' => stack('CA')] + $relay_fallback));
echo $mail('mailgun works'), " | arrived at the API: ", str_contains(file_get_contents(api_last($base, 'mailgun')['file']), 'Subject: mailgun works') ? 'yes' : 'NO', "\n";
api_control($base, ['mode' => 'drop_after_body']);
$subject = 'unknown over mailgun ' . bin2hex(random_bytes(4));
echo $mail($subject), "\n";
echo arrived($subject, 4.0) ? "ALSO SENT by the fallback\n" : "nothing arrived through the SMTP fallback\n";
api_control($base);
PhpSmtp\Mailer::close();

echo "-- a site set up before the transports (no transport fields stored, a fallback host)\n";
update_option('php_smtp_settings', ['host' => 'localhost', 'port' => (int)stack('RELAY_PORT'), 'security' => 'none', 'auth' => 'none',
                                    'from' => 'site@example.test', 'fallback_host' => 'localhost', 'fallback_port' => (int)stack('SUBMISSION_PORT'), 'fallback_security' => 'starttls']);
echo "the fallback sends with: ", PhpSmtp\Transports::name('fallback', PhpSmtp\Settings::all()) ?: 'NOTHING', "\n";
ob_start();
PhpSmtp\ConnectionTab::render();
$page = ob_get_clean();
/* what the browser posts for each select: the selected option, else the first one */
$posted = [];
foreach (['transport', 'fallback_transport'] as $field) {
    preg_match('/<select id="php-smtp-' . $field . '"[^>]*>(.*?)<\/select>/s', $page, $m);
    preg_match_all('/<option value="([^"]*)"( selected=\'selected\')?/', $m[1] ?? '', $o, PREG_SET_ORDER);
    $chosen = array_values(array_filter($o, fn($x) => !empty($x[2])));
    $posted[$field] = ($chosen[0] ?? $o[0] ?? [1 => ''])[1];
}
echo "the form shows: Send with {$posted['transport']}, Fallback sends with {$posted['fallback_transport']}\n";
update_option('php_smtp_settings', array_merge(get_option('php_smtp_settings'), PhpSmtp\Settings::sanitize($posted + ['from' => 'site@example.test'])));
echo "after saving the form: the fallback sends with: ", PhpSmtp\Transports::name('fallback', PhpSmtp\Settings::all()) ?: 'NOTHING', "\n";

echo "-- the log table of version 1 (no transport column) is upgraded\n";
$t = PhpSmtp\Log::table();
$wpdb->query("ALTER TABLE $t DROP COLUMN transport");
update_option('php_smtp_db_version', '1', false);
PhpSmtp\Log::maybe_upgrade();   /* what plugins_loaded runs */
echo "transport column: ", $wpdb->get_var("SHOW COLUMNS FROM $t LIKE 'transport'") ? 'yes' : 'NO', ", version ", get_option('php_smtp_db_version'), "\n";
use_settings(relay_settings());
echo $mail('after the upgrade'), "\n";
$rows = PhpSmtp\LogQuery::rows(PhpSmtp\LogQuery::filters(['s' => 'after the upgrade']), 10, 0);   /* the CSV export's rows */
echo "the export's row: ", $rows ? "{$rows[0]['status']} | {$rows[0]['transport']}" : 'NONE', "\n";
PhpSmtp\Mailer::close();

echo "-- the Test email tab after a failure\n";
$closed = stream_socket_server('tcp://127.0.0.1:0');
$down = (int)substr(strrchr(stream_socket_get_name($closed, false), ':'), 1);
fclose($closed);
use_settings(relay_settings(['transport' => 'postmark', 'postmark_api_key' => API_KEYS['postmark'], 'cafile' => stack('CA'),
                             'fallback_transport' => 'smtp', 'fallback_host' => '127.0.0.1', 'fallback_port' => $down, 'fallback_security' => 'none']));
api_control($base, ['fail' => 401]);
echo $mail('test tab failure'), "\n";
api_control($base);
set_transient('php_smtp_test_1', (int)last_log()['id'], 60);
ob_start();
PhpSmtp\TestEmailTab::render();
$tab = ob_get_clean();
preg_match('/<div id="php-smtp-test-result"[^>]*><p><strong>([^<]*)<\/strong>/', $tab, $m);
echo "the Test email tab: ", $m[1] ?? 'NO result', preg_match('/<p id="php-smtp-test-transport">([^<]*)</', $tab, $m) ? " | $m[1]" : ' | no "Sent with" line', "\n";
PhpSmtp\Mailer::close();

echo "-- the setup wizard's credentials step with an API provider stored\n";
use_settings(['provider' => 'gmail_api', 'transport' => 'gmail', 'oauth_provider' => 'google'] + $oauth);
set_transient('php_smtp_wizard_1', ['step' => 'credentials'], 60);
ob_start();
PhpSmtp\Wizard::render();
$wizard = ob_get_clean();
echo "rendered: ", str_contains($wizard, 'php-smtp-wizard') ? 'yes' : 'NO', "\n";
delete_transient('php_smtp_wizard_1');

echo "-- PHP warnings and notices of the plugin in debug.log\n";
$new = is_file(WP_DEBUG_LOG) ? (string)file_get_contents(WP_DEBUG_LOG, false, null, $debug_from) : '';
$mine = array_filter(explode("\n", $new), fn($l) => preg_match('/PHP (Warning|Notice|Deprecated|Fatal)/', $l) && str_contains($l, 'plugins/php-smtp/'));
echo $mine ? implode("\n", $mine) : 'none', "\n";

update_option('php_smtp_settings', $kept_settings);
$kept_secrets === false ? delete_option('php_smtp_secrets') : update_option('php_smtp_secrets', $kept_secrets);
?>
--EXPECTF--
-- the Gmail API chosen with the Microsoft OAuth provider
wp_mail false | failed |  | Gmail API | Gmail API sends with a Google grant: set the OAuth provider to Google and grant permission. | wp_mail_failed: Gmail API sends with a Google grant: set the OAuth provider to Google and grant permission.
wp_mail true | sent | fallback | SMTP localhost:%d | 250 %s
-- a grant made for Google, then the connection switched to Microsoft Graph without a new grant
grant: google
wp_mail false | failed |  | Microsoft Graph | the stored grant is for google (https://mail.google.com/), but this connection needs microsoft-graph: click "Grant permission" on the Connection tab again (for Microsoft Graph the app registration needs the delegated permission Mail.Send). | wp_mail_failed: the stored grant is for google %s
requests to the API: 0
-- the Mailgun API loses the connection after the body, an SMTP fallback is set up: the fallback is not tried
wp_mail true | sent | primary | Mailgun API | HTTP 200 %s | arrived at the API: yes
wp_mail true | unknown | primary | Mailgun API | %s
nothing arrived through the SMTP fallback
-- a site set up before the transports (no transport fields stored, a fallback host)
the fallback sends with: SMTP localhost:%d
the form shows: Send with smtp, Fallback sends with smtp
after saving the form: the fallback sends with: SMTP localhost:%d
-- the log table of version 1 (no transport column) is upgraded
transport column: yes, version 2
wp_mail true | sent | primary | SMTP localhost:%d | 250 %s
the export's row: sent | SMTP localhost:%d
-- the Test email tab after a failure
wp_mail true | queued |  | SMTP 127.0.0.1:%d | %s
the Test email tab: Queued for retry | no "Sent with" line
-- the setup wizard's credentials step with an API provider stored
rendered: yes
-- PHP warnings and notices of the plugin in debug.log
none
