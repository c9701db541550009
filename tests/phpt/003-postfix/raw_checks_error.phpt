--TEST--
raw: a line over 998 characters or a NUL byte is a ValueError naming "raw", nothing sent; the result's message_id is the raw message's own Message-ID ("" when it has none)
--EXTENSIONS--
smtp
--FILE--
<?php
require __DIR__ . '/../helper.inc';
$id = '<raw-' . bin2hex(random_bytes(6)) . '@example.test>';
$head = "From: alice@example.test\nTo: bob@example.test\nSubject: raw checks\n";
$cases = [
    'line of 999' => $head . "Message-ID: $id\n\n" . str_repeat('x', 999) . "\n",
    'line of 999, CR endings' => $head . "\r" . str_repeat('x', 999),
    'NUL' => $head . "\nbody\0more\n",
    'line of 998' => $head . "Message-ID: $id\n\n" . str_repeat('x', 998) . "\nend\n",
    'no Message-ID' => $head . "\nbody\n",
];
foreach ($cases as $label => $raw) {
    try {
        $r = smtp_send(['from' => 'alice@example.test', 'to' => 'bob@example.test', 'raw' => $raw], relay_transport());
        echo "$label: sent, message_id ", var_export($r['message_id'], true) === var_export($id, true) ? 'is the raw Message-ID' : var_export($r['message_id'], true), "\n";
    } catch (Throwable $e) {
        echo "$label: ", get_class($e), ': ', $e->getMessage(), "\n";
    }
}
[$m] = delivered($id);
echo 'arrived: ', strlen(explode("\n", $m['parts'][0]['text'])[0]), " characters on the long line\n";
?>
--EXPECT--
line of 999: ValueError: smtp_send(): Argument #1 ($message) ["raw"] has a line longer than 998 characters (line 6; RFC 5322 2.1.1)
line of 999, CR endings: ValueError: smtp_send(): Argument #1 ($message) ["raw"] has a line longer than 998 characters (line 5; RFC 5322 2.1.1)
NUL: ValueError: smtp_send(): Argument #1 ($message) ["raw"] must not contain NUL bytes (RFC 5322 2.3)
line of 998: sent, message_id is the raw Message-ID
no Message-ID: sent, message_id ''
arrived: 998 characters on the long line
