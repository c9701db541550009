--TEST--
Import from WP Mail SMTP, Post SMTP and FluentSMTP as they store their options (encrypted passwords decrypted as each plugin does): the imported login authenticates on the real submission server; a Gmail OAuth client is imported and the grant asked for again; an undecryptable password is said, not guessed
--EXTENSIONS--
smtp
--FILE--
<?php
require __DIR__ . '/wp.inc';
require __DIR__ . '/../import-seed.php';
require_once ABSPATH . 'wp-admin/includes/admin.php';
wp_set_current_user(1);
$creds = ['host' => 'localhost', 'port' => (int)stack('SUBMISSION_PORT'), 'security' => 'starttls', 'user' => stack('USER'), 'pass' => stack('PASS'),
          'from' => stack('USER'), 'from_name' => 'Imported & Co'];
unseed_import();
echo "nothing to import: ", count(PhpSmtp\Import::sources()), "\n";
foreach (['wpmailsmtp', 'postsmtp', 'fluentsmtp'] as $plugin) {
    echo "-- $plugin\n";
    unseed_import();
    seed_import($plugin, $creds);
    $raw = json_encode([get_option('wp_mail_smtp'), get_option('postman_options'), get_option('fluentmail-settings')]);
    echo "stored in plain text: ", str_contains($raw, stack('PASS')) ? 'yes' : 'no', "\n";
    $sources = PhpSmtp\Import::sources();
    echo "found: ", implode(', ', array_keys($sources)), "\n";
    $f = $sources[$plugin]['fields'];
    echo "host={$f['host']} port=", $f['port'] === (int)stack('SUBMISSION_PORT') ? 'SUBMISSION' : $f['port'], " security={$f['security']} user=", $f['username'] === stack('USER') ? 'USER' : $f['username'],
         " password ", $f['password'] === stack('PASS') ? 'decrypted' : 'WRONG', " from_name={$f['from_name']}\n";
    /* the import, as the button does it; the CA of the test stack stays as configured */
    use_settings(['cafile' => stack('CA'), 'timeout' => 10]);
    $_POST = ['source' => $plugin];
    add_filter('wp_redirect', function ($to) { throw new RuntimeException('redirect ' . preg_replace('/^.*tab=/', 'tab=', $to)); });
    try { PhpSmtp\Import::import(); } catch (RuntimeException $e) { echo $e->getMessage(), "\n"; }
    remove_all_filters('wp_redirect');
    echo get_transient('php_smtp_flash_1')[1], "\n";
    $s = PhpSmtp\Settings::all();
    echo "settings: {$s['host']} {$s['security']} provider={$s['provider']} cafile kept: ", $s['cafile'] === stack('CA') ? 'yes' : 'no', "\n";
    /* the imported login, against Postfix + Dovecot, on a connection of its own */
    PhpSmtp\Mailer::close();
    var_dump(wp_mail('bob@example.test', "imported from $plugin", 'x'));
    $row = last_log();
    echo $row['status'], ": ", str_contains($row['transcript'], 'AUTH') && str_contains($row['transcript'], '235') ? 'authenticated' : $row['server_reply'], "\n";
    delivered($row['message_id']);
}
echo "-- Gmail OAuth clients\n";
foreach (['wpmailsmtp', 'postsmtp', 'fluentsmtp'] as $plugin) {
    unseed_import();
    seed_import($plugin, ['from' => 'me@gmail.example', 'from_name' => 'Me', 'client_id' => "id-$plugin.apps.googleusercontent.com", 'client_secret' => "GOCSPX-secret-$plugin"]);
    $f = PhpSmtp\Import::sources()[$plugin]['fields'];
    echo "$plugin: {$f['host']} {$f['auth']} {$f['oauth_provider']} {$f['oauth_client_id']} secret ", $f['oauth_client_secret'] === "GOCSPX-secret-$plugin" ? 'ok' : 'WRONG', " mailbox {$f['oauth_account']}\n";
}
ob_start();
PhpSmtp\Import::render();
$html = ob_get_clean();
echo "page asks for the grant again: ", str_contains($html, 'The OAuth grant itself is not imported') ? 'yes' : 'no', "; secret shown: ", str_contains($html, 'GOCSPX-secret') ? 'YES' : 'no', "\n";
echo "-- a FluentSMTP password sealed with other keys\n";
unseed_import();
seed_import('fluentsmtp', $creds);
$o = get_option('fluentmail-settings');
$k = array_key_first($o['connections']);
$iv = random_bytes(16);
$o['connections'][$k]['provider_settings']['password'] = base64_encode($iv . openssl_encrypt('x' . 'another-salt', 'aes-256-ctr', 'another-key', 0, $iv));
update_option('fluentmail-settings', $o);
$found = PhpSmtp\Import::sources()['fluentsmtp'];
echo "password imported: ", isset($found['fields']['password']) ? 'YES' : 'no', "; ", $found['notes'][0], "\n";
unseed_import();
use_settings(relay_settings());
?>
--EXPECT--
nothing to import: 0
-- wpmailsmtp
stored in plain text: no
found: wpmailsmtp
host=localhost port=SUBMISSION security=starttls user=USER password decrypted from_name=Imported & Co
redirect tab=test
Imported the settings of WP Mail SMTP. Send a test email to check them.
settings: localhost starttls provider=other cafile kept: yes
bool(true)
sent: authenticated
-- postsmtp
stored in plain text: no
found: postsmtp
host=localhost port=SUBMISSION security=starttls user=USER password decrypted from_name=Imported & Co
redirect tab=test
Imported the settings of Post SMTP. Send a test email to check them.
settings: localhost starttls provider=other cafile kept: yes
bool(true)
sent: authenticated
-- fluentsmtp
stored in plain text: no
found: fluentsmtp
host=localhost port=SUBMISSION security=starttls user=USER password decrypted from_name=Imported & Co
redirect tab=test
Imported the settings of FluentSMTP. Send a test email to check them.
settings: localhost starttls provider=other cafile kept: yes
bool(true)
sent: authenticated
-- Gmail OAuth clients
wpmailsmtp: smtp.gmail.com xoauth2 google id-wpmailsmtp.apps.googleusercontent.com secret ok mailbox me@gmail.example
postsmtp: smtp.gmail.com xoauth2 google id-postsmtp.apps.googleusercontent.com secret ok mailbox me@gmail.example
fluentsmtp: smtp.gmail.com xoauth2 google id-fluentsmtp.apps.googleusercontent.com secret ok mailbox me@gmail.example
page asks for the grant again: yes; secret shown: no
-- a FluentSMTP password sealed with other keys
password imported: no; Its password could not be read (it was encrypted with keys this site no longer has): enter it on the Connection tab after importing.
