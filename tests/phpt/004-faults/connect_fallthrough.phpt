--TEST--
A name with two addresses, the first silent (SYNs dropped): the second is tried within the timeout and the message is sent; when none answers the error says which address failed how
--EXTENSIONS--
smtp
--SKIPIF--
<?php
if (trim((string)shell_exec('unshare -m true 2>&1 && echo ok')) !== 'ok') die('skip needs unshare -m (root) for a private /etc/hosts');
?>
--FILE--
<?php
require __DIR__ . '/../helper.inc';
/* dual.smtp.test resolves to ::1 first, then 127.0.0.1, through a hosts file
 * bind-mounted over /etc/hosts in a private mount namespace (nothing outside it
 * sees the name). [::1]:port black-holes: a listener whose accept queue is full
 * drops every SYN. */
[$port] = fault_server('no_auth');
$silent = function (string $addr, int $port) {
    $srv = stream_socket_server("tcp://$addr:$port", $errno, $errstr, STREAM_SERVER_BIND | STREAM_SERVER_LISTEN,
                                stream_context_create(['socket' => ['backlog' => 0]]));
    if (!$srv) throw new RuntimeException("cannot listen on $addr:$port: $errstr");
    $filler = stream_socket_client("tcp://$addr:$port", $errno, $errstr, 2);
    return [$srv, $filler];
};
$bh6 = $silent('[::1]', $port);
$hosts = tempnam(sys_get_temp_dir(), 'hosts');
file_put_contents($hosts, "::1 dual.smtp.test\n127.0.0.1 dual.smtp.test\n");
$child = <<<'PHP'
$t = microtime(true);
try {
    $r = smtp_send(['from' => 'a@example.test', 'to' => 'b@example.test', 'subject' => 's', 'text' => 'x'],
                   ['host' => 'dual.smtp.test', 'port' => (int)$argv[1], 'security' => 'none', 'timeout' => (int)$argv[2]]);
    echo $r['response'], "\n";
} catch (Smtp\Exception $e) {
    echo $e->getMessage(), "\n";
}
printf("within the timeout: %s\n", var_export(microtime(true) - $t < (int)$argv[2] + 0.5, true));
PHP;
$run = function (int $port, int $timeout) use ($hosts, $child) {
    $php = implode(' ', array_map('escapeshellarg', [PHP_BINARY, '-n', '-d', 'extension=' . ini_get('extension_dir') . '/smtp.so',
                                                     '-r', $child, (string)$port, (string)$timeout]));
    return shell_exec('unshare -m sh -c ' . escapeshellarg('mount --bind ' . escapeshellarg($hosts) . ' /etc/hosts && exec ' . $php) . ' 2>&1');
};
echo "-- [::1] silent, 127.0.0.1 serves\n", $run($port, 4);
echo "-- [::1] silent, 127.0.0.1 refuses\n";
$s = stream_socket_server('tcp://127.0.0.1:0');
$free = (int)substr(strrchr(stream_socket_get_name($s, false), ':'), 1);
fclose($s);
$bh6b = $silent('[::1]', $free);
echo $run($free, 2);
echo "-- both silent\n";
$bh4 = $silent("127.0.0.1", $free);
echo $run($free, 2);
unlink($hosts);
?>
--EXPECTF--
-- [::1] silent, 127.0.0.1 serves
250 2.0.0 queued
within the timeout: true
-- [::1] silent, 127.0.0.1 refuses
Could not connect to dual.smtp.test:%d on any address ([::1]: no answer within %s s; 127.0.0.1: Connection refused)
within the timeout: true
-- both silent
Connection to dual.smtp.test:%d timed out after 2 s ([::1]: no answer within %s s; 127.0.0.1: no answer within %s s): the port is probably blocked by a firewall or your hosting provider
within the timeout: true
