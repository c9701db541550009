--TEST--
php-smtp-sendmail: the body exactly (a lone dot with and without -i, dot lines, mixed LF/CRLF/CR, 8-bit), Date/Message-ID/From added only when missing, a message with no header at all
--SKIPIF--
<?php require __DIR__ . '/../sendmail.inc'; skip_under_valgrind(); ?>
--FILE--
<?php
require __DIR__ . '/../sendmail.inc';
$conf = sm_config();
$body = "first\n.\n..two dots\n.three\r\ncrlf line\r\nbare cr\rafter cr\nUmlaut: \xc3\xbc\n\nlast line without end";
$wire = "first\n.\n..two dots\n.three\ncrlf line\nbare cr\nafter cr\nUmlaut: \xc3\xbc\n\nlast line without end\n";
foreach ([[], ['-i'], ['-oi']] as $opts) {
    $subject = 'body ' . bin2hex(random_bytes(4));
    [$rc, , $err] = sm_run(array_merge(['-C', $conf], $opts, ['-t']), "To: bob@example.test\r\nSubject: $subject\n\n$body");
    [$m] = delivered_by_subject($subject);
    echo json_encode($opts), ": exit $rc $err, body ", body_of($m) === $wire ? "exact" : "DIFFERS: " . json_encode(body_of($m)), "\n";
    echo "  added: ", implode(',', own_headers($m)), "\n";
}

echo "-- Date, Message-ID and From given: none added, none doubled\n";
$id = sm_id('given');
$given = "Date: Mon, 2 Jan 2023 03:04:05 +0100\nmessage-id: $id\nfrom: Zoe <zoe@example.test>\nTo: bob@example.test\nSubject: given\n\nx\n";
[$rc] = sm_run(['-C', $conf, '-t'], $given);
[$m] = delivered($id);
echo "exit $rc: ", implode(',', own_headers($m)), "; Date ", $m['headers']['date'][0], "; Return-Path ", $m['headers']['return-path'][0], "\n";

echo "-- folded header lines stay one field; a folded To is read by -t\n";
$id = sm_id('fold');
[$rc] = sm_run(['-C', $conf, '-t'], "To: bob@example.test,\n carol@example.test\nSubject: folded\n\tsubject\nMessage-ID: $id\n\nx\n");
$copies = delivered($id, 2);
echo "exit $rc: ", count($copies), " copies, Subject '", $copies[0]['headers']['subject'][0], "'\n";

echo "-- no header at all: the whole input is body, the command adds the three\n";
$rc = sm_run(['-C', $conf, 'bob@example.test'], "just a body line: no header\nsecond\n")[0];
$found = null;
/* Postfix delivers after the command exits: wait for the file as delivered_by_subject() does */
for ($until = microtime(true) + 15; !$found && microtime(true) < $until; usleep(100000)) {
    foreach (glob(stack('MAILDIR') . '/inbox/new/*') as $f) {
        if (str_contains((string)@file_get_contents($f), "just a body line: no header\nsecond\n")) $found = parse_mail($f);
    }
}
echo "exit $rc: ", $found ? implode(',', own_headers($found)) . ' / ' . json_encode(body_of($found)) : 'not delivered', "\n";
?>
--EXPECT--
[]: exit 0 , body exact
  added: to,subject,date,message-id,from
["-i"]: exit 0 , body exact
  added: to,subject,date,message-id,from
["-oi"]: exit 0 , body exact
  added: to,subject,date,message-id,from
-- Date, Message-ID and From given: none added, none doubled
exit 0: date,message-id,from,to,subject; Date Mon, 02 Jan 2023 03:04:05 +0100; Return-Path <alice@example.test>
-- folded header lines stay one field; a folded To is read by -t
exit 0: 2 copies, Subject 'folded	subject'
-- no header at all: the whole input is body, the command adds the three
exit 0: date,message-id,from / "just a body line: no header\nsecond\n"
