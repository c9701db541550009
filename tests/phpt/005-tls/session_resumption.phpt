--TEST--
One-shot sends in one process resume the TLS session (at least every other connection: see the note in tls.c)
--EXTENSIONS--
smtp
--FILE--
<?php
require __DIR__ . '/../helper.inc';
$resumed = 0;
for ($i = 0; $i < 4; $i++) {
    $r = smtp_send(msg(['subject' => "resume $i"]), submission_transport(['transcript' => true]));
    $resumed += count(preg_grep('/session resumed/', $r['transcript']));
}
echo $resumed >= 2 ? "resumed\n" : "resumed only $resumed times\n";
?>
--EXPECT--
resumed
