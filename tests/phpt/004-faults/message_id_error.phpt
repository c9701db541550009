--TEST--
Smtp\Exception::getMessageId(): the Message-ID of the message a failure is about (outcome unknown: the one the server received), the raw message's own, null when no message was built
--EXTENSIONS--
smtp
--FILE--
<?php
require __DIR__ . '/../helper.inc';
function received(string $file): string
{
    for ($i = 0; $i < 50 && !is_file($file); $i++) usleep(100000);
    $got = parse_mail($file);
    unlink($file);
    return $got['headers']['message-id'][0] ?? 'NONE';
}
function id_of(callable $fn): ?string
{
    try {
        $fn();
        echo "no exception\n";
    } catch (Smtp\Exception $e) {
        return $e->getMessageId();
    }
    return 'SENT';
}
$file = sys_get_temp_dir() . '/php-smtp-msgid-' . getmypid() . '.eml';

echo "-- outcome unknown (closed after the final dot), smtp_send()\n";
[$port] = fault_server('drop_after_dot', [$file]);
try {
    smtp_send(msg(), fault_transport($port));
} catch (Smtp\Exception $e) {
    $got = received($file);
    printf("unknown=%s id=%s equals the received Message-ID: %s\n", var_export($e->isOutcomeUnknown(), true),
           preg_match('/^<[0-9a-f]{32}@example\.test>$/', (string)$e->getMessageId()) ? 'generated' : var_export($e->getMessageId(), true),
           $e->getMessageId() === $got ? 'yes' : "NO ($got)");
}

echo "-- outcome unknown, Smtp\\Client::send(), a raw message with its own Message-ID\n";
$client = new Smtp\Client(fault_transport($port));
$raw = "From: alice@example.test\r\nTo: bob@example.test\r\nMessage-ID: <raw-1@example.test>\r\nSubject: raw\r\n\r\nbody\r\n";
try {
    $client->send(['from' => 'alice@example.test', 'to' => 'bob@example.test', 'raw' => $raw]);
} catch (Smtp\Exception $e) {
    $got = received($file);
    printf("unknown=%s id=%s received=%s\n", var_export($e->isOutcomeUnknown(), true), var_export($e->getMessageId(), true), $got);
}

echo "-- every recipient refused\n";
[$port] = fault_server('all_5xx');
$generated = id_of(fn() => smtp_send(msg(), fault_transport($port)));
echo preg_match('/^<[0-9a-f]{32}@example\.test>$/', (string)$generated) ? "generated <32 hex digits@example.test>\n" : "NOT GENERATED: $generated\n";
echo "each send its own: ", $generated !== id_of(fn() => smtp_send(msg(), fault_transport($port))) ? 'yes' : 'NO', "\n";
var_dump(id_of(fn() => smtp_send(msg(['headers' => ['Message-ID' => '<given-2@example.test>']]), fault_transport($port))));
var_dump(id_of(fn() => smtp_send(['from' => 'alice@example.test', 'to' => 'bob@example.test',
                                  'raw' => "From: alice@example.test\r\nSubject: no id\r\n\r\nbody\r\n"], fault_transport($port))));

echo "-- connection refused: the message was built before connecting, so its ID is known\n";
$closed = stream_socket_server('tcp://127.0.0.1:0');
$down = (int)substr(strrchr(stream_socket_get_name($closed, false), ':'), 1);
fclose($closed);
var_dump(id_of(fn() => smtp_send(msg(['headers' => ['Message-ID' => '<given-3@example.test>']]), fault_transport($down))));

echo "-- no message built: an argument error of a token store, a bad message, an exception made by hand\n";
$dir = sys_get_temp_dir() . '/php-smtp-msgid-store-' . getmypid();
$store = new Smtp\TokenStore("$dir/tokens", str_repeat('k', 32));
var_dump(id_of(fn() => $store->accessToken('nobody@example.test')));
@unlink("$dir/tokens"); @rmdir($dir);
try {
    smtp_send(msg(['to' => 'not an address']), fault_transport($port));
} catch (ValueError $e) {
    echo get_class($e), ": before any message\n";
}
var_dump((new Smtp\Exception('made by hand'))->getMessageId());
?>
--EXPECT--
-- outcome unknown (closed after the final dot), smtp_send()
unknown=true id=generated equals the received Message-ID: yes
-- outcome unknown, Smtp\Client::send(), a raw message with its own Message-ID
unknown=true id='<raw-1@example.test>' received=<raw-1@example.test>
-- every recipient refused
generated <32 hex digits@example.test>
each send its own: yes
string(22) "<given-2@example.test>"
NULL
-- connection refused: the message was built before connecting, so its ID is known
string(22) "<given-3@example.test>"
-- no message built: an argument error of a token store, a bad message, an exception made by hand
NULL
ValueError: before any message
NULL
