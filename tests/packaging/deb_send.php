<?php
/* Run by the system's php with no -d/-n: the smtp extension must come from the
 * installed Debian package's conf.d link. Sends through the test Postfix (the
 * stack's relay port) and checks the message as delivered, parsed. */
require __DIR__ . '/../phpt/helper.inc';
if (!extension_loaded('smtp')) {
    fwrite(STDERR, "smtp is not loaded by the system configuration (" . php_ini_scanned_files() . ")\n");
    exit(1);
}
$ext = new ReflectionExtension('smtp');
$token = bin2hex(random_bytes(6));
$subject = "Installed from php8.2-smtp $token — Grüße";
$r = smtp_send([
    'from' => ['email' => 'deb@example.test', 'name' => 'Debian Package'],
    'to' => 'bob@example.test',
    'subject' => $subject,
    'text' => "Sent by smtp " . $ext->getVersion() . " from the Debian package.\n",
], relay_transport());
[$m] = delivered($r['message_id']);
$ok = $m['headers']['subject'][0] === $subject
    && $m['headers']['from'][0] === 'Debian Package <deb@example.test>'
    && $m['headers']['to'][0] === 'bob@example.test'
    && str_contains($m['parts'][0]['text'] ?? '', 'from the Debian package.')
    && $r['accepted'] === ['bob@example.test'];
if (!$ok) {
    fwrite(STDERR, "delivered message differs: " . json_encode([$m['headers'], $m['parts'][0] ?? null, $r['accepted']]) . "\n");
    exit(1);
}
$conf = implode(',', preg_grep('/smtp/', array_map('trim', explode(',', (string)php_ini_scanned_files()))));
echo "delivered: {$r['message_id']}, extension loaded from $conf\n";
