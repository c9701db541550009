--TEST--
Every API's failures, from its real error bodies: the message names the API and quotes its words; getHttpStatus(), isTemporary() (429, 5xx), never for authentication; Retry-After; nothing sent is never called sent
--EXTENSIONS--
smtp
--FILE--
<?php
require __DIR__ . '/../api.inc';
$base = api_server();
function attempt(string $api, string $base, array $control, array $message = [], array $transport = []): void
{
    api_control($base, $control);
    $extra = in_array($api, ['gmail', 'graph'], true) ? ['oauth' => api_token()] : [];
    $t = microtime(true);
    try {
        smtp_send(msg($message), api_transport($api, $base, $transport + $extra));
        echo "  SENT?!\n";
    } catch (Smtp\Exception $e) {
        printf("  %s | http=%d temporary=%s unknown=%s retry_after=%s%s\n", $e->getMessage(), $e->getHttpStatus(),
               var_export($e->isTemporary(), true), var_export($e->isOutcomeUnknown(), true),
               var_export($e->getRetryAfter(), true), microtime(true) - $t > 8 ? ' SLOW' : '');
    }
}
foreach (API_NAMES as $api) {
    echo "$api\n";
    $statuses = $api === 'mandrill' ? [] : [$api === 'postmark' ? 422 : 400, $api === 'ses' ? 403 : 401, 413, 500, 503];
    foreach ($statuses as $status) attempt($api, $base, ['fail' => $status]);
    attempt($api, $base, ['fail' => $api === 'mandrill' ? 500 : 429, 'retry_after' => 30] +
            ($api === 'mandrill' ? ['mandrill_error' => 'GeneralError'] : []));
}
echo "mandrill names (always HTTP 500)\n";
foreach (['Invalid_Key', 'ValidationError', 'PaymentRequired', 'Unknown_Subaccount'] as $name) {
    attempt('mandrill', $base, ['fail' => 500, 'mandrill_error' => $name]);
}
echo "mandrill: every recipient rejected\n";
attempt('mandrill', $base, ['reject' => 'bob@example.test']);
echo "connection dropped after the whole body\n";
foreach (['gmail', 'ses', 'postmark'] as $api) attempt($api, $base, ['mode' => 'drop_after_body']);
echo "100 Continue, then the connection closes (2 MB body, Expect: 100-continue)\n";
$big = ['attachments' => [['data' => random_bytes(2 * 1024 * 1024), 'name' => 'big.bin']]];
foreach (['mailgun', 'sendgrid'] as $api) attempt($api, $base, ['mode' => 'continue_close'], $big);
echo "closed before the body was read (small body)\n";
attempt('mailgun', $base, ['mode' => 'continue_close']);
echo "413 before the body, answering Expect: 100-continue\n";
attempt('mailgun', $base, ['fail' => 413], $big);
echo "no reply within the timeout\n";
attempt('sendgrid', $base, ['delay' => 4], [], ['timeout' => 1]);
echo "nothing listening\n";
try {
    smtp_send(msg(), api_transport('postmark', 'https://localhost:1'));
} catch (Smtp\Exception $e) {
    printf("  %s | http=%d temporary=%s unknown=%s\n", $e->getMessage(), $e->getHttpStatus(),
           var_export($e->isTemporary(), true), var_export($e->isOutcomeUnknown(), true));
}
?>
--EXPECTF--
gmail
  Gmail API refused the message (HTTP 400): INVALID_ARGUMENT: Invalid To header | http=400 temporary=false unknown=false retry_after=NULL
  Gmail API refused the message (HTTP 401): UNAUTHENTICATED: Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential. | http=401 temporary=false unknown=false retry_after=NULL
  Gmail API refused the message (HTTP 413): FAILED_PRECONDITION: Request Entity Too Large | http=413 temporary=false unknown=false retry_after=NULL
  Gmail API refused the message (HTTP 500): INTERNAL: Internal error encountered. | http=500 temporary=true unknown=false retry_after=NULL
  Gmail API refused the message (HTTP 503): UNAVAILABLE: The service is currently unavailable. | http=503 temporary=true unknown=false retry_after=NULL
  Gmail API refused the message (HTTP 429): RESOURCE_EXHAUSTED: User-rate limit exceeded. Retry after 2026-01-01T00:00:30.000Z (Retry-After: 30 s) | http=429 temporary=true unknown=false retry_after=30
graph
  Microsoft Graph refused the message (HTTP 400): ErrorInvalidRecipients: At least one recipient isn't valid. | http=400 temporary=false unknown=false retry_after=NULL
  Microsoft Graph refused the message (HTTP 401): InvalidAuthenticationToken: Access token has expired or is not yet valid. | http=401 temporary=false unknown=false retry_after=NULL
  Microsoft Graph refused the message (HTTP 413): ErrorMessageSizeExceeded: The message exceeds the maximum supported size. | http=413 temporary=false unknown=false retry_after=NULL
  Microsoft Graph refused the message (HTTP 500): InternalServerError: An internal server error occurred. | http=500 temporary=true unknown=false retry_after=NULL
  Microsoft Graph refused the message (HTTP 503): ServiceUnavailable: The service is temporarily unavailable. | http=503 temporary=true unknown=false retry_after=NULL
  Microsoft Graph refused the message (HTTP 429): ApplicationThrottled: Application is over its MailboxConcurrency limit. (Retry-After: 30 s) | http=429 temporary=true unknown=false retry_after=30
mailgun
  Mailgun refused the message (HTTP 400): 'to' parameter is not a valid address. please check documentation | http=400 temporary=false unknown=false retry_after=NULL
  Mailgun refused the message (HTTP 401): Forbidden | http=401 temporary=false unknown=false retry_after=NULL
  Mailgun refused the message (HTTP 413): request entity too large | http=413 temporary=false unknown=false retry_after=NULL
  Mailgun refused the message (HTTP 500): Internal Server Error | http=500 temporary=true unknown=false retry_after=NULL
  Mailgun refused the message (HTTP 503): Service Unavailable | http=503 temporary=true unknown=false retry_after=NULL
  Mailgun refused the message (HTTP 429): Too many requests (Retry-After: 30 s) | http=429 temporary=true unknown=false retry_after=30
ses
  Amazon SES refused the message (HTTP 400): MessageRejected: Email address is not verified. The following identities failed the check in region EU-WEST-1: alice@example.test | http=400 temporary=false unknown=false retry_after=NULL
  Amazon SES refused the message (HTTP 403): UnrecognizedClientException: The security token included in the request is invalid. | http=403 temporary=false unknown=false retry_after=NULL
  Amazon SES refused the message (HTTP 413): BadRequestException: Message length is more than 40 mebibytes | http=413 temporary=false unknown=false retry_after=NULL
  Amazon SES refused the message (HTTP 500): InternalFailure: The request processing has failed because of an unknown error. | http=500 temporary=true unknown=false retry_after=NULL
  Amazon SES refused the message (HTTP 503): ServiceUnavailable: Service Unavailable | http=503 temporary=true unknown=false retry_after=NULL
  Amazon SES refused the message (HTTP 429): TooManyRequestsException: Too Many Requests (Retry-After: 30 s) | http=429 temporary=true unknown=false retry_after=30
sendgrid
  SendGrid refused the message (HTTP 400): The from object must be provided for every email send. It is an object that requires the email parameter, but may also contain a name parameter. (from) | http=400 temporary=false unknown=false retry_after=NULL
  SendGrid refused the message (HTTP 401): The provided authorization grant is invalid, expired, or revoked | http=401 temporary=false unknown=false retry_after=NULL
  SendGrid refused the message (HTTP 413): The JSON payload you have included in your request is too large. | http=413 temporary=false unknown=false retry_after=NULL
  SendGrid refused the message (HTTP 500): internal error | http=500 temporary=true unknown=false retry_after=NULL
  SendGrid refused the message (HTTP 503): service unavailable | http=503 temporary=true unknown=false retry_after=NULL
  SendGrid refused the message (HTTP 429): too many requests (Retry-After: 30 s) | http=429 temporary=true unknown=false retry_after=30
postmark
  Postmark refused the message (HTTP 422): ErrorCode 300: Invalid email request | http=422 temporary=false unknown=false retry_after=NULL
  Postmark refused the message (HTTP 401): ErrorCode 10: The Server Token you provided in the X-Postmark-Server-Token request header was invalid. Please verify that you are using a valid token. | http=401 temporary=false unknown=false retry_after=NULL
  Postmark refused the message (HTTP 413): ErrorCode 300: Request entity too large | http=413 temporary=false unknown=false retry_after=NULL
  Postmark refused the message (HTTP 500): ErrorCode 0: Internal Server Error | http=500 temporary=true unknown=false retry_after=NULL
  Postmark refused the message (HTTP 503): ErrorCode 100: Maintenance | http=503 temporary=true unknown=false retry_after=NULL
  Postmark refused the message (HTTP 429): ErrorCode 429: Rate limit exceeded (Retry-After: 30 s) | http=429 temporary=true unknown=false retry_after=30
mandrill
  Mandrill refused the message (HTTP 500): GeneralError: An unexpected error occurred processing the request. Mandrill developers have been notified. (Retry-After: 30 s) | http=500 temporary=true unknown=false retry_after=30
mandrill names (always HTTP 500)
  Mandrill refused the message (HTTP 500): Invalid_Key: Invalid API key | http=500 temporary=false unknown=false retry_after=NULL
  Mandrill refused the message (HTTP 500): ValidationError: You must specify a key value | http=500 temporary=false unknown=false retry_after=NULL
  Mandrill refused the message (HTTP 500): PaymentRequired: This feature is only available for paid accounts | http=500 temporary=false unknown=false retry_after=NULL
  Mandrill refused the message (HTTP 500): Unknown_Subaccount: No subaccount exists with the id 'customer-123' | http=500 temporary=false unknown=false retry_after=NULL
mandrill: every recipient rejected
  Mandrill refused the message (HTTP 200): bob@example.test (rejected hard-bounce) | http=200 temporary=false unknown=false retry_after=NULL
connection dropped after the whole body
  Gmail API at https://localhost:%d/upload/gmail/v1/users/me/messages/send?uploadType=media: Outcome unknown: the whole message was sent but no reply came (%s), so it may or may not have been accepted; do not resend blindly | http=0 temporary=true unknown=true retry_after=NULL
  Amazon SES at https://localhost:%d/v2/email/outbound-emails: Outcome unknown: the whole message was sent but no reply came (%s), so it may or may not have been accepted; do not resend blindly | http=0 temporary=true unknown=true retry_after=NULL
  Postmark at https://localhost:%d/email: Outcome unknown: the whole message was sent but no reply came (%s), so it may or may not have been accepted; do not resend blindly | http=0 temporary=true unknown=true retry_after=NULL
100 Continue, then the connection closes (2 MB body, Expect: 100-continue)
  Mailgun at https://localhost:%d/v3/mg.example.test/messages.mime: %s | http=0 temporary=true unknown=false retry_after=NULL
  SendGrid at https://localhost:%d/v3/mail/send: %s | http=0 temporary=true unknown=false retry_after=NULL
closed before the body was read (small body)
  Mailgun at https://localhost:%d/v3/mg.example.test/messages.mime: %s | http=0 temporary=true unknown=%s retry_after=NULL
413 before the body, answering Expect: 100-continue
  Mailgun refused the message (HTTP 413): request entity too large | http=413 temporary=false unknown=false retry_after=NULL
no reply within the timeout
  SendGrid at https://localhost:%d/v3/mail/send: Outcome unknown: the whole message was sent but no reply came (no progress for 1.0 s (the timeout)), so it may or may not have been accepted; do not resend blindly | http=0 temporary=true unknown=true retry_after=NULL
nothing listening
  Postmark at https://localhost:1/email: %s | http=0 temporary=true unknown=false
