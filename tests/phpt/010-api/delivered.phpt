--TEST--
Every API: what arrived parses to the same message as over SMTP (subject, addresses, parts, attachment bytes, Message-ID); Bcc as the contract says; provider_id is the API's id
--EXTENSIONS--
smtp
--FILE--
<?php
require __DIR__ . '/../api.inc';
$pdf = tempnam(sys_get_temp_dir(), 'att');
file_put_contents($pdf, random_bytes(150000));
$png = random_bytes(3000);
$message = [
    'from' => ['email' => 'alice@example.test', 'name' => 'Zoë Ålander'],
    'to' => ['bob@example.test', '"Carol \\"CJ\\" Jones" <carol@example.test>'],
    'cc' => 'dave@example.test',
    'bcc' => 'secret-bcc@example.test',
    'reply_to' => 'replies@example.test',
    'subject' => 'Grüße aus Köln — ünïcödé ✓ ' . str_repeat('long subject words ', 5),
    'text' => "Line one\n.leading dot\nnaïve café\n",
    'html' => '<p>Hello <b>naïve</b> <img src="cid:logo@example"></p>',
    'headers' => ['X-Campaign' => 'spring-2026'],
    'attachments' => [
        ['path' => $pdf, 'name' => 'Résumé 2026 — final.pdf'],
        ['data' => $png, 'name' => 'logo.png', 'cid' => 'logo@example'],
        ['data' => "a,b\n1,2\n", 'name' => 'data.csv'],
    ],
];

/* What a recipient sees, minus what the transport itself adds. */
function view(array $p): array
{
    $h = fn($n) => $p['headers'][$n][0] ?? null;
    $parts = array_map(fn($x) => [$x['type'], $x['disposition'] ?? 'none', $x['filename'], $x['cid'], $x['sha256']],
                       array_filter($p['parts'], fn($x) => $x['filename'] !== null));
    $texts = [];
    foreach ($p['parts'] as $x) if ($x['filename'] === null) $texts[$x['type']] = rtrim(str_replace("\r\n", "\n", $x['text']));
    sort($parts);
    ksort($texts);
    return ['subject' => $h('subject'), 'from' => $h('from'), 'to' => $h('to'), 'cc' => $h('cc'),
            'reply-to' => $h('reply-to'), 'x-campaign' => $h('x-campaign'), 'message-id' => $h('message-id'),
            'parts' => $parts, 'texts' => $texts];
}

$r = smtp_send($message, relay_transport());
[$ref] = delivered($r['message_id'], 4);
$reference = view($ref);
$reference['message-id'] = null;
echo "over SMTP: ", count($reference['parts']), " attachments, ", implode(',', array_keys($reference['texts'])), "\n";

$base = api_server();
foreach (API_NAMES as $api) {
    $extra = in_array($api, ['gmail', 'graph'], true) ? ['oauth' => api_token()] : [];
    $r = smtp_send($message, api_transport($api, $base, $extra));
    $last = api_last($base, $api);
    $got = parse_mail($last['file']);
    $v = view($got);
    $mid = $v['message-id'];
    $v['message-id'] = null;
    $same = $v === $reference;
    $mime = !in_array($api, ['sendgrid', 'postmark'], true);
    /* MIME APIs carry the extension's own tree; the JSON ones get the provider's */
    $tree = $mime ? ($got['structure'] === $ref['structure'] ? 'same tree' : 'TREE ' . implode(' ', $got['structure'])) : 'provider tree';
    $bccHeader = $got['headers']['bcc'][0] ?? null;
    $rawHasBcc = str_contains($got['raw'], 'secret-bcc');
    $env = $last['envelope'];
    $reply = $last['reply'];
    $rh = $last['reply_headers'];
    $id = match ($api) {
        'gmail', 'mailgun' => $reply['id'], 'graph' => $rh['request-id'], 'ses' => $reply['MessageId'],
        'sendgrid' => $rh['X-Message-Id'], 'postmark' => $reply['MessageID'], 'mandrill' => $reply[0]['_id'],
    };
    sort($r['accepted']);
    printf("%-8s %s, %s, Message-ID %s, Bcc %s, envelope %s, provider_id %s, %s, accepted %s\n", $api,
           $same ? 'same message' : 'DIFFERENT ' . json_encode(array_diff_assoc(array_map('json_encode', $v), array_map('json_encode', $reference))),
           $tree, $mid === $r['message_id'] ? 'kept' : "CHANGED $mid",
           $bccHeader !== null ? "in header ($bccHeader)" : ($rawHasBcc ? 'LEAKED' : 'not in message'),
           $env === null ? 'from headers' : (in_array('secret-bcc@example.test', $env, true) ? 'has bcc' : 'MISSES BCC'),
           $r['provider_id'] === $id && $id !== '' ? 'ok' : "WRONG {$r['provider_id']} vs $id",
           str_starts_with($r['response'], 'HTTP 20') ? 'response ' . explode(' ', $r['response'])[1] : $r['response'],
           implode(',', $r['accepted']));
}
unlink($pdf);
?>
--EXPECT--
over SMTP: 3 attachments, text/html,text/plain
gmail    same message, same tree, Message-ID kept, Bcc in header (secret-bcc@example.test), envelope from headers, provider_id ok, response 200, accepted bob@example.test,carol@example.test,dave@example.test,secret-bcc@example.test
graph    same message, same tree, Message-ID kept, Bcc in header (secret-bcc@example.test), envelope from headers, provider_id ok, response 202, accepted bob@example.test,carol@example.test,dave@example.test,secret-bcc@example.test
mailgun  same message, same tree, Message-ID kept, Bcc not in message, envelope has bcc, provider_id ok, response 200, accepted bob@example.test,carol@example.test,dave@example.test,secret-bcc@example.test
ses      same message, same tree, Message-ID kept, Bcc not in message, envelope has bcc, provider_id ok, response 200, accepted bob@example.test,carol@example.test,dave@example.test,secret-bcc@example.test
sendgrid same message, provider tree, Message-ID kept, Bcc not in message, envelope has bcc, provider_id ok, response 202, accepted bob@example.test,carol@example.test,dave@example.test,secret-bcc@example.test
postmark same message, provider tree, Message-ID kept, Bcc not in message, envelope has bcc, provider_id ok, response 200, accepted bob@example.test,carol@example.test,dave@example.test,secret-bcc@example.test
mandrill same message, same tree, Message-ID kept, Bcc not in message, envelope has bcc, provider_id ok, response 200, accepted bob@example.test,carol@example.test,dave@example.test,secret-bcc@example.test
