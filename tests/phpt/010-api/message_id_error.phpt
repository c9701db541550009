--TEST--
API transports: Smtp\Exception::getMessageId() of an outcome-unknown send (the API read the whole request and closed) is the Message-ID of the message the API received; an API's refusal names the message too
--EXTENSIONS--
smtp
--FILE--
<?php
require __DIR__ . '/../api.inc';
$base = api_server();
foreach (API_NAMES as $api) {
    $extra = in_array($api, ['gmail', 'graph'], true) ? ['oauth' => api_token()] : [];
    api_control($base, ['mode' => 'drop_after_body']);
    $client = new Smtp\Client(api_transport($api, $base, $extra));
    try {
        $client->send(msg(['subject' => "dropped over $api"]));
        echo "$api: SENT?!\n";
    } catch (Smtp\Exception $e) {
        $got = parse_mail(api_last($base, $api)['file']);
        $received = $got['headers']['message-id'][0] ?? 'NONE';
        printf("%-8s unknown=%s id %s | the API received it: %s\n", $api, var_export($e->isOutcomeUnknown(), true),
               preg_match('/^<[0-9a-f]{32}@example\.test>$/', (string)$e->getMessageId()) ? 'generated' : var_export($e->getMessageId(), true),
               $e->getMessageId() === $received && ($got['headers']['subject'][0] ?? '') === "dropped over $api" ? 'yes' : "NO ($received)");
    }
    $client->close();
}
api_control($base, ['fail' => 400]);
try {
    smtp_send(msg(['headers' => ['Message-ID' => '<refused-1@example.test>']]), api_transport('mailgun', $base));
} catch (Smtp\Exception $e) {
    printf("mailgun refused (HTTP %d): %s\n", $e->getHttpStatus(), var_export($e->getMessageId(), true));
}
api_control($base, ['mode' => 'drop_after_body']);
try {
    smtp_send(['from' => 'alice@example.test', 'to' => 'bob@example.test',
               'raw' => "From: alice@example.test\r\nTo: bob@example.test\r\nMessage-ID: <raw-api@example.test>\r\nSubject: raw\r\n\r\nbody\r\n"],
              api_transport('ses', $base));
} catch (Smtp\Exception $e) {
    printf("ses raw: unknown=%s %s\n", var_export($e->isOutcomeUnknown(), true), var_export($e->getMessageId(), true));
}
?>
--EXPECT--
gmail    unknown=true id generated | the API received it: yes
graph    unknown=true id generated | the API received it: yes
mailgun  unknown=true id generated | the API received it: yes
ses      unknown=true id generated | the API received it: yes
sendgrid unknown=true id generated | the API received it: yes
postmark unknown=true id generated | the API received it: yes
mandrill unknown=true id generated | the API received it: yes
mailgun refused (HTTP 400): '<refused-1@example.test>'
ses raw: unknown=true '<raw-api@example.test>'
