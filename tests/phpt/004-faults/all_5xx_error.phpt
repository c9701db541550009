--TEST--
Every RCPT refused (5xx): nothing sent, permanent error listing each refusal; also when DATA still gets 354
--EXTENSIONS--
smtp
--FILE--
<?php
require __DIR__ . '/../helper.inc';
foreach (['all_5xx', 'all_5xx_354'] as $scenario) {
    [$port] = fault_server($scenario);
    $e = expect_failure(fn() => smtp_send(msg(['to' => ['a@example.test', 'b@example.test']]), fault_transport($port, ['transcript' => true])));
    echo count(preg_grep('/<message data/', $e->getTranscript())), " data sent\n";
}
?>
--EXPECTF--
Smtp\Exception: RCPT TO rejected by 127.0.0.1:%d for every recipient: <a@example.test>: 550 5.1.1 <user>: Recipient address rejected: User unknown; <b@example.test>: 550 5.1.1 <user>: Recipient address rejected: User unknown
code=550 enhanced='5.1.1' temporary=false unknown=false
in time
0 data sent
Smtp\Exception: RCPT TO rejected by 127.0.0.1:%d for every recipient: <a@example.test>: 550 5.1.1 User unknown; <b@example.test>: 550 5.1.1 User unknown
code=550 enhanced='5.1.1' temporary=false unknown=false
in time
0 data sent
