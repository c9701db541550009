--TEST--
Without the smtp extension the site keeps WordPress's own mailer and the administrator is told how to install it
--EXTENSIONS--
smtp
--FILE--
<?php
require __DIR__ . '/wp.inc';
$extdir = ini_get('extension_dir');
$sys = PHP_EXTENSION_DIR;
$cmd = [PHP_BINARY, '-n', '-d', "extension=$sys/mysqlnd.so", '-d', "extension=$sys/mysqli.so",
        __DIR__ . '/../wp-helper.php', 'notices'];
$p = proc_open($cmd, [1 => ['pipe', 'w'], 2 => ['pipe', 'w']], $pipes, null, ['WP_DIR' => wp_env('WP_DIR')] + getenv());
$out = stream_get_contents($pipes[1]);
proc_close($p);
echo trim(strip_tags($out)), "\n";
echo "with the extension, the plugin takes wp_mail()'s sending step: ", has_filter('wp_mail', ['PhpSmtp\\Mailer', 'take_call']) !== false ? 'yes' : 'no', "\n";
?>
--EXPECT--
php-smtp: the smtp PHP extension is not loaded, so WordPress is still sending mail with its built-in mailer. Install it (phpize &amp;&amp; ./configure &amp;&amp; make install, then extension=smtp in php.ini) and reload PHP.
with the extension, the plugin takes wp_mail()'s sending step: yes
