--TEST--
api transports: a bad "api", a non-https endpoint, missing credentials, keys the API cannot use and what a message cannot carry are ValueErrors before any request; smtp_probe() refuses an api transport
--EXTENSIONS--
smtp
--FILE--
<?php
require __DIR__ . '/../api.inc';
$base = api_server();
api_control($base);
function expect_value_error(callable $fn): void
{
    try {
        $fn();
        echo "no exception\n";
    } catch (ValueError|TypeError $e) {
        echo get_class($e), ': ', $e->getMessage(), "\n";
    }
}
$t = fn(string $api, array $extra = []) => api_transport($api, $base, $extra + (in_array($api, ['gmail', 'graph'], true) ? ['oauth' => 'ya29.token'] : []));
$cases = [
    ['api' => 'smtp'] + $t('sendgrid'),
    ['api' => 'Gmail'] + $t('gmail'),
    ['api' => 42] + $t('sendgrid'),
    $t('sendgrid', ['endpoint' => 'http://localhost:8080']),
    $t('sendgrid', ['endpoint' => 'https://localhost/v3/mail/send']),
    $t('sendgrid', ['endpoint' => 'ftp://localhost']),
    $t('sendgrid', ['endpoint' => "https://localhost\r\nX: y"]),
    array_diff_key($t('gmail'), ['oauth' => 1]),
    array_diff_key($t('graph'), ['oauth' => 1]),
    array_diff_key($t('mailgun'), ['api_key' => 1]),
    array_diff_key($t('mailgun'), ['domain' => 1]),
    $t('mailgun', ['region' => 'asia']),
    $t('mailgun', ['domain' => 'mg.example.test/../../v4']),
    array_diff_key($t('ses'), ['region' => 1]),
    array_diff_key($t('ses'), ['secret_access_key' => 1]),
    array_diff_key($t('ses'), ['access_key_id' => 1]),
    $t('ses', ['region' => 'eu-west-1.evil.example']),
    array_diff_key($t('sendgrid'), ['api_key' => 1]),
    $t('postmark', ['api_key' => '']),
    array_diff_key($t('mandrill'), ['api_key' => 1]),
    $t('sendgrid', ['oauth' => 'ya29.token']),
    $t('sendgrid', ['host' => 'smtp.sendgrid.net']),
    $t('sendgrid', ['timeout' => 0]),
    $t('sendgrid', ['transcript' => 'yes']),
    $t('gmail', ['oauth' => ['store' => new stdClass, 'account' => 'x']]),
];
foreach ($cases as $transport) {
    expect_value_error(fn() => smtp_send(msg(), $transport));
}
echo "-- Smtp\\Client checks the same way\n";
expect_value_error(fn() => new Smtp\Client(['api' => 'sendgrid', 'endpoint' => 'http://x']));
echo "-- what a message cannot carry over an API\n";
$raw = fn(array $m) => $m + ['from' => 'alice@example.test', 'to' => 'bob@example.test'];
expect_value_error(fn() => smtp_send(msg(['envelope_from' => 'bounce@example.test']), $t('mailgun')));
expect_value_error(fn() => smtp_send($raw(['raw' => "Subject: x\r\n\r\nbody\r\n"]), $t('sendgrid')));
expect_value_error(fn() => smtp_send(msg(['sender' => 'boss@example.test']), $t('postmark')));
expect_value_error(fn() => smtp_send(['from' => 'a@example.test', 'bcc' => 'b@example.test', 'text' => 'x'], $t('sendgrid')));
expect_value_error(fn() => smtp_send($raw(['raw' => "To: b@example.test\r\n\r\nx\r\n", 'bcc' => 'c@example.test']), $t('gmail')));
expect_value_error(fn() => smtp_send($raw(['raw' => "Subject: \xff\r\n\r\nx\r\n"]), $t('mandrill')));
echo "-- and a bad message is a ValueError for an API as for SMTP\n";
expect_value_error(fn() => smtp_send(msg(['subject' => "x\r\nBcc: evil@example.test"]), $t('sendgrid')));
echo "-- smtp_probe()\n";
expect_value_error(fn() => smtp_probe($t('sendgrid')));
echo "requests that reached the server: ", api_stats($base)['requests'], "\n";
?>
--EXPECT--
ValueError: smtp_send(): Argument #2 ($transport) ["api"] must be "gmail", "graph", "mailgun", "ses", "sendgrid", "postmark" or "mandrill"
ValueError: smtp_send(): Argument #2 ($transport) ["api"] must be "gmail", "graph", "mailgun", "ses", "sendgrid", "postmark" or "mandrill"
TypeError: smtp_send(): Argument #2 ($transport) ["api"] must be of type string, int given
ValueError: smtp_send(): Argument #2 ($transport) ["endpoint"] must be an https:// URL
ValueError: smtp_send(): Argument #2 ($transport) ["endpoint"] must be scheme, host and port only (https://host:port)
ValueError: smtp_send(): Argument #2 ($transport) ["endpoint"] must be an https:// URL
ValueError: smtp_send(): Argument #2 ($transport) ["endpoint"] must not contain CR, LF or NUL
ValueError: smtp_send(): Argument #2 ($transport) ["oauth"] (an access token or ['store' => TokenStore, 'account' => ...]) is required for "api" "gmail"
ValueError: smtp_send(): Argument #2 ($transport) ["oauth"] (an access token or ['store' => TokenStore, 'account' => ...]) is required for "api" "graph"
ValueError: smtp_send(): Argument #2 ($transport) ["api_key"] is required for "api" "mailgun"
ValueError: smtp_send(): Argument #2 ($transport) ["domain"] is required for "api" "mailgun"
ValueError: smtp_send(): Argument #2 ($transport) ["region"] must be "us" or "eu" for mailgun
ValueError: smtp_send(): Argument #2 ($transport) ["domain"] must be a domain name
ValueError: smtp_send(): Argument #2 ($transport) ["region"] is required for "api" "ses"
ValueError: smtp_send(): Argument #2 ($transport) ["secret_access_key"] is required for "api" "ses"
ValueError: smtp_send(): Argument #2 ($transport) ["access_key_id"] is required for "api" "ses"
ValueError: smtp_send(): Argument #2 ($transport) ["region"] must look like "eu-west-1"
ValueError: smtp_send(): Argument #2 ($transport) ["api_key"] is required for "api" "sendgrid"
ValueError: smtp_send(): Argument #2 ($transport) ["api_key"] is required for "api" "postmark"
ValueError: smtp_send(): Argument #2 ($transport) ["api_key"] is required for "api" "mandrill"
ValueError: smtp_send(): Argument #2 ($transport) ["oauth"] is not used by "api" "sendgrid" (it takes an API key)
ValueError: smtp_send(): Argument #2 ($transport) contains unknown key "host" (an "api" transport takes api, endpoint, cafile, timeout, transcript and the API's credentials)
ValueError: smtp_send(): Argument #2 ($transport) ["timeout"] must be greater than 0 and at most 3600 seconds
TypeError: smtp_send(): Argument #2 ($transport) ["transcript"] must be of type bool, string given
TypeError: smtp_send(): Argument #2 ($transport) ["oauth"]["store"] must be of type Smtp\TokenStore, stdClass given
-- Smtp\Client checks the same way
ValueError: Smtp\Client::__construct(): Argument #1 ($transport) ["endpoint"] must be an https:// URL
-- what a message cannot carry over an API
ValueError: smtp_send(): Argument #1 ($message) ["envelope_from"] cannot be carried by "api" "mailgun": the API takes the envelope sender (return path) from the account; it works over SMTP only
ValueError: smtp_send(): Argument #1 ($message) ["raw"] cannot be sent with "api" "sendgrid": it takes JSON, not MIME
ValueError: smtp_send(): Argument #1 ($message) ["sender"] cannot be carried by "api" "postmark"
ValueError: smtp_send(): Argument #1 ($message) needs at least one "to" recipient with "api" "sendgrid"
ValueError: smtp_send(): Argument #1 ($message) ["bcc"] cannot go with ["raw"] for "api" "gmail": it reads the recipients from the raw message's own headers
ValueError: smtp_send(): Argument #1 ($message) ["raw"] must be UTF-8 for "api" "mandrill" (it travels in a JSON string)
-- and a bad message is a ValueError for an API as for SMTP
ValueError: smtp_send(): Argument #1 ($message) ["subject"] must not contain CR or LF
-- smtp_probe()
ValueError: smtp_probe(): Argument #1 ($transport) is an "api" transport: smtp_probe() checks SMTP servers only; an HTTPS API is checked by sending a test message
requests that reached the server: 0
