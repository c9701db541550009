--TEST--
A kept-alive connection of an Smtp\Client that the API closes after reading the whole second message, with no reply: outcome unknown (the API may have kept it), never "lost while sending" and temporary, which would let a caller's fallback send it a second time
--EXTENSIONS--
smtp
--FILE--
<?php
require __DIR__ . '/../api.inc';
$base = api_server();
foreach (['mailgun', 'sendgrid', 'postmark', 'ses'] as $api) {
    api_control($base);
    $client = new Smtp\Client(api_transport($api, $base));
    $first = $client->send(msg(['subject' => "first over $api"]));
    $connections = api_stats($base)['connections'];
    api_control($base, ['mode' => 'drop_after_body']);
    $before = api_stats($base)[$api] ?? 0;
    try {
        $client->send(msg(['subject' => "second over $api"]));
        echo "$api: SENT?!\n";
    } catch (Smtp\Exception $e) {
        $got = (api_stats($base)[$api] ?? 0) - $before;
        printf("%s: first %s; second: the API took the whole request (%d) and closed | unknown=%s temporary=%s | %s\n", $api, strtok($first['response'], ' ') . ' ' . strtok(' '),
               $got, var_export($e->isOutcomeUnknown(), true), var_export($e->isTemporary(), true),
               str_contains($e->getMessage(), 'Outcome unknown') ? 'says the outcome is unknown' : 'SAYS: ' . $e->getMessage());
    }
    $client->close();
}
?>
--EXPECT--
mailgun: first HTTP 200; second: the API took the whole request (1) and closed | unknown=true temporary=true | says the outcome is unknown
sendgrid: first HTTP 202; second: the API took the whole request (1) and closed | unknown=true temporary=true | says the outcome is unknown
postmark: first HTTP 200; second: the API took the whole request (1) and closed | unknown=true temporary=true | says the outcome is unknown
ses: first HTTP 200; second: the API took the whole request (1) and closed | unknown=true temporary=true | says the outcome is unknown
