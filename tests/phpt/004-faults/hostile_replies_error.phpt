--TEST--
Hostile replies: 100 KB line, endless multi-line, garbage, NUL bytes end in a protocol error with bounded memory
--EXTENSIONS--
smtp
--SKIPIF--
<?php if (getenv("USE_ZEND_ALLOC") === "0") die("skip peak RSS is not meaningful under valgrind (measured in the plain pass)"); ?>
--FILE--
<?php
require __DIR__ . '/../helper.inc';
foreach (['huge_line', 'endless_multiline', 'garbage', 'nul_bytes'] as $s) {
    [$port] = fault_server($s);
    $before = memory_get_usage();
    expect_failure(fn() => smtp_send(msg(), fault_transport($port)));
}
$rss = (int)preg_replace('/\D/', '', implode('', preg_grep('/^VmHWM/', file('/proc/self/status'))));
echo $rss < 64 * 1024 ? "bounded\n" : "peak RSS {$rss} kB\n";
?>
--EXPECTF--
Smtp\Exception: Greeting: malformed reply from 127.0.0.1:%d: reply line longer than 4096 bytes
code=0 enhanced=NULL temporary=true unknown=false
in time
Smtp\Exception: Greeting: malformed reply from 127.0.0.1:%d: reply has too many lines
code=0 enhanced=NULL temporary=true unknown=false
in time
Smtp\Exception: Greeting: malformed reply from 127.0.0.1:%d: reply line does not start with a three-digit code
code=0 enhanced=NULL temporary=true unknown=false
in time
Smtp\Exception: Greeting: malformed reply from 127.0.0.1:%d: reply contains a NUL byte
code=0 enhanced=NULL temporary=true unknown=false
in time
bounded
