--TEST--
Header names, MIME types and Content-IDs that would not fit a 998-character line (RFC 5322 2.1.1) are a ValueError naming the key, nothing sent; a non-ASCII Message-ID too
--EXTENSIONS--
smtp
--FILE--
<?php
require __DIR__ . '/../helper.inc';
[$port] = fault_server('no_auth');
$long = fn(int $n) => str_repeat('a', $n);
$cases = [
    'name of 96' => ['headers' => ['X-' . $long(94) => 'v']],
    'name of 97' => ['headers' => ['X-' . $long(95) => 'v']],
    'name of 2000 + long word' => ['headers' => ['X-' . $long(1998) => $long(900)]],
    'type of 255' => ['attachments' => [['data' => 'x', 'name' => 'a.bin', 'type' => 'application/' . $long(243)]]],
    'type of 2000' => ['attachments' => [['data' => 'x', 'name' => 'a.bin', 'type' => 'application/' . $long(1988)]]],
    'cid of 250' => ['html' => '<img src="cid:x">', 'attachments' => [['data' => 'x', 'name' => 'a.png', 'cid' => $long(250)]]],
    'cid of 2000' => ['html' => '<img src="cid:x">', 'attachments' => [['data' => 'x', 'name' => 'a.png', 'cid' => $long(2000)]]],
    'Message-ID in UTF-8' => ['headers' => ['Message-ID' => '<idé@example.test>']],
];
foreach ($cases as $label => $extra) {
    try {
        $r = smtp_send(msg($extra), fault_transport($port, ['transcript' => true]));
        echo "$label: sent\n";
    } catch (Throwable $e) {
        echo "$label: ", get_class($e), ': ', preg_replace('/a{20,}/', 'a...', $e->getMessage()), "\n";
    }
}
?>
--EXPECT--
name of 96: sent
name of 97: ValueError: smtp_send(): Argument #1 ($message) ["headers"] name "X-a..." must be at most 96 characters (RFC 5322 2.1.1: lines of 998)
name of 2000 + long word: ValueError: smtp_send(): Argument #1 ($message) ["headers"] name "X-a..." must be at most 96 characters (RFC 5322 2.1.1: lines of 998)
type of 255: sent
type of 2000: ValueError: smtp_send(): Argument #1 ($message) ["attachments"][0]["type"] must be at most 255 characters (RFC 6838 4.2)
cid of 250: sent
cid of 2000: ValueError: smtp_send(): Argument #1 ($message) ["attachments"][0]["cid"] must be at most 250 characters
Message-ID in UTF-8: ValueError: smtp_send(): Argument #1 ($message) ["headers"]["Message-ID"] must look like "<id@domain>"
