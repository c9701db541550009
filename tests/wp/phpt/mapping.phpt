--TEST--
wp_mail() through the plugin and the extension into Postfix: every argument shape, core's filters and actions, the log
--EXTENSIONS--
smtp
--FILE--
<?php
require __DIR__ . '/wp.inc';
use_settings(relay_settings());
$succeeded = [];
$failed = [];
add_action('wp_mail_succeeded', function ($atts) use (&$succeeded) { $succeeded[] = addcslashes($atts['subject'], "\r\n"); });
add_action('wp_mail_failed', function (WP_Error $e) use (&$failed) { $failed[] = $e->get_error_message(); });

echo "-- a plain call\n";
var_dump(wp_mail('bob@example.test', 'Grüße from WordPress', "Line one\nLine two\n"));
$row = last_log();
[$m] = delivered($row['message_id']);
echo $m['headers']['subject'][0], " | ", $m['headers']['from'][0], " | ", $m['parts'][0]['type'], " | ", trim($m['parts'][0]['text']), "\n";
echo "log: {$row['status']} {$row['to_addr']} ", substr($row['server_reply'], 0, 6), " transcript lines: ", count(explode("\n", $row['transcript'])) > 5 ? 'yes' : 'no', "\n";

echo "-- string headers: From, Cc, Bcc, Reply-To, HTML content type, custom header; a list of recipients\n";
$headers = "From: Shop <shop@example.test>\r\nCc: carol@example.test\r\nBcc: dave@example.test\r\n" .
           "Reply-To: \"Help, Desk\" <help@example.test>\r\nContent-Type: text/html; charset=UTF-8\r\nX-Order: 42\r\n";
var_dump(wp_mail(['bob@example.test', 'Erin <erin@example.test>'], 'Order 42', '<p>Thanks for <b>order</b> 42</p>', $headers));
$row = last_log();
[$m] = delivered($row['message_id'], 4);   /* bob, erin, carol and dave (Bcc) each get a copy */
foreach (['from', 'to', 'cc', 'reply-to', 'x-order'] as $h) echo "$h: ", $m['headers'][$h][0], "\n";
echo "bcc header: ", isset($m['headers']['bcc']) ? 'present' : 'absent', "\n";
echo "type: ", $m['parts'][0]['type'], "\n";

echo "-- array headers and an attachment (file names from the paths: core before 6.2 ignores name keys)\n";
$file = sys_get_temp_dir() . '/report-' . getmypid() . '.csv';
file_put_contents($file, "a,b\n1,2\n");
var_dump(wp_mail('bob@example.test', 'With files', 'See attached', ['X-Array: yes'], [$file, 'renamed.csv' => $file]));
[$m] = delivered(last_log()['message_id']);
echo "x-array: ", $m['headers']['x-array'][0], "\n";
foreach ($m['parts'] as $p) if ($p['disposition'] === 'attachment') echo "attachment: {$p['filename']} {$p['size']} bytes, same content: ", $p['sha256'] === hash_file('sha256', $file) ? 'yes' : 'no', "\n";

echo "-- core's filters\n";
$filters = ['wp_mail_from' => fn() => 'filtered@example.test', 'wp_mail_from_name' => fn() => 'Filtered Name',
            'wp_mail_content_type' => fn() => 'text/html', 'wp_mail_charset' => fn() => 'ISO-8859-1',
            'wp_mail' => fn($a) => ['subject' => $a['subject'] . ' (via wp_mail filter)'] + $a];
foreach ($filters as $hook => $f) add_filter($hook, $f);
var_dump(wp_mail('bob@example.test', 'Filters', "caf\xE9 latin-1"));
[$m] = delivered(last_log()['message_id']);
echo $m['headers']['from'][0], " | ", $m['headers']['subject'][0], " | ", $m['parts'][0]['type'], " | ", trim($m['parts'][0]['text']), "\n";
foreach ($filters as $hook => $f) remove_filter($hook, $f);

echo "-- a permanent refusal: false, wp_mail_failed with the server's words, logged as failed\n";
var_dump(wp_mail('someone@elsewhere.invalid', 'Refused', 'x'));
echo end($failed), "\n";
echo "log: ", last_log()['status'], "\n";

echo "-- a subject with CR/LF: stripped as core's PHPMailer does, no header injected\n";
var_dump(wp_mail('bob@example.test', "Hi\r\nBcc: victim@example.com", 'x'));
[$m] = delivered(last_log()['message_id']);
echo $m['headers']['subject'][0], " | bcc header: ", isset($m['headers']['bcc']) ? 'present' : 'absent', "\n";

echo "-- one invalid address among valid ones: core skips it, the log says so\n";
var_dump(wp_mail('bob@example.test, not-an-address', 'Skipped one', 'x'));
$row = last_log();
echo "{$row['to_addr']} | ", preg_replace('/^250 .*? \(/', '250 … (', $row['server_reply']), "\n";

echo "succeeded actions: ", implode(', ', $succeeded), "\n";
?>
--EXPECTF--
-- a plain call
bool(true)
Grüße from WordPress | Test Site <site@example.test> | text/plain | Line one
Line two
log: sent bob@example.test 250 2. transcript lines: yes
-- string headers: From, Cc, Bcc, Reply-To, HTML content type, custom header; a list of recipients
bool(true)
from: Shop <shop@example.test>
to: bob@example.test, Erin <erin@example.test>
cc: carol@example.test
reply-to: "Desk\"" <help@example.test>
x-order: 42
bcc header: absent
type: text/html
-- array headers and an attachment (file names from the paths: core before 6.2 ignores name keys)
bool(true)
x-array: yes
attachment: report-%d.csv 8 bytes, same content: yes
attachment: report-%d.csv 8 bytes, same content: yes
-- core's filters
bool(true)
Filtered Name <filtered@example.test> | Filters (via wp_mail filter) | text/html | café latin-1
-- a permanent refusal: false, wp_mail_failed with the server's words, logged as failed
bool(false)
RCPT TO rejected by localhost:%d for every recipient: <someone@elsewhere.invalid>: 554 5.7.1 <someone@elsewhere.invalid>: Relay access denied
log: failed
-- a subject with CR/LF: stripped as core's PHPMailer does, no header injected
bool(true)
HiBcc: victim@example.com | bcc header: absent
-- one invalid address among valid ones: core skips it, the log says so
bool(true)
bob@example.test | 250 … (core skipped: Invalid address:  (to): not-an-address)
succeeded actions: Grüße from WordPress, Order 42, With files, Filters (via wp_mail filter), Hi\r\nBcc: victim@example.com, Skipped one
