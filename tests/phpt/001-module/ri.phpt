--TEST--
php --ri smtp: versions of OpenSSL, libcurl and json-c, defaults, password hidden
--EXTENSIONS--
smtp
--INI--
smtp.password=super-secret-ini-password
smtp.host=mail.example.test
--FILE--
<?php
ob_start();
(new ReflectionExtension('smtp'))->info();
$info = ob_get_clean();
var_dump(extension_loaded('smtp'));
foreach (['OpenSSL (runtime)', 'libcurl (runtime)', 'json-c (runtime)', 'smtp.host => mail.example.test'] as $needle) {
    echo $needle, ': ', str_contains($info, $needle) ? 'shown' : 'MISSING', "\n";
}
var_dump(str_contains($info, 'super-secret-ini-password'));
var_dump(str_contains($info, 'smtp.password => ********'));
?>
--EXPECT--
bool(true)
OpenSSL (runtime): shown
libcurl (runtime): shown
json-c (runtime): shown
smtp.host => mail.example.test: shown
bool(false)
bool(true)
