--TEST--
php.ini smtp.helo (and the other one-line directives) refuse CR, LF and NUL with a warning naming the directive: no EHLO line injection
--EXTENSIONS--
smtp
--FILE--
<?php
require __DIR__ . '/../helper.inc';
[$port] = fault_server('no_auth');
ini_set('smtp.helo', 'client.example.test');
foreach (['smtp.helo' => "evil.example\r\nRSET", 'smtp.host' => "localhost\nx", 'smtp.username' => "u\r\n",
          'smtp.password' => "p\0w", 'smtp.cafile' => "/tmp/a\nb", 'smtp.capath' => "\r"] as $name => $value) {
    $old = ini_get($name);
    $rc = ini_set($name, $value);
    echo "$name: ini_set returned ", var_export($rc, true), ', value ', ini_get($name) === $old ? 'kept' : 'CHANGED', "\n";
}
$r = smtp_send(msg(), fault_transport($port, ['transcript' => true]));
echo implode("\n", preg_grep('/^C: (EHLO|RSET)/', $r['transcript'])), "\n";
?>
--EXPECTF--
Warning: ini_set(): smtp.helo must not contain CR, LF or NUL in %s on line %d
smtp.helo: ini_set returned false, value kept

Warning: ini_set(): smtp.host must not contain CR, LF or NUL in %s on line %d
smtp.host: ini_set returned false, value kept

Warning: ini_set(): smtp.username must not contain CR, LF or NUL in %s on line %d
smtp.username: ini_set returned false, value kept

Warning: ini_set(): smtp.password must not contain CR, LF or NUL in %s on line %d
smtp.password: ini_set returned false, value kept

Warning: ini_set(): smtp.cafile must not contain CR, LF or NUL in %s on line %d
smtp.cafile: ini_set returned false, value kept

Warning: ini_set(): smtp.capath must not contain CR, LF or NUL in %s on line %d
smtp.capath: ini_set returned false, value kept
C: EHLO client.example.test
