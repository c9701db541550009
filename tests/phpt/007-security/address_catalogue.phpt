--TEST--
Security catalogue 2: addresses with quotes, comments, groups, IDN and UTF-8 local parts are delivered as given or refused with the reason
--EXTENSIONS--
smtp
--FILE--
<?php
require __DIR__ . '/../helper.inc';
$cases = [
    'plain'                => 'alice@example.test',
    'display name'         => 'Alice Example <alice@example.test>',
    'angle only'           => '<alice@example.test>',
    'quoted name, comma'   => '"Doe, John" <john@example.test>',
    'quoted name, quote'   => '"Ann \"The Boss\" Lee" <ann@example.test>',
    'UTF-8 display name'   => 'Jörg Müller <joerg@example.test>',
    'encoded-word lookalike' => '=?UTF-8?B?QWRtaW4=?= <fake@example.test>',
    'IDN A-label domain'   => 'user@xn--mller-kva.example.test',
    'UTF-8 local part'     => 'jörg@example.test',
    'UTF-8 domain'         => 'user@müller.example.test',
    'quoted local part'    => '"john doe"@example.test',
    'address literal'      => 'postmaster@[127.0.0.1]',
    'comment'              => 'alice@example.test (Alice)',
    'comment in name'      => 'Alice (boss) <alice@example.test>',
    'group'                => 'Team: a@example.test, b@example.test;',
    'two addresses'        => 'a@example.test, b@example.test',
    'two angle addresses'  => 'A <a@example.test> <b@example.test>',
    'trailing text'        => 'Alice <alice@example.test> x',
    'unclosed angle'       => 'Alice <alice@example.test',
    'no at'                => 'alice',
    'no local part'        => '@example.test',
    'no domain'            => 'alice@',
    'two ats'              => 'a@b@example.test',
    'space in domain'      => 'alice@exa mple.test',
    'double dot'           => 'a..b@example.test',
    'leading dot'          => '.a@example.test',
    'unquoted quote'       => 'a"b@example.test',
    'local part of 65'     => str_repeat('a', 65) . '@example.test',
    'address of 255'       => 'a@' . str_repeat('b', 240) . '.example.test',
    'invalid UTF-8'        => "j\xC3\x28rg@example.test",
];
$accepted = [];
foreach ($cases as $label => $to) {
    try {
        $r = smtp_send(msg(['to' => $to, 'subject' => "address case: $label"]), relay_transport(['transcript' => true]));
        $rcpt = preg_grep('/^C: RCPT TO:/', $r['transcript']);
        $accepted[$label] = $r['message_id'];
        echo "$label: sent, ", substr(reset($rcpt), 3), "\n";
    } catch (ValueError $e) {
        echo "$label: ValueError: ", $e->getMessage(), "\n";
    } catch (Smtp\Exception $e) {
        echo "$label: Smtp\\Exception: ", $e->getMessage(), "\n";
    }
}
echo "-- what arrived (To header as parsed by Python's email package)\n";
unset($accepted['address literal']);   /* accepted by Postfix, then routed off to 127.0.0.1: never lands here */
foreach ($accepted as $label => $id) {
    [$m] = delivered($id);
    echo "$label: ", $m['headers']['to'][0], "\n";
}
echo "cases: ", count($cases), "\n";
?>
--EXPECTF--
plain: sent, RCPT TO:<alice@example.test>
display name: sent, RCPT TO:<alice@example.test>
angle only: sent, RCPT TO:<alice@example.test>
quoted name, comma: sent, RCPT TO:<john@example.test>
quoted name, quote: sent, RCPT TO:<ann@example.test>
UTF-8 display name: sent, RCPT TO:<joerg@example.test>
encoded-word lookalike: sent, RCPT TO:<fake@example.test>
IDN A-label domain: sent, RCPT TO:<user@xn--mller-kva.example.test>
UTF-8 local part: sent, RCPT TO:<jörg@example.test>
UTF-8 domain: sent, RCPT TO:<user@müller.example.test>
quoted local part: sent, RCPT TO:<"john doe"@example.test>
address literal: sent, RCPT TO:<postmaster@[127.0.0.1]>
comment: ValueError: smtp_send(): Argument #1 ($message) ["to"] is not a single address (spaces, commas or comments outside angle brackets); use "Name <user@example.com>"
comment in name: sent, RCPT TO:<alice@example.test>
group: ValueError: smtp_send(): Argument #1 ($message) ["to"] is not a single address (spaces, commas or comments outside angle brackets); use "Name <user@example.com>"
two addresses: ValueError: smtp_send(): Argument #1 ($message) ["to"] is not a single address (spaces, commas or comments outside angle brackets); use "Name <user@example.com>"
two angle addresses: ValueError: smtp_send(): Argument #1 ($message) ["to"] has a display name with stray quotes or angle brackets
trailing text: ValueError: smtp_send(): Argument #1 ($message) ["to"] has unbalanced angle brackets
unclosed angle: ValueError: smtp_send(): Argument #1 ($message) ["to"] has unbalanced angle brackets
no at: ValueError: smtp_send(): Argument #1 ($message) ["to"] has no '@'
no local part: ValueError: smtp_send(): Argument #1 ($message) ["to"] has an empty local part
no domain: ValueError: smtp_send(): Argument #1 ($message) ["to"] has an empty domain
two ats: ValueError: smtp_send(): Argument #1 ($message) ["to"] contains '@', which needs quoting in a local part
space in domain: ValueError: smtp_send(): Argument #1 ($message) ["to"] is not a single address (spaces, commas or comments outside angle brackets); use "Name <user@example.com>"
double dot: ValueError: smtp_send(): Argument #1 ($message) ["to"] has two dots in a row
leading dot: ValueError: smtp_send(): Argument #1 ($message) ["to"] has a local part that starts or ends with a dot
unquoted quote: ValueError: smtp_send(): Argument #1 ($message) ["to"] contains '"', which needs quoting in a local part
local part of 65: ValueError: smtp_send(): Argument #1 ($message) ["to"] has a local part longer than 64 characters (RFC 5321 4.5.3.1.1)
address of 255: ValueError: smtp_send(): Argument #1 ($message) ["to"] is longer than 254 characters
invalid UTF-8: ValueError: smtp_send(): Argument #1 ($message) ["to"] is not valid UTF-8
-- what arrived (To header as parsed by Python's email package)
plain: alice@example.test
display name: Alice Example <alice@example.test>
angle only: alice@example.test
quoted name, comma: "Doe, John" <john@example.test>
quoted name, quote: "Ann \"The Boss\" Lee" <ann@example.test>
UTF-8 display name: Jörg Müller <joerg@example.test>
encoded-word lookalike: =?UTF-8?B?QWRtaW4=?= <fake@example.test>
IDN A-label domain: user@xn--mller-kva.example.test
UTF-8 local part: jörg@example.test
UTF-8 domain: user@müller.example.test
quoted local part: "john doe"@example.test
comment in name: "Alice (boss)" <alice@example.test>
cases: 30
