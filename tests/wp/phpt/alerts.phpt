--TEST--
Alerts: a failure and a fallback raise one alert each (email delivered, webhook JSON with event/site/message, no secret); one per kind per interval, the rest as a digest; Slack/Discord/Teams shapes by host; an alert's own failure is recorded and never alerts again
--EXTENSIONS--
smtp
--FILE--
<?php
require __DIR__ . '/wp.inc';
global $wpdb;
$wpdb->query('DELETE FROM ' . PhpSmtp\Log::table());
delete_option('php_smtp_alert_state');
delete_option('php_smtp_alert_history');

/* what wp_remote_post() sends, answered here (the e2e test uses a real listener) */
$posts = [];
add_filter('pre_http_request', function ($pre, $args, $url) use (&$posts) {
    if (!str_starts_with($url, 'https://hooks.example.test/')) return $pre;
    $posts[] = ['url' => $url, 'body' => json_decode($args['body'], true), 'raw' => $args['body'], 'type' => $args['headers']['Content-Type'] ?? ''];
    return ['headers' => [], 'body' => 'ok', 'response' => ['code' => 200, 'message' => 'OK'], 'cookies' => [], 'filename' => null];
}, 10, 3);

/* a port nothing listens on (not port 1: another test's server may be there): bound by the OS, then closed */
$sock = stream_socket_server('tcp://127.0.0.1:0');
$refused = (int)substr(strrchr(stream_socket_get_name($sock, false), ':'), 1);
fclose($sock);

$secret = 'relay-password-never-in-alerts';
use_settings(relay_settings(['username' => 'site', 'password' => $secret, 'auth' => 'none']));
update_option('php_smtp_alerts', ['emails' => 'alerts@example.test, not-an-address', 'webhook' => 'https://hooks.example.test/T000/secret-path', 'interval' => 15] + PhpSmtp\Alerts::defaults());
echo "sanitize keeps only addresses: ", PhpSmtp\Alerts::sanitize(['emails' => 'a@example.test, nope', 'webhook' => ''])['emails'], "\n";

echo "-- a message fails for good: one alert\n";
var_dump(wp_mail('nobody@elsewhere.invalid', "Invoice $secret", 'x'));
echo "webhook posts: ", count($posts), "\n";
$p = $posts[0]['body'];
echo "event={$p['event']} site=", $p['site'] === home_url() ? 'home_url' : $p['site'], " type={$posts[0]['type']}\n";
echo "message: ", preg_replace('/localhost:\d+/', 'localhost:PORT', $p['message']), "\n";
echo "secret in the payload: ", str_contains($posts[0]['raw'], $secret) ? 'YES' : 'no', "\n";
$alert = null;
$deadline = microtime(true) + 15;
while (!$alert && microtime(true) < $deadline) {
    foreach (glob(stack('MAILDIR') . '/inbox/new/*') as $f) {
        $m = file_get_contents($f);
        if (str_contains($m, 'X-PHP-SMTP-Alert: failed') && str_contains($m, 'alerts@example.test')) $alert = parse_mail($f);
    }
    $alert || usleep(200000);
}
echo "alert email: ", $alert ? $alert['headers']['subject'][0] : 'NOT DELIVERED', "\n";

echo "-- a second failure within the interval is held back\n";
wp_mail('nobody2@elsewhere.invalid', 'second', 'x');
wp_mail('nobody3@elsewhere.invalid', 'third', 'x');
echo "webhook posts: ", count($posts), "\n";
PhpSmtp\Alerts::cron();
echo "after cron within the interval: ", count($posts), "\n";
echo "-- the interval is over: the digest\n";
$state = get_option('php_smtp_alert_state');
$state['last']['failed'] -= 16 * 60;
update_option('php_smtp_alert_state', $state, false);
PhpSmtp\Alerts::cron();
echo "webhook posts: ", count($posts), "\n";
$d = end($posts)['body'];
echo "event={$d['event']} count={$d['count']}: ", preg_replace('/ The first: .*/', ' The first: …', $d['message']), "\n";
echo "details: ", count($d['details']), "\n";
PhpSmtp\Alerts::cron();
echo "digest sent once: ", count($posts), "\n";

echo "-- the primary connection is down, the fallback delivers: a fallback alert\n";
use_settings(relay_settings(['host' => '127.0.0.1', 'port' => $refused, 'fallback_host' => 'localhost', 'fallback_port' => (int)stack('RELAY_PORT'), 'fallback_security' => 'none']));
var_dump(wp_mail('bob@example.test', 'via the fallback', 'x'));
echo "connection: ", last_log()['connection'], "\n";
$f = end($posts)['body'];
echo "event={$f['event']}: ", preg_replace("/127\\.0\\.0\\.1:$refused\\b.*/", '127.0.0.1:REFUSED …', $f['message']), "\n";

echo "-- an alert email that fails is recorded, and raises no alert of its own\n";
use_settings(relay_settings());
delete_option('php_smtp_alert_state');
update_option('php_smtp_alerts', ['emails' => 'undeliverable@elsewhere.invalid', 'webhook' => ''] + PhpSmtp\Alerts::defaults());
$before = $wpdb->get_var('SELECT COUNT(*) FROM ' . PhpSmtp\Log::table());
wp_mail('nobody4@elsewhere.invalid', 'fourth', 'x');
$after = $wpdb->get_var('SELECT COUNT(*) FROM ' . PhpSmtp\Log::table());
echo "log rows added: ", $after - $before, " (the message and its alert)\n";
$h = PhpSmtp\Alerts::history()[0];
echo "history: {$h['channel']} {$h['kind']} ", $h['ok'] ? 'ok' : 'failed', ": ", str_contains($h['detail'], 'undeliverable@elsewhere.invalid') ? 'names the refused address' : $h['detail'], "\n";

echo "-- a webhook that cannot be reached is recorded, without its secret path\n";
update_option('php_smtp_alerts', ['emails' => '', 'webhook' => "http://127.0.0.1:$refused/hook-secret-token"] + PhpSmtp\Alerts::defaults());
delete_option('php_smtp_alert_state');
wp_mail('nobody5@elsewhere.invalid', 'fifth', 'x');
$h = PhpSmtp\Alerts::history()[0];
echo "history: {$h['channel']} ", $h['ok'] ? 'ok' : 'failed', ", secret path shown: ", str_contains($h['detail'], 'hook-secret-token') ? 'YES' : 'no', ", host: ", str_contains($h['detail'], '127.0.0.1') ? 'yes' : 'no', "\n";

echo "-- the privacy tools find and erase a failed message's recipient in the alert history too\n";
$exporters = apply_filters('wp_privacy_personal_data_exporters', []);
$erasers = apply_filters('wp_privacy_personal_data_erasers', []);
$groups = function (string $email) use ($exporters) {
    $n = [];
    foreach (call_user_func($exporters['php-smtp']['callback'], $email, 1)['data'] as $item) $n[$item['group_id']] = ($n[$item['group_id']] ?? 0) + 1;
    ksort($n);
    return json_encode($n);
};
$alert_item = current(array_filter(call_user_func($exporters['php-smtp']['callback'], 'nobody2@elsewhere.invalid', 1)['data'], fn($i) => $i['group_id'] === 'php-smtp-alerts'));
echo "nobody2: ", $groups('nobody2@elsewhere.invalid'), "; the alert: ", $alert_item['data'][1]['value'], ' ', $alert_item['data'][2]['value'], ': ', $alert_item['data'][3]['value'], "\n";
echo "body2@elsewhere.invalid (a part of that address): ", $groups('body2@elsewhere.invalid'), "\n";
$named = fn(string $a) => count(array_filter(PhpSmtp\Alerts::history(), fn($r) => str_contains($r['detail'], $a)));
$erased = call_user_func($erasers['php-smtp']['callback'], 'nobody2@elsewhere.invalid', 1);
echo "erased: ", var_export($erased['items_removed'], true), "; history entries naming nobody2: ", $named('nobody2@'), ", nobody3: ", $named('nobody3@'), "; export now: ", $groups('nobody2@elsewhere.invalid'), "\n";

echo "-- payload shapes by host\n";
foreach (['https://hooks.slack.com/services/T/B/X', 'https://discord.com/api/webhooks/1/abc', 'https://prod-01.westus.logic.azure.com/workflows/x',
          'https://contoso.webhook.office.com/webhookb2/x', 'https://example.com/anything'] as $url) {
    $pl = PhpSmtp\Alerts::payload($url, 'failed', 'A <b>message</b> & @everyone');
    echo PhpSmtp\Alerts::service($url), ": ", implode(',', array_keys($pl)), "\n";
}
$slack = PhpSmtp\Alerts::payload('https://hooks.slack.com/services/T/B/X', 'failed', 'A <b>message</b> & more');
echo "slack text escaped: ", str_contains($slack['text'], 'A &lt;b&gt;message&lt;/b&gt; &amp; more') ? 'yes' : $slack['text'], "\n";
echo "discord mentions off: ", json_encode(PhpSmtp\Alerts::payload('https://discord.com/api/webhooks/1/abc', 'failed', 'x')['allowed_mentions']), "\n";
$teams = PhpSmtp\Alerts::payload('https://contoso.webhook.office.com/webhookb2/x', 'failed', 'x');
echo "teams card: ", $teams['attachments'][0]['contentType'], "\n";
echo "scrub: ", PhpSmtp\Alerts::scrub("token ya29.a0AfH6SMBx1234567890abcdefgh and the password kept-secret-1234"), "\n";
?>
--CLEAN--
<?php
require __DIR__ . '/wp.inc';
delete_option('php_smtp_alerts');
delete_option('php_smtp_alert_state');
delete_option('php_smtp_alert_history');
?>
--EXPECTF--
sanitize keeps only addresses: a@example.test
-- a message fails for good: one alert
bool(false)
webhook posts: 1
event=failed site=home_url type=application/json; charset=utf-8
message: A message to nobody@elsewhere.invalid ("Invoice <redacted>") could not be sent: RCPT TO rejected by localhost:PORT for every recipient: <nobody@elsewhere.invalid>: 554 5.7.1 <nobody@elsewhere.invalid>: Relay access denied
secret in the payload: no
alert email: [php-smtp test site] A message could not be sent
-- a second failure within the interval is held back
webhook posts: 1
after cron within the interval: 1
-- the interval is over: the digest
webhook posts: 2
event=failed count=2: 2 more alerts held back (messages failed for good) in the last %d minutes. The first: …
details: 2
digest sent once: 2
-- the primary connection is down, the fallback delivers: a fallback alert
bool(true)
connection: fallback
event=fallback: The primary connection failed and the fallback connection delivered a message to bob@example.test ("via the fallback"). The primary said: %s127.0.0.1:REFUSED …
-- an alert email that fails is recorded, and raises no alert of its own
log rows added: 2 (the message and its alert)
history: email failed failed: names the refused address
-- a webhook that cannot be reached is recorded, without its secret path
history: webhook failed, secret path shown: no, host: yes
-- the privacy tools find and erase a failed message's recipient in the alert history too
nobody2: {"php-smtp-alerts":1,"php-smtp-log":1}; the alert: failed held: A message to nobody2@elsewhere.invalid ("second") could not be sent: %s
body2@elsewhere.invalid (a part of that address): []
erased: true; history entries naming nobody2: 0, nobody3: 1; export now: []
-- payload shapes by host
slack: text
discord: username,content,allowed_mentions
teams: type,attachments
teams: type,attachments
json: event,site,message,count,time,source
slack text escaped: yes
discord mentions off: {"parse":[]}
teams card: application/vnd.microsoft.card.adaptive
scrub: token <redacted> and the password kept-secret-1234
