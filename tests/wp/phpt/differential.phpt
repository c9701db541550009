--TEST--
Differential: the same wp_mail() calls through core's PHPMailer (plugin inactive, SMTP to the test Postfix) and through the plugin arrive the same, return the same and fire the same actions (inputs from WordPress's wp_mail unit tests, WooCommerce, Contact Form 7, Gravity Forms, staging blockers)
--EXTENSIONS--
smtp
--FILE--
<?php
require __DIR__ . '/differential.inc';

$dir = sys_get_temp_dir() . '/php-smtp-diff-' . getmypid();
@mkdir($dir);
file_put_contents($csv = "$dir/report.csv", "id,total\n42,19.99\n");
file_put_contents($png = "$dir/logo.png", base64_decode('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=='));
file_put_contents($pdf = "$dir/invoice 42.pdf", random_bytes(30000));
/* a site snippet both runs share: core's default wordpress@127.0.0.1 is no address Postfix takes */
add_filter('wp_mail_from', fn($f) => $f === 'wordpress@127.0.0.1' ? 'site@example.test' : $f, 5);

$boundary_body = "\n------=_Part_4892_25692638.1192452070893\nContent-Type: text/plain; charset=ISO-8859-1\nContent-Transfer-Encoding: 7bit\nContent-Disposition: inline\n\n" .
    "Here is a message with an attachment of a binary file.\n\n------=_Part_4892_25692638.1192452070893\nContent-Type: image/x-icon; name=favicon.ico\n" .
    "Content-Transfer-Encoding: base64\nContent-Disposition: attachment; filename=favicon.ico\n\nAAABAAEAEBAAAAAAAABoBQAAFgAAACgAAAAQAAAAIAAAAAEACAAAAAAAAAAAAAAAAAAAAAAAAAAA\n\n------=_Part_4892_25692638.1192452070893--\n";
$html = '<html><body><h1>Order #42</h1><p>Thanks, <b>Jörg</b>.</p><img src="cid:logo"></body></html>';

$cases = [
    /* WordPress's own wp_mail tests (tests/phpunit/tests/pluggable/wpMail.php) */
    'plain text, one recipient' => fn($mail) => $mail('bob@example.test', 'Plain', "Hello\nWorld\n"),
    'RFC 2822 addresses in To, From, Cc, Bcc' => fn($mail) => $mail('Name <address@example.test>', 'RFC 2822', 'x',
        "From: Foo <foo@example.test>\r\nCc: The Carbon Guy <cc@example.test>\r\nBcc: The Blind Carbon Guy <bcc@example.test>\r\n"),
    'several RFC 2822 To addresses' => fn($mail) => $mail('Name <a@example.test>, Another Name <b@example.test>', 'Two', 'x'),
    'several To addresses without names' => fn($mail) => $mail('a@example.test, b@example.test', 'Two bare', 'x'),
    'To as an array' => fn($mail) => $mail(['Erin <erin@example.test>', 'frank@example.test'], 'Array', 'x'),
    'From with a quoted name' => fn($mail) => $mail('bob@example.test', 'Quoted', 'x', 'From: "Foo, Bar" <bar@example.test>'),
    'an empty From header' => fn($mail) => $mail('bob@example.test', 'Empty From', 'x', 'From: '),
    'From without a name' => fn($mail) => $mail('bob@example.test', 'No name', 'x', 'From: <noname@example.test>'),
    'Content-Type text/html with charset iso-8859-1' => fn($mail) => $mail('bob@example.test', 'Latin-1 HTML', "<p>caf\xE9</p>", 'Content-Type: text/html; charset=iso-8859-1'),
    'Content-Type text/plain; with an empty charset' => fn($mail) => $mail('bob@example.test', 'Empty charset', 'x', ['Content-Type: text/plain;', 'Content-Type: text/plain; charset=']),
    'a caller-built multipart body with its boundary' => fn($mail) => $mail('bob@example.test', 'Test email with custom boundaries', $boundary_body,
        "\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=\"----=_Part_4892_25692638.1192452070893\"\n\n"),
    'a line of 1000 characters' => fn($mail) => $mail('bob@example.test', 'Looong line testing', str_repeat('A', 1000)),
    'caller X-Mailer and MIME-Version headers (core drops them)' => fn($mail) => $mail('bob@example.test', 'Dropped', 'x', ['X-Mailer: Mine 1.0', 'MIME-Version: 1.0', 'X-Kept: yes']),
    'the content type filter' => fn($mail) => with_hooks([['wp_mail_content_type', fn() => 'text/html']], fn() => $mail('bob@example.test', 'Filtered HTML', '<p>hi</p>')),
    /* WooCommerce: multipart/alternative from the content type filter, AltBody set in phpmailer_init */
    'WooCommerce multipart/alternative with AltBody' => fn($mail) => with_hooks([
        ['wp_mail_content_type', fn() => 'multipart/alternative'],
        ['phpmailer_init', function ($m) { $m->AltBody = "Order #42\n\nThanks, Jörg."; }]],
        fn() => $mail('customer@example.test', '[Shop] Your order #42', '<p>Order #42</p><p>Thanks, <b>Jörg</b>.</p>', ['Content-Type: multipart/alternative', 'Reply-To: Shop <shop@example.test>'])),
    'every phpmailer_init change' => fn($mail) => with_hooks([['phpmailer_init', function ($m) use ($png) {
            $m->Sender = 'bounces@example.test';
            $m->AltBody = 'Plain alternative';
            $m->addStringAttachment("generated,1\n", 'generated.csv');
            $m->addEmbeddedImage($png, 'logo', 'logo.png');
            $m->addCustomHeader('X-Init', 'from phpmailer_init');
            $m->addBCC('audit@example.test');
            $m->Encoding = 'quoted-printable';
        }]], fn() => $mail('bob@example.test', 'phpmailer_init', $html, 'Content-Type: text/html')),
    'attachments: an array and a newline-separated string' => function ($mail) use ($csv, $png, $pdf) {
        $mail('bob@example.test', 'Array of files', 'see attached', '', [$csv, $pdf]);
        $mail('bob@example.test', 'String of files', 'see attached', '', "$csv\n$png");
    },
    'a name key on an attachment (WordPress 6.2+)' => fn($mail) => $mail('bob@example.test', 'Named', 'x', '', ['Quarterly.csv' => $csv]),
    'a missing attachment among existing ones' => fn($mail) => $mail('bob@example.test', 'Missing file', 'x', '', [$csv, "$dir/gone.pdf"]),
    'one invalid address among valid ones' => fn($mail) => $mail('bob@example.test, not-an-address, carol@example.test', 'One invalid', 'x', 'Cc: also-bad@, dave@example.test'),
    'a newline in the subject' => fn($mail) => $mail('bob@example.test', "Hello\r\nBcc: victim@example.test", 'x'),
    'ISO-8859-1 from the charset filter' => fn($mail) => with_hooks([['wp_mail_charset', fn() => 'ISO-8859-1']],
        fn() => $mail("J\xF6rg <joerg@example.test>", "R\xE9sum\xE9", "Gr\xFC\xDFe, caf\xE9\n")),
    'a Sender: header' => fn($mail) => $mail('bob@example.test', 'Sender header', 'x', "From: Shop <shop@example.test>\nSender: Agent <agent@example.test>"),
    'UTF-8 names and a long UTF-8 subject' => fn($mail) => $mail('Jörg Müller <joerg@example.test>', str_repeat('Größenänderung 🚀 ', 8), 'Grüße', 'From: Zoë Ærø <zoe@example.test>'),
    'Reply-To with two addresses, Cc on two lines' => fn($mail) => $mail('bob@example.test', 'Lists', 'x', ['Reply-To: a@example.test, B <b@example.test>', 'Cc: c1@example.test', 'Cc: c2@example.test']),
    /* Contact Form 7: headers as one string, a Reply-To of the visitor, its own X- header, an uploaded file */
    'Contact Form 7' => fn($mail) => $mail('owner@example.test', '[Site] "Question about pricing"',
        "From: Ann <ann@example.test>\nSubject: Question\n\nMessage Body:\nHow much?\n\n-- \nThis e-mail was sent from a contact form",
        "From: Site <wordpress@example.test>\nX-WPCF7-Content-Type: text/plain\nReply-To: Ann <ann@example.test>\n", [$csv]),
    /* Gravity Forms: an associative array of full header lines, HTML, Bcc */
    'Gravity Forms' => fn($mail) => $mail('owner@example.test', 'New submission from Contact', '<html><body><table><tr><td>Name</td><td>Ann</td></tr></table></body></html>',
        ['From' => 'From: "Contact Form" <forms@example.test>', 'Reply-To' => 'Reply-To: ann@example.test', 'Bcc' => 'Bcc: archive@example.test',
         'Content-type' => 'Content-type: text/html; charset=UTF-8']),
    /* staging blockers */
    'a staging blocker: pre_wp_mail false at priority 20' => fn($mail) => with_hooks([['pre_wp_mail', fn() => false, 20]], fn() => $mail('bob@example.test', 'Blocked', 'x')),
    'a staging redirect: the wp_mail filter rewrites the recipients' => fn($mail) => with_hooks([['wp_mail', fn($a) => ['to' => 'staging@example.test', 'headers' => ''] + $a]],
        fn() => $mail('real-customer@example.test', 'Redirected', 'x', 'Cc: boss@example.test')),
    /* outcomes */
    'every recipient refused' => fn($mail) => $mail('someone@elsewhere.invalid', 'Refused', 'x'),
    'an empty body' => fn($mail) => $mail('bob@example.test', 'Empty', ''),
    'an invalid From from the filter' => fn($mail) => with_hooks([['wp_mail_from', fn() => 'not an address']], fn() => $mail('bob@example.test', 'Bad From', 'x')),
    'an order: customer, admin and stock notice in one request' => function ($mail) use ($html) {
        $mail('customer@example.test', 'Your order', $html, 'Content-Type: text/html');
        $mail('admin@example.test', 'New order #42', 'An order came in.');
        $mail('admin@example.test', 'Low stock', 'Widget: 2 left.', ['X-Stock: widget']);
    },
    'phpmailer_init sets MessageID, XMailer, Priority' => fn($mail) => with_hooks([['phpmailer_init', function ($m) {
            $m->MessageID = '<order-42@shop.example.test>';
            $m->XMailer = 'Shop Mailer 2';
            $m->Priority = 1;
        }]], fn() => $mail('bob@example.test', 'Custom ids', 'x')),
];

/* Deliberate differences, each said in README.md ("Differences from core's wp_mail()"). */
$deliberate = [
    /* core's PHPMailer over SMTP returns false when any RCPT is refused (the others still get it); the plugin returns true and logs who was refused */
    'some recipients refused' => fn($mail) => $mail('bob@example.test, someone@elsewhere.invalid', 'Partly refused', 'x'),
];

foreach ($cases + $deliberate as $name => $case) {
    $core = diff_run('core', $case);
    $plugin = diff_run('plugin', $case);
    if (isset($deliberate[$name])) {
        echo "deliberate: $name: core returns ", json_encode(array_column($core['calls'], 'return')), ", the plugin ", json_encode(array_column($plugin['calls'], 'return')),
             "; the plugin's log: ", preg_replace('/^250 .*?;/', '250 …;', last_log()['server_reply']), "\n";
        $core['calls'] = array_map(fn($c) => ['return' => true] + $c, $core['calls']);
        $core['failed'] = [];
        $core['succeeded'] = $plugin['succeeded'];
    }
    foreach ($plugin['failed'] as $i => $f) {
        /* the words differ (deliberate: the extension names the stage and quotes the server); core's keys are all there, with the server's code and reply */
        echo "  wp_mail_failed: core \"", $core['failed'][$i]['message'] ?? '-', "\"\n  plugin \"{$f['message']}\" + ",
             implode(', ', array_keys(array_diff_key($f['data'], $core['failed'][$i]['data'] ?? []))), ": ", json_encode(array_intersect_key($f['data'], ['smtp_code' => 1, 'phpmailer_exception_code' => 1])), "\n";
    }
    $d = diff_compare($core, $plugin);
    echo $d === '' ? "same: $name" : "DIFFERENT: $name\n$d", "\n";
}
echo count($cases) + count($deliberate), " cases\n";
array_map('unlink', glob("$dir/*"));
rmdir($dir);
?>
--EXPECTF--
same: plain text, one recipient
same: RFC 2822 addresses in To, From, Cc, Bcc
same: several RFC 2822 To addresses
same: several To addresses without names
same: To as an array
same: From with a quoted name
same: an empty From header
same: From without a name
same: Content-Type text/html with charset iso-8859-1
same: Content-Type text/plain; with an empty charset
same: a caller-built multipart body with its boundary
same: a line of 1000 characters
same: caller X-Mailer and MIME-Version headers (core drops them)
same: the content type filter
same: WooCommerce multipart/alternative with AltBody
same: every phpmailer_init change
same: attachments: an array and a newline-separated string
same: a name key on an attachment (WordPress 6.2+)
same: a missing attachment among existing ones
same: one invalid address among valid ones
same: a newline in the subject
same: ISO-8859-1 from the charset filter
same: a Sender: header
same: UTF-8 names and a long UTF-8 subject
same: Reply-To with two addresses, Cc on two lines
same: Contact Form 7
same: Gravity Forms
same: a staging blocker: pre_wp_mail false at priority 20
same: a staging redirect: the wp_mail filter rewrites the recipients
  wp_mail_failed: core "SMTP Error: The following recipients failed: someone@elsewhere.invalid: <someone@elsewhere.invalid>: Relay access denied
"
  plugin "RCPT TO rejected by localhost:%d for every recipient: <someone@elsewhere.invalid>: 554 5.7.1 <someone@elsewhere.invalid>: Relay access denied" + smtp_code, http_status, smtp_response, log_id: {"phpmailer_exception_code":554,"smtp_code":554}
same: every recipient refused
  wp_mail_failed: core "Message body empty"
  plugin "Message body empty" + : {"phpmailer_exception_code":2}
same: an empty body
  wp_mail_failed: core "Invalid address:  (From): not an address"
  plugin "Invalid address:  (From): not an address" + : {"phpmailer_exception_code":0}
same: an invalid From from the filter
same: an order: customer, admin and stock notice in one request
same: phpmailer_init sets MessageID, XMailer, Priority
deliberate: some recipients refused: core returns [false], the plugin [true]; the plugin's log: 250 …; refused by the server: someone@elsewhere.invalid (554 5.7.1 <someone@elsewhere.invalid>: Relay access denied)
same: some recipients refused
35 cases
