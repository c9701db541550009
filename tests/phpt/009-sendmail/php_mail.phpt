--TEST--
PHP's mail() with sendmail_path set to php-smtp-sendmail, and PHPMailer (Debian's libphp-phpmailer) in isSendmail() mode, deliver through the submission port
--SKIPIF--
<?php require __DIR__ . '/../sendmail.inc'; skip_under_valgrind();
if (!is_file('/usr/share/php/libphp-phpmailer/autoload.php')) die('skip libphp-phpmailer is not installed'); ?>
--FILE--
<?php
require __DIR__ . '/../sendmail.inc';
$conf = sm_config([], 'submission', 0600, 'host.conf');
$tag = bin2hex(random_bytes(4));
/* a separate PHP with the system php.ini, as a web request or cron script would be; sendmail_path by -d.
 * (mail() itself ends the body with one more newline: the delivered body shows it) */
function child_php(string $code, string $sendmail_path, array $env = []): array
{
    return sm_run(['-d', "sendmail_path=$sendmail_path", '-r', $code], '', $env, PHP_BINARY);
}
$bin = sendmail_bin();

echo "-- mail(), sendmail_path = \"php-smtp-sendmail -C conf -t -i\"\n";
$code = 'var_dump(mail("bob@example.test, carol@example.test", "mail() ' . $tag . '", "Hello from mail().\n.\nA line after a lone dot.\n", ["From" => "Alice <alice@example.test>", "X-Mailer" => "PHP/" . PHP_VERSION]));';
[$rc, $out, $err] = child_php($code, "$bin -C $conf -t -i");
echo "exit $rc: ", trim($out), " ", $err, "\n";
$copies = delivered_by_subject("mail() $tag", 2);
$rcpts = array_map(fn($m) => $m['headers']['x-original-to'][0], $copies);
sort($rcpts);   /* Postfix delivers the two copies in either order */
echo "to: ", implode(' ', $rcpts), "\n";
echo "body: ", json_encode(body_of($copies[0])), "\n";
echo "headers: ", implode(',', own_headers($copies[0])), "\n";
echo "TLS and login: ", preg_match('/using TLSv1\.[23].*Authenticated sender: alice@example\.test/s', implode(' ', $copies[0]['headers']['received'])) ? "yes" : "no", "\n";

echo "-- mail() with -f in additional_params, the config from PHP_SMTP_SENDMAIL_CONFIG\n";
$code = 'var_dump(mail("bob@example.test", "mail() -f ' . $tag . '", "x\n", "", "-fbounces@example.test"));';
[$rc, $out, $err] = child_php($code, "$bin -t -i", ['PHP_SMTP_SENDMAIL_CONFIG' => $conf]);
echo "exit $rc: ", trim($out), " ", $err, "\n";
[$m] = delivered_by_subject("mail() -f $tag");
echo "Return-Path ", $m['headers']['return-path'][0], ", From ", $m['headers']['from'][0], "\n";

echo "-- mail() when the command fails: false, and the reason on stderr\n";
$bad = sm_config(['password' => 'wrong-password']);
[$rc, $out, $err] = child_php('var_dump(mail("bob@example.test", "never", "x"));', "$bin -C $bad -t -i");
echo trim($out), "; ", str_contains($err, '535 5.7.8') ? "535 on stderr" : $err, "\n";

echo "-- PHPMailer isSendmail()\n";
$code = <<<'PHP'
require '/usr/share/php/libphp-phpmailer/autoload.php';
$m = new PHPMailer\PHPMailer\PHPMailer(true);
$m->isSendmail();
$m->setFrom('alice@example.test', 'Alice');
$m->addAddress('bob@example.test', 'Bob');
$m->addBCC('dave@example.test');
$m->Subject = 'PHPMailer TAG';
$m->isHTML(true);
$m->Body = '<p>Hello <b>from</b> PHPMailer</p>';
$m->AltBody = 'Hello from PHPMailer';
$m->addStringAttachment(str_repeat("data\n", 1000), 'data.txt');
var_dump($m->send());
echo $m->getLastMessageID(), "\n";
PHP;
[$rc, $out, $err] = child_php(str_replace('TAG', $tag, $code), $bin, ['PHP_SMTP_SENDMAIL_CONFIG' => $conf]);
[$sent, $id] = explode("\n", trim($out)) + [1 => ''];
echo "exit $rc: $sent $err\n";
$copies = delivered($id, 2);
$rcpts = array_map(fn($m) => $m['headers']['x-original-to'][0], $copies);
sort($rcpts);
echo "to: ", implode(' ', $rcpts), "; Bcc shown: ", isset($copies[0]['headers']['bcc']) ? "yes" : "no", "\n";
echo "Return-Path ", $copies[0]['headers']['return-path'][0], "; structure ", implode(' ', $copies[0]['structure']), "\n";
echo "attachment: ", $copies[0]['parts'][2]['filename'] ?? '?', " ", ($copies[0]['parts'][2]['sha256'] ?? '') === hash('sha256', str_repeat("data\n", 1000)) ? "intact" : "differs", "\n";
?>
--EXPECT--
-- mail(), sendmail_path = "php-smtp-sendmail -C conf -t -i"
exit 0: bool(true) 
to: bob@example.test carol@example.test
body: "Hello from mail().\n.\nA line after a lone dot.\n\n"
headers: to,subject,from,x-mailer,date,message-id
TLS and login: yes
-- mail() with -f in additional_params, the config from PHP_SMTP_SENDMAIL_CONFIG
exit 0: bool(true) 
Return-Path <bounces@example.test>, From bounces@example.test
-- mail() when the command fails: false, and the reason on stderr
bool(false); 535 on stderr
-- PHPMailer isSendmail()
exit 0: bool(true) 
to: bob@example.test dave@example.test; Bcc shown: no
Return-Path <alice@example.test>; structure multipart/mixed multipart/alternative text/plain text/html text/plain
attachment: data.txt intact
