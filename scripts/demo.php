<?php
/* Sends one message to the local stack started by demo.sh and shows what happened. */
$stack = parse_ini_file($argv[1] . '/env', false, INI_SCANNER_RAW);

$result = smtp_send([
    'from'    => ['email' => $stack['SMTP_TEST_USER'], 'name' => 'php-smtp demo'],
    'to'      => 'Bob <bob@example.test>',
    'subject' => 'Hello from php-smtp ✓',
    'text'    => "This message was built and sent by the smtp extension.\n",
    'html'    => '<p>This message was built and sent by the <b>smtp</b> extension.</p>',
    'attachments' => [['data' => "a,b\n1,2\n", 'name' => 'numbers.csv']],
], [
    'host'       => 'localhost',
    'port'       => (int)$stack['SMTP_TEST_SUBMISSION_PORT'],
    'security'   => 'starttls',
    'cafile'     => $stack['SMTP_TEST_CA'],
    'username'   => $stack['SMTP_TEST_USER'],
    'password'   => $stack['SMTP_TEST_PASS'],
    'transcript' => true,
]);

echo "== SMTP transcript (secrets redacted)\n";
echo implode("\n", $result['transcript']), "\n\n";
echo "== Result\n";
printf("message_id: %s\naccepted:   %s\nresponse:   %s\n\n", $result['message_id'],
       implode(', ', $result['accepted']), $result['response']);

$dir = $stack['SMTP_TEST_MAILDIR'] . '/inbox/new';
for ($i = 0; $i < 100; $i++) {
    foreach (glob("$dir/*") ?: [] as $file) {
        if (str_contains(file_get_contents($file), $result['message_id'])) {
            echo "== Delivered message ($file)\n", file_get_contents($file);
            exit(0);
        }
    }
    usleep(100000);
}
fwrite(STDERR, "the message did not arrive within 10 s\n");
exit(1);
