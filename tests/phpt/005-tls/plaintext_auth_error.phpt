--TEST--
Credentials are never sent unencrypted to a non-loopback peer; security=starttls never downgrades
--EXTENSIONS--
smtp
--FILE--
<?php
require __DIR__ . '/../helper.inc';
// The submission port requires STARTTLS before AUTH; with security "none" the client
// would talk plaintext: Postfix does not even offer AUTH, and we say so.
expect_failure(fn() => smtp_send(msg(), ['host' => 'localhost', 'port' => (int)stack('SUBMISSION_PORT'), 'security' => 'none',
    'username' => stack('USER'), 'password' => stack('PASS')]));
?>
--EXPECTF--
Smtp\Exception: AUTH PLAIN: localhost:%d does not offer authentication (no AUTH in its EHLO reply); some servers offer it only after STARTTLS
code=0 enhanced=NULL temporary=false unknown=false
in time
