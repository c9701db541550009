--TEST--
Smtp\Client: when the kept connection fails after the server accepted part of the next message (250 to MAIL or a RCPT), or after its whole data left unanswered, the error stands, nothing is sent again (it could arrive twice); a second try that fails too is not tried a third time
--EXTENSIONS--
smtp
--FILE--
<?php
require __DIR__ . '/../helper.inc';
/* one message on the kept connection, then the fault (tests/servers/fault_server.py kept);
   the server's later connections would accept the message, so a retry would not fail */
function second_fails(string $fault, array $args = []): void
{
    [$port] = fault_server('kept', array_merge([$fault], $args));
    $c = new Smtp\Client(fault_transport($port, ['transcript' => true]));
    echo $fault, $args ? ' (' . implode(', ', $args) . ')' : '', ': ', $c->send(msg())['response'], "\n";
    $e = expect_failure(fn() => $c->send(msg(['to' => ['bob@example.test', 'carol@example.test']])));
    echo '  ', implode("\n  ", preg_grep('/^(\*|!)/', $e ? $e->getTranscript() : [])), "\n";
}
second_fails('rcpt_421');
second_fails('rcpt_drop');
second_fails('unseen', ['chunking']);
second_fails('rset_421', ['refuse']);
?>
--EXPECTF--
rcpt_421: 250 2.0.0 queued as FIRST
Smtp\Exception: RCPT TO rejected by 127.0.0.1:%d: 421 4.4.2 fault.example Error: timeout exceeded
code=421 enhanced='4.4.2' temporary=true unknown=false
in time
  !: RCPT TO rejected by 127.0.0.1:%d: 421 4.4.2 fault.example Error: timeout exceeded
rcpt_drop: 250 2.0.0 queued as FIRST
Smtp\Exception: RCPT TO: Connection to 127.0.0.1:%d lost while waiting for the reply: %s
code=0 enhanced=NULL temporary=true unknown=false
in time
  !: RCPT TO: Connection to 127.0.0.1:%d lost while waiting for the reply: %s
unseen (chunking): 250 2.0.0 queued as FIRST
Smtp\Exception: Outcome unknown: the whole message was sent to 127.0.0.1:%d but the connection was lost before the server's reply, so it may or may not have been accepted; do not resend blindly (RSET: Connection to 127.0.0.1:%d lost while waiting for the reply: %s)
code=0 enhanced=NULL temporary=true unknown=true
in time
  !: Outcome unknown: the whole message was sent to 127.0.0.1:%d but the connection was lost before the server's reply, so it may or may not have been accepted; do not resend blindly (RSET: Connection to 127.0.0.1:%d lost while waiting for the reply: %s)
rset_421 (refuse): 250 2.0.0 queued as FIRST
Smtp\Exception: Greeting rejected by 127.0.0.1:%d: 421 4.3.2 fault.example Service not available
code=421 enhanced='4.3.2' temporary=true unknown=false
in time
  !: RSET rejected by 127.0.0.1:%d: 421 4.4.2 fault.example Error: timeout exceeded
  *: the kept connection closed before the server accepted any of the message; sending it once more on a new connection
  *: connecting to 127.0.0.1:%d (none)
  !: Greeting rejected by 127.0.0.1:%d: 421 4.3.2 fault.example Service not available
