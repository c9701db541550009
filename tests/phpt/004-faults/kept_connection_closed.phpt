--TEST--
Smtp\Client: the server closed the kept connection (idle close, seen or not; 421 to the next RSET or MAIL) before accepting any of the next message: it goes once more on a fresh connection, with a fresh send's result, and the transcript says so
--EXTENSIONS--
smtp
--FILE--
<?php
require __DIR__ . '/../helper.inc';
/* one message on the kept connection, then the fault (tests/servers/fault_server.py kept) */
function second_after(string $fault, array $args = []): void
{
    [$port] = fault_server('kept', array_merge([$fault], $args));
    $c = new Smtp\Client(fault_transport($port, ['transcript' => true]));
    $first = $c->send(msg());
    if ($fault === 'close') usleep(1000000);   /* the server closes 0.3 s after its reply */
    $r = $c->send(msg(['to' => ['bob@example.test', 'carol@example.test']]));
    printf("%s%s: %s, then %s; accepted %s; rejected %d\n", $fault, $args ? ' (' . implode(', ', $args) . ')' : '',
           $first['response'], $r['response'], implode(' ', $r['accepted']), count($r['rejected']));
    echo '  ', implode("\n  ", preg_grep('/^(\*|!|S: 421)/', $r['transcript'])), "\n";
}
second_after('close');
second_after('close', ['chunking']);
second_after('unseen');
second_after('rset_421');
second_after('rset_421', ['chunking']);
second_after('mail_421');
?>
--EXPECTF--
close: 250 2.0.0 queued as FIRST, then 250 2.0.0 queued as SECOND; accepted bob@example.test carol@example.test; rejected 0
  *: the server closed the idle connection; reconnecting
  *: connecting to 127.0.0.1:%d (none)
close (chunking): 250 2.0.0 queued as FIRST, then 250 2.0.0 queued as SECOND; accepted bob@example.test carol@example.test; rejected 0
  *: the server closed the idle connection; reconnecting
  *: connecting to 127.0.0.1:%d (none)
unseen: 250 2.0.0 queued as FIRST, then 250 2.0.0 queued as SECOND; accepted bob@example.test carol@example.test; rejected 0
  !: RSET: Connection to 127.0.0.1:%d lost while waiting for the reply: %s
  *: the kept connection closed before the server accepted any of the message; sending it once more on a new connection
  *: connecting to 127.0.0.1:%d (none)
rset_421: 250 2.0.0 queued as FIRST, then 250 2.0.0 queued as SECOND; accepted bob@example.test carol@example.test; rejected 0
  S: 421 4.4.2 fault.example Error: timeout exceeded
  !: RSET rejected by 127.0.0.1:%d: 421 4.4.2 fault.example Error: timeout exceeded
  *: the kept connection closed before the server accepted any of the message; sending it once more on a new connection
  *: connecting to 127.0.0.1:%d (none)
rset_421 (chunking): 250 2.0.0 queued as FIRST, then 250 2.0.0 queued as SECOND; accepted bob@example.test carol@example.test; rejected 0
  S: 421 4.4.2 fault.example Error: timeout exceeded
  !: RSET rejected by 127.0.0.1:%d: 421 4.4.2 fault.example Error: timeout exceeded
  *: the kept connection closed before the server accepted any of the message; sending it once more on a new connection
  *: connecting to 127.0.0.1:%d (none)
mail_421: 250 2.0.0 queued as FIRST, then 250 2.0.0 queued as SECOND; accepted bob@example.test carol@example.test; rejected 0
  S: 421 4.7.0 fault.example Error: too many connections
  !: MAIL FROM rejected by 127.0.0.1:%d: 421 4.7.0 fault.example Error: too many connections
  *: the kept connection closed before the server accepted any of the message; sending it once more on a new connection
  *: connecting to 127.0.0.1:%d (none)
