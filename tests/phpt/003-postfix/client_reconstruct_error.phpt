--TEST--
Smtp\Client::__construct() called again on a constructed client throws an Error and changes nothing (it used to keep the old connection and login under the new transport)
--EXTENSIONS--
smtp
--FILE--
<?php
require __DIR__ . '/../helper.inc';
$c = new Smtp\Client(submission_transport(['transcript' => true]));
$c->send(msg(['subject' => 'first']));
try {
    $c->__construct(relay_transport(['transcript' => true]));
    echo "no exception\n";
} catch (Error $e) {
    echo get_class($e), ': ', $e->getMessage(), "\n";
}
$r = $c->send(msg(['subject' => 'second']));
/* still the submission server and its login: the same connection, RSET then MAIL */
echo implode("\n", preg_grep('/^C: (EHLO|AUTH|RSET|MAIL)/', $r['transcript'])), "\n";
$c->close();
?>
--EXPECTF--
Error: Smtp\Client is already constructed: make a new Smtp\Client for another transport
C: RSET
C: MAIL FROM:<alice@example.test> SIZE=%d
