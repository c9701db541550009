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
echo "pre_wp_mail hooked without the extension: ", (has_filter('pre_wp_mail') && !extension_loaded('smtp')) ? 'yes' : 'no', "\n";
echo "with the extension, pre_wp_mail is the plugin's: ", has_filter('pre_wp_mail', ['PhpSmtp\\Mailer', 'pre_wp_mail']) !== false ? 'yes' : 'no', "\n";
?>
--EXPECT--
php-smtp: the smtp PHP extension is not loaded, so WordPress is still sending mail with its built-in mailer. Install it (phpize &amp;&amp; ./configure &amp;&amp; make install, then extension=smtp in php.ini) and reload PHP.
pre_wp_mail hooked without the extension: no
with the extension, pre_wp_mail is the plugin's: yes
