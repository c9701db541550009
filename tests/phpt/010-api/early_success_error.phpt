--TEST--
An API that answers its success status (200/202) before the whole message was sent, then closes: never reported as sent; an Smtp\Exception that says the outcome is unknown (the API may have kept part of it)
--EXTENSIONS--
smtp
--FILE--
<?php
require __DIR__ . '/../api.inc';
$base = api_server();
/* 1.5 MB: libcurl asks "Expect: 100-continue" and the server answers 200 instead, before any body byte */
$big = ['attachments' => [['data' => random_bytes(1536 * 1024), 'name' => 'big.bin']]];
foreach (API_NAMES as $api) {
    api_control($base, ['mode' => 'ok_early']);
    $extra = in_array($api, ['gmail', 'graph'], true) ? ['oauth' => api_token()] : [];
    try {
        $r = smtp_send(msg($big), api_transport($api, $base, $extra));
        echo "$api: SENT?! {$r['response']}\n";
    } catch (Smtp\Exception $e) {
        printf("%s: %s | http=%d temporary=%s unknown=%s\n", $api, $e->getMessage(), $e->getHttpStatus(),
               var_export($e->isTemporary(), true), var_export($e->isOutcomeUnknown(), true));
    }
}
echo "the same server, then a normal reply: sent\n";
api_control($base);
$r = smtp_send(msg($big), api_transport('mailgun', $base));
echo $r['response'] !== '' && $r['accepted'] === ['bob@example.test'] ? "mailgun: sent\n" : "mailgun: " . json_encode($r) . "\n";
?>
--EXPECTF--
gmail: Gmail API at https://localhost:%d/upload/gmail/v1/users/me/messages/send?uploadType=media: Outcome unknown: the API answered HTTP 200 before the whole message was sent (%d of %d bytes), so it may have kept part of it; do not resend blindly | http=200 temporary=true unknown=true
graph: Microsoft Graph at https://localhost:%d/v1.0/me/sendMail: Outcome unknown: the API answered HTTP 202 before the whole message was sent (%d of %d bytes), so it may have kept part of it; do not resend blindly | http=202 temporary=true unknown=true
mailgun: Mailgun at https://localhost:%d/v3/mg.example.test/messages.mime: Outcome unknown: the API answered HTTP 200 before the whole message was sent (%d of %d bytes), so it may have kept part of it; do not resend blindly | http=200 temporary=true unknown=true
ses: Amazon SES at https://localhost:%d/v2/email/outbound-emails: Outcome unknown: the API answered HTTP 200 before the whole message was sent (%d of %d bytes), so it may have kept part of it; do not resend blindly | http=200 temporary=true unknown=true
sendgrid: SendGrid at https://localhost:%d/v3/mail/send: Outcome unknown: the API answered HTTP 202 before the whole message was sent (%d of %d bytes), so it may have kept part of it; do not resend blindly | http=202 temporary=true unknown=true
postmark: Postmark at https://localhost:%d/email: Outcome unknown: the API answered HTTP 200 before the whole message was sent (%d of %d bytes), so it may have kept part of it; do not resend blindly | http=200 temporary=true unknown=true
mandrill: Mandrill at https://localhost:%d/api/1.0/messages/send-raw.json: Outcome unknown: the API answered HTTP 200 before the whole message was sent (%d of %d bytes), so it may have kept part of it; do not resend blindly | http=200 temporary=true unknown=true
the same server, then a normal reply: sent
mailgun: sent
