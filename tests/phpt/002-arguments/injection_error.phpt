--TEST--
CR/LF in any header field, address, name, file name, type or cid: ValueError naming the key, nothing sent
--EXTENSIONS--
smtp
--FILE--
<?php
require __DIR__ . '/../helper.inc';
[$port] = fault_server('no_auth');
$t = fault_transport($port);
$cases = [
    'subject' => ['subject' => "Hi\r\nBcc: victim@example.com"],
    'subject LF' => ['subject' => "Hi\nX: y"],
    'from' => ['from' => "a@example.test\r\nBcc: x@example.com"],
    'from name' => ['from' => ['email' => 'a@example.test', 'name' => "Ann\r\nBcc: x@example.com"]],
    'to' => ['to' => "b@example.test\nBcc: x@example.com"],
    'cc list' => ['cc' => ['c@example.test', "d@example.test\r"]],
    'bcc' => ['bcc' => "e@example.test\r\n"],
    'reply_to' => ['reply_to' => "Name\r\n <r@example.test>"],
    'header name' => ['headers' => ["X-Evil\r\nBcc" => 'x']],
    'header value' => ['headers' => ['X-Tag' => "a\r\nBcc: x@example.com"]],
    'header colon' => ['headers' => ['X-A:B' => 'x']],
    'owned header' => ['headers' => ['Bcc' => 'x@example.com']],
    'attachment name' => ['attachments' => [['data' => 'x', 'name' => "a.txt\r\nX: y"]]],
    'attachment type' => ['attachments' => [['data' => 'x', 'name' => 'a.txt', 'type' => "text/plain\r\nX: y"]]],
    'attachment cid' => ['attachments' => [['data' => 'x', 'name' => 'a.png', 'cid' => "logo\r\nX: y"]]],
    'message-id' => ['headers' => ['Message-ID' => "<a@b>\r\nX: y"]],
    'envelope_from' => ['envelope_from' => "a@example.test\r\nRCPT TO:<x@example.com>"],
];
foreach ($cases as $label => $fields) {
    try {
        smtp_send(msg($fields), $t);
        echo "$label: SENT\n";
    } catch (ValueError $e) {
        echo "$label: ", $e->getMessage(), "\n";
    }
}
?>
--EXPECT--
subject: smtp_send(): Argument #1 ($message) ["subject"] must not contain CR or LF
subject LF: smtp_send(): Argument #1 ($message) ["subject"] must not contain CR or LF
from: smtp_send(): Argument #1 ($message) ["from"] must not contain CR or LF
from name: smtp_send(): Argument #1 ($message) ["from"] must not contain CR or LF
to: smtp_send(): Argument #1 ($message) ["to"] must not contain CR or LF
cc list: smtp_send(): Argument #1 ($message) ["cc"][1] must not contain CR or LF
bcc: smtp_send(): Argument #1 ($message) ["bcc"] must not contain CR or LF
reply_to: smtp_send(): Argument #1 ($message) ["reply_to"] must not contain CR or LF
header name: smtp_send(): Argument #1 ($message) ["headers"] name "X-Evil  Bcc" must not contain CR or LF
header value: smtp_send(): Argument #1 ($message) ["headers"]["X-Tag"] must not contain CR or LF
header colon: smtp_send(): Argument #1 ($message) ["headers"] name "X-A:B" must be printable ASCII without spaces or ':'
owned header: smtp_send(): Argument #1 ($message) ["headers"] must not set Bcc: use the "bcc" key
attachment name: smtp_send(): Argument #1 ($message) ["attachments"][0]["name"] must not contain CR or LF
attachment type: smtp_send(): Argument #1 ($message) ["attachments"][0]["type"] must not contain CR or LF
attachment cid: smtp_send(): Argument #1 ($message) ["attachments"][0]["cid"] must not contain CR or LF
message-id: smtp_send(): Argument #1 ($message) ["headers"]["Message-ID"] must not contain CR or LF
envelope_from: smtp_send(): Argument #1 ($message) ["envelope_from"] must not contain CR or LF
