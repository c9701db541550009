--TEST--
Bad message and transport arrays: exact ValueError/TypeError before any connection
--EXTENSIONS--
smtp
--FILE--
<?php
require __DIR__ . '/../helper.inc';
$t = ['host' => '127.0.0.1', 'port' => 9, 'security' => 'none'];   // nothing listens: a connect would throw Smtp\Exception
$cases = [
    [msg(['from' => 'not-an-address']), $t],
    [msg(['to' => 'Bob <bob@example.test']), $t],
    [msg(['to' => 'a@example.test, b@example.test']), $t],
    [msg(['to' => 'a..b@example.test']), $t],
    [msg(['to' => 'user@-bad.example']), $t],
    [['from' => 'a@example.test', 'subject' => 'x'], $t],
    [['to' => 'b@example.test'], $t],
    [msg(['colour' => 'blue']), $t],
    [msg(['raw' => "Subject: x\r\n\r\nbody"]), $t],
    [msg(['attachments' => [['path' => 'php://memory']]]), $t],
    [msg(['attachments' => [['path' => 'phar:///tmp/x.phar/a']]]), $t],
    [msg(['attachments' => [['path' => '/tmp']]]), $t],
    [msg(['attachments' => [['path' => '/dev/zero']]]), $t],
    [msg(['attachments' => [['path' => '/nonexistent/file.pdf']]]), $t],
    [msg(['attachments' => [['data' => 'x']]]), $t],
    [msg(['attachments' => [['data' => 'x', 'name' => 'a', 'colour' => 'red']]]), $t],
    [msg(['attachments' => [['data' => 'x', 'name' => 'a', 'type' => 'text/plain; charset=x']]]), $t],
    [msg(['text' => "\xff\xfe"]), $t],
    [msg(), $t + ['colour' => 'blue']],
    [msg(), ['port' => 70000] + $t],
    [msg(), ['security' => 'ssl3'] + $t],
    [msg(), ['auth' => 'cram-md5'] + $t],
    [msg(), ['auth' => 'plain'] + $t],
    [msg(), ['timeout' => 0] + $t],
    [msg(), ['port' => '25'] + $t],
    [msg(), ['verify_peer' => 'no'] + $t],
    [msg(), ['host' => "smtp.example.com\r\n"] + $t],
];
foreach ($cases as [$m, $tr]) {
    try {
        smtp_send($m, $tr);
        echo "SENT\n";
    } catch (ValueError|TypeError $e) {
        echo get_class($e), ': ', $e->getMessage(), "\n";
    } catch (Smtp\Exception $e) {
        echo "CONNECTED: ", $e->getMessage(), "\n";
    }
}
?>
--EXPECT--
ValueError: smtp_send(): Argument #1 ($message) ["from"] has no '@'
ValueError: smtp_send(): Argument #1 ($message) ["to"] has unbalanced angle brackets
ValueError: smtp_send(): Argument #1 ($message) ["to"] is not a single address (spaces, commas or comments outside angle brackets); use "Name <user@example.com>"
ValueError: smtp_send(): Argument #1 ($message) ["to"] has two dots in a row
ValueError: smtp_send(): Argument #1 ($message) ["to"] has a domain label starting with '-'
ValueError: smtp_send(): Argument #1 ($message) must have at least one recipient in "to", "cc" or "bcc"
ValueError: smtp_send(): Argument #1 ($message) must have a "from" address
ValueError: smtp_send(): Argument #1 ($message) contains unknown key "colour"
ValueError: smtp_send(): Argument #1 ($message) ["raw"] is a complete message: do not combine it with subject, text, html, headers or attachments
ValueError: smtp_send(): Argument #1 ($message) ["attachments"][0]["path"] must be a local file path, not a URL or stream wrapper
ValueError: smtp_send(): Argument #1 ($message) ["attachments"][0]["path"] must be a local file path, not a URL or stream wrapper
ValueError: smtp_send(): Argument #1 ($message) ["attachments"][0]["path"] is not a regular file (a directory, device, socket or FIFO)
ValueError: smtp_send(): Argument #1 ($message) ["attachments"][0]["path"] is not a regular file (a directory, device, socket or FIFO)
ValueError: smtp_send(): Argument #1 ($message) ["attachments"][0]["path"] cannot be read: No such file or directory
ValueError: smtp_send(): Argument #1 ($message) ["attachments"][0] with "data" needs a "name"
ValueError: smtp_send(): Argument #1 ($message) ["attachments"][0] has unknown key "colour" (allowed: path, data, name, type, cid)
ValueError: smtp_send(): Argument #1 ($message) ["attachments"][0]["type"] must be a plain "type/subtype" without parameters
ValueError: smtp_send(): Argument #1 ($message) ["text"] is not valid UTF-8
ValueError: smtp_send(): Argument #2 ($transport) contains unknown key "colour"
ValueError: smtp_send(): Argument #2 ($transport) ["port"] must be between 1 and 65535
ValueError: smtp_send(): Argument #2 ($transport) ["security"] must be "starttls", "tls" or "none"
ValueError: smtp_send(): Argument #2 ($transport) ["auth"] must be "auto", "plain", "login", "xoauth2", "oauthbearer" or "none"
ValueError: smtp_send(): Argument #2 ($transport) ["auth"] "plain" needs "username" and "password"
ValueError: smtp_send(): Argument #2 ($transport) ["timeout"] must be greater than 0 and at most 3600 seconds
TypeError: smtp_send(): Argument #2 ($transport) ["port"] must be of type int, string given
TypeError: smtp_send(): Argument #2 ($transport) ["verify_peer"] must be of type bool, string given
ValueError: smtp_send(): Argument #2 ($transport) ["host"] must not contain CR, LF or NUL
