--TEST--
Security catalogue 1: CR, LF, CRLF and NUL through every message and transport field give a ValueError naming the field; no connection is made
--EXTENSIONS--
smtp
--FILE--
<?php
require __DIR__ . '/../helper.inc';
/* a listener that must never see a connection */
$srv = stream_socket_server('tcp://127.0.0.1:0');
$port = (int)substr(strrchr(stream_socket_get_name($srv, false), ':'), 1);
$t = ['host' => '127.0.0.1', 'port' => $port, 'security' => 'none', 'timeout' => 2];

$fields = [
    'subject'         => fn($x) => [['subject' => "Hello{$x}Bcc: victim@example.com"], []],
    'from'            => fn($x) => [['from' => "a@example.test{$x}Bcc: v@example.com"], []],
    'from name'       => fn($x) => [['from' => ['email' => 'a@example.test', 'name' => "Ann{$x}Bcc: v@example.com"]], []],
    'from name <>'    => fn($x) => [['from' => "Ann{$x}X: y <a@example.test>"], []],
    'to'              => fn($x) => [['to' => "b@example.test{$x}"], []],
    'to list'         => fn($x) => [['to' => ['b@example.test', "c@example.test{$x}Bcc: v@example.com"]], []],
    'cc'              => fn($x) => [['cc' => "c@example.test{$x}"], []],
    'bcc'             => fn($x) => [['bcc' => "d@example.test{$x}"], []],
    'reply_to'        => fn($x) => [['reply_to' => "Re{$x}ply <r@example.test>"], []],
    'sender'          => fn($x) => [['sender' => "s@example.test{$x}"], []],
    'header name'     => fn($x) => [['headers' => ["X-A{$x}Bcc" => 'v']], []],
    'header value'    => fn($x) => [['headers' => ['X-Tag' => "a{$x}Bcc: v@example.com"]], []],
    'message-id'      => fn($x) => [['headers' => ['Message-ID' => "<id@example.test>{$x}Bcc: v@example.com"]], []],
    'attachment name' => fn($x) => [['attachments' => [['data' => 'x', 'name' => "a.txt{$x}X: y"]]], []],
    'attachment type' => fn($x) => [['attachments' => [['data' => 'x', 'name' => 'a.txt', 'type' => "text/plain{$x}X: y"]]], []],
    'attachment cid'  => fn($x) => [['attachments' => [['data' => 'x', 'name' => 'a.png', 'cid' => "logo{$x}X: y"]]], []],
    'envelope_from'   => fn($x) => [['envelope_from' => "a@example.test{$x}RCPT TO:<v@example.com>"], []],
    'transport helo'  => fn($x) => [[], ['helo' => "client{$x}MAIL FROM:<v@example.com>"]],
    'transport user'  => fn($x) => [[], ['username' => "u{$x}x", 'password' => 'p']],
    'transport host'  => fn($x) => [[], ['host' => "127.0.0.1{$x}"]],
];
$variants = ['CRLF' => "\r\n", 'LF' => "\n", 'CR' => "\r", 'NUL' => "\0"];
$n = 0;
foreach ($fields as $field => $make) {
    foreach ($variants as $vname => $x) {
        [$message, $transport] = $make($x);
        $n++;
        try {
            smtp_send(msg($message), $transport + $t);
            echo "$field / $vname: SENT\n";
        } catch (ValueError|TypeError $e) {
            echo "$field / $vname: ", get_class($e), ": ", str_replace("\0", '\0', $e->getMessage()), "\n";
        } catch (Throwable $e) {
            echo "$field / $vname: UNEXPECTED ", get_class($e), ": ", $e->getMessage(), "\n";
        }
    }
}
stream_set_blocking($srv, false);
echo "cases: $n\n";
echo "connections made: ", @stream_socket_accept($srv, 0) ? "yes" : "none", "\n";
?>
--EXPECT--
subject / CRLF: ValueError: smtp_send(): Argument #1 ($message) ["subject"] must not contain CR or LF
subject / LF: ValueError: smtp_send(): Argument #1 ($message) ["subject"] must not contain CR or LF
subject / CR: ValueError: smtp_send(): Argument #1 ($message) ["subject"] must not contain CR or LF
subject / NUL: ValueError: smtp_send(): Argument #1 ($message) ["subject"] must not contain NUL bytes
from / CRLF: ValueError: smtp_send(): Argument #1 ($message) ["from"] must not contain CR or LF
from / LF: ValueError: smtp_send(): Argument #1 ($message) ["from"] must not contain CR or LF
from / CR: ValueError: smtp_send(): Argument #1 ($message) ["from"] must not contain CR or LF
from / NUL: ValueError: smtp_send(): Argument #1 ($message) ["from"] must not contain NUL bytes
from name / CRLF: ValueError: smtp_send(): Argument #1 ($message) ["from"] must not contain CR or LF
from name / LF: ValueError: smtp_send(): Argument #1 ($message) ["from"] must not contain CR or LF
from name / CR: ValueError: smtp_send(): Argument #1 ($message) ["from"] must not contain CR or LF
from name / NUL: ValueError: smtp_send(): Argument #1 ($message) ["from"] must not contain control characters
from name <> / CRLF: ValueError: smtp_send(): Argument #1 ($message) ["from"] must not contain CR or LF
from name <> / LF: ValueError: smtp_send(): Argument #1 ($message) ["from"] must not contain CR or LF
from name <> / CR: ValueError: smtp_send(): Argument #1 ($message) ["from"] must not contain CR or LF
from name <> / NUL: ValueError: smtp_send(): Argument #1 ($message) ["from"] must not contain NUL bytes
to / CRLF: ValueError: smtp_send(): Argument #1 ($message) ["to"] must not contain CR or LF
to / LF: ValueError: smtp_send(): Argument #1 ($message) ["to"] must not contain CR or LF
to / CR: ValueError: smtp_send(): Argument #1 ($message) ["to"] must not contain CR or LF
to / NUL: ValueError: smtp_send(): Argument #1 ($message) ["to"] must not contain NUL bytes
to list / CRLF: ValueError: smtp_send(): Argument #1 ($message) ["to"][1] must not contain CR or LF
to list / LF: ValueError: smtp_send(): Argument #1 ($message) ["to"][1] must not contain CR or LF
to list / CR: ValueError: smtp_send(): Argument #1 ($message) ["to"][1] must not contain CR or LF
to list / NUL: ValueError: smtp_send(): Argument #1 ($message) ["to"][1] must not contain NUL bytes
cc / CRLF: ValueError: smtp_send(): Argument #1 ($message) ["cc"] must not contain CR or LF
cc / LF: ValueError: smtp_send(): Argument #1 ($message) ["cc"] must not contain CR or LF
cc / CR: ValueError: smtp_send(): Argument #1 ($message) ["cc"] must not contain CR or LF
cc / NUL: ValueError: smtp_send(): Argument #1 ($message) ["cc"] must not contain NUL bytes
bcc / CRLF: ValueError: smtp_send(): Argument #1 ($message) ["bcc"] must not contain CR or LF
bcc / LF: ValueError: smtp_send(): Argument #1 ($message) ["bcc"] must not contain CR or LF
bcc / CR: ValueError: smtp_send(): Argument #1 ($message) ["bcc"] must not contain CR or LF
bcc / NUL: ValueError: smtp_send(): Argument #1 ($message) ["bcc"] must not contain NUL bytes
reply_to / CRLF: ValueError: smtp_send(): Argument #1 ($message) ["reply_to"] must not contain CR or LF
reply_to / LF: ValueError: smtp_send(): Argument #1 ($message) ["reply_to"] must not contain CR or LF
reply_to / CR: ValueError: smtp_send(): Argument #1 ($message) ["reply_to"] must not contain CR or LF
reply_to / NUL: ValueError: smtp_send(): Argument #1 ($message) ["reply_to"] must not contain NUL bytes
sender / CRLF: ValueError: smtp_send(): Argument #1 ($message) ["sender"] must not contain CR or LF
sender / LF: ValueError: smtp_send(): Argument #1 ($message) ["sender"] must not contain CR or LF
sender / CR: ValueError: smtp_send(): Argument #1 ($message) ["sender"] must not contain CR or LF
sender / NUL: ValueError: smtp_send(): Argument #1 ($message) ["sender"] must not contain NUL bytes
header name / CRLF: ValueError: smtp_send(): Argument #1 ($message) ["headers"] name "X-A  Bcc" must not contain CR or LF
header name / LF: ValueError: smtp_send(): Argument #1 ($message) ["headers"] name "X-A Bcc" must not contain CR or LF
header name / CR: ValueError: smtp_send(): Argument #1 ($message) ["headers"] name "X-A Bcc" must not contain CR or LF
header name / NUL: ValueError: smtp_send(): Argument #1 ($message) ["headers"] name "X-A" must not contain NUL bytes
header value / CRLF: ValueError: smtp_send(): Argument #1 ($message) ["headers"]["X-Tag"] must not contain CR or LF
header value / LF: ValueError: smtp_send(): Argument #1 ($message) ["headers"]["X-Tag"] must not contain CR or LF
header value / CR: ValueError: smtp_send(): Argument #1 ($message) ["headers"]["X-Tag"] must not contain CR or LF
header value / NUL: ValueError: smtp_send(): Argument #1 ($message) ["headers"]["X-Tag"] must not contain NUL bytes
message-id / CRLF: ValueError: smtp_send(): Argument #1 ($message) ["headers"]["Message-ID"] must not contain CR or LF
message-id / LF: ValueError: smtp_send(): Argument #1 ($message) ["headers"]["Message-ID"] must not contain CR or LF
message-id / CR: ValueError: smtp_send(): Argument #1 ($message) ["headers"]["Message-ID"] must not contain CR or LF
message-id / NUL: ValueError: smtp_send(): Argument #1 ($message) ["headers"]["Message-ID"] must not contain NUL bytes
attachment name / CRLF: ValueError: smtp_send(): Argument #1 ($message) ["attachments"][0]["name"] must not contain CR or LF
attachment name / LF: ValueError: smtp_send(): Argument #1 ($message) ["attachments"][0]["name"] must not contain CR or LF
attachment name / CR: ValueError: smtp_send(): Argument #1 ($message) ["attachments"][0]["name"] must not contain CR or LF
attachment name / NUL: ValueError: smtp_send(): Argument #1 ($message) ["attachments"][0]["name"] must not contain NUL bytes
attachment type / CRLF: ValueError: smtp_send(): Argument #1 ($message) ["attachments"][0]["type"] must not contain CR or LF
attachment type / LF: ValueError: smtp_send(): Argument #1 ($message) ["attachments"][0]["type"] must not contain CR or LF
attachment type / CR: ValueError: smtp_send(): Argument #1 ($message) ["attachments"][0]["type"] must not contain CR or LF
attachment type / NUL: ValueError: smtp_send(): Argument #1 ($message) ["attachments"][0]["type"] must not contain NUL bytes
attachment cid / CRLF: ValueError: smtp_send(): Argument #1 ($message) ["attachments"][0]["cid"] must not contain CR or LF
attachment cid / LF: ValueError: smtp_send(): Argument #1 ($message) ["attachments"][0]["cid"] must not contain CR or LF
attachment cid / CR: ValueError: smtp_send(): Argument #1 ($message) ["attachments"][0]["cid"] must not contain CR or LF
attachment cid / NUL: ValueError: smtp_send(): Argument #1 ($message) ["attachments"][0]["cid"] must not contain NUL bytes
envelope_from / CRLF: ValueError: smtp_send(): Argument #1 ($message) ["envelope_from"] must not contain CR or LF
envelope_from / LF: ValueError: smtp_send(): Argument #1 ($message) ["envelope_from"] must not contain CR or LF
envelope_from / CR: ValueError: smtp_send(): Argument #1 ($message) ["envelope_from"] must not contain CR or LF
envelope_from / NUL: ValueError: smtp_send(): Argument #1 ($message) ["envelope_from"] must not contain NUL bytes
transport helo / CRLF: ValueError: smtp_send(): Argument #2 ($transport) ["helo"] must not contain CR, LF or NUL
transport helo / LF: ValueError: smtp_send(): Argument #2 ($transport) ["helo"] must not contain CR, LF or NUL
transport helo / CR: ValueError: smtp_send(): Argument #2 ($transport) ["helo"] must not contain CR, LF or NUL
transport helo / NUL: ValueError: smtp_send(): Argument #2 ($transport) ["helo"] must not contain CR, LF or NUL
transport user / CRLF: ValueError: smtp_send(): Argument #2 ($transport) ["username"] must not contain CR, LF or NUL
transport user / LF: ValueError: smtp_send(): Argument #2 ($transport) ["username"] must not contain CR, LF or NUL
transport user / CR: ValueError: smtp_send(): Argument #2 ($transport) ["username"] must not contain CR, LF or NUL
transport user / NUL: ValueError: smtp_send(): Argument #2 ($transport) ["username"] must not contain CR, LF or NUL
transport host / CRLF: ValueError: smtp_send(): Argument #2 ($transport) ["host"] must not contain CR, LF or NUL
transport host / LF: ValueError: smtp_send(): Argument #2 ($transport) ["host"] must not contain CR, LF or NUL
transport host / CR: ValueError: smtp_send(): Argument #2 ($transport) ["host"] must not contain CR, LF or NUL
transport host / NUL: ValueError: smtp_send(): Argument #2 ($transport) ["host"] must not contain CR, LF or NUL
cases: 80
connections made: none
