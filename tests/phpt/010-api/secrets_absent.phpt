--TEST--
api transports: keys, secrets and tokens never appear in results, transcripts, exception messages or traces, on success or failure; the transcript shows method, URL, status and the provider's reply
--EXTENSIONS--
smtp
--FILE--
<?php
require __DIR__ . '/../api.inc';
$base = api_server();
$token = api_token();
$store = authorized_store('secrets');
$tokens = stored_tokens(store_path($store), 'secrets');
$secrets = array_merge(api_secrets(), [$token, $tokens['access_token'], $tokens['refresh_token'], 'AWS4-HMAC-SHA256',
                                       'Signature=', 'Authorization:', 'X-Postmark-Server-Token:', 'Bearer ']);
$leaks = 0;
function check(string $what, string $text, array $secrets, int &$leaks): void
{
    foreach ($secrets as $s) {
        if (stripos($text, $s) !== false) {
            echo "LEAK in $what: ", substr($s, 0, 12), "...\n";
            $leaks++;
        }
    }
}
$oauth = fn(string $api) => match ($api) { 'gmail' => ['oauth' => $token], 'graph' => ['oauth' => ['store' => $store, 'account' => 'secrets']], default => [] };
$wrong = ['mailgun' => ['api_key' => 'key-wrong-0000'], 'ses' => ['secret_access_key' => 'wrong/secret'],
          'sendgrid' => ['api_key' => 'SG.wrong'], 'postmark' => ['api_key' => 'wrong-token'], 'mandrill' => ['api_key' => 'md-wrong'],
          'gmail' => ['oauth' => 'ya29.revoked-or-wrong'], 'graph' => ['oauth' => 'eyJ0eXAi.wrong']];
foreach (API_NAMES as $api) {
    $t = api_transport($api, $base, $oauth($api) + ['transcript' => true]);
    api_control($base);
    $r = smtp_send(msg(['bcc' => 'hidden@example.test']), $t);
    check("$api result", var_export($r, true), $secrets, $leaks);
    if ($api === 'sendgrid') echo implode("\n", preg_replace('/localhost:\d+/', 'localhost:PORT', $r['transcript'])), "\n";
    $cases = [['fail' => 400], ['fail' => 500], ['mode' => 'drop_after_body']];
    foreach ($cases as $control) {
        api_control($base, $control);
        try {
            smtp_send(msg(), $t);
            echo "$api: sent?!\n";
        } catch (Smtp\Exception $e) {
            check("$api exception", $e->getMessage() . "\n" . implode("\n", $e->getTranscript()) . "\n" . $e, $secrets, $leaks);
        }
    }
    api_control($base);
    try {
        smtp_send(msg(), $wrong[$api] + $t);
        echo "$api: sent with a wrong key?!\n";
    } catch (Smtp\Exception $e) {
        printf("%-8s wrong credentials: HTTP %d, temporary %s\n", $api, $e->getHttpStatus(), var_export($e->isTemporary(), true));
        check("$api auth failure", $e->getMessage() . "\n" . implode("\n", $e->getTranscript()) . "\n" . $e,
              array_merge($secrets, array_values($wrong[$api])), $leaks);
    }
}
echo "leaks: $leaks\n";
?>
--EXPECTF--
gmail    wrong credentials: HTTP 401, temporary false
graph    wrong credentials: HTTP 401, temporary false
mailgun  wrong credentials: HTTP 401, temporary false
ses      wrong credentials: HTTP 403, temporary false
C: POST https://localhost:PORT/v3/mail/send
C: Content-Type: application/json, %d bytes
S: HTTP/1.1 202
sendgrid wrong credentials: HTTP 401, temporary false
postmark wrong credentials: HTTP 401, temporary false
mandrill wrong credentials: HTTP 500, temporary false
leaks: 0
