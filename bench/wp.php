<?php
/*
 * wp_mail() in a real WordPress, side by side in one run: WordPress's own
 * mailer (PHPMailer, switched to SMTP with phpmailer_init as SMTP plugins do)
 * and the php-smtp plugin (log row and transcript included), against the same
 * local Postfix. One connection per wp_mail() call in both, as WordPress does.
 * Not a test: measurements of this machine, this run.
 *   WP_DIR=... php -d extension=modules/smtp.so -d extension=mysqli.so bench/wp.php STACKDIR [N]
 */
$env = parse_ini_file($argv[1] . '/env', false, INI_SCANNER_RAW);
$n = (int)($argv[2] ?? 100);
$_SERVER['HTTP_HOST'] = '127.0.0.1';
require getenv('WP_DIR') . '/wp-load.php';

$body = str_repeat("The quick brown fox jumps over the lazy dog. 0123456789\n", 36);   // ~2 KB, as bench.php
$cases = [
    'plain relay' => ['host' => 'localhost', 'port' => (int)$env['SMTP_TEST_RELAY_PORT'], 'security' => 'none', 'auth' => 'none',
                      'username' => '', 'password' => ''],
    'STARTTLS + AUTH' => ['host' => 'localhost', 'port' => (int)$env['SMTP_TEST_SUBMISSION_PORT'], 'security' => 'starttls', 'auth' => 'auto',
                          'username' => $env['SMTP_TEST_USER'], 'password' => $env['SMTP_TEST_PASS'], 'cafile' => $env['SMTP_TEST_CA']],
];

/* WordPress's mailer over SMTP: what every PHPMailer-based SMTP plugin configures. */
function core_mailer(array $c): callable
{
    return static function ($mailer) use ($c) {
        $mailer->isSMTP();
        $mailer->Host = $c['host'];
        $mailer->Port = $c['port'];
        $mailer->SMTPAutoTLS = false;
        $mailer->SMTPSecure = $c['security'] === 'starttls' ? 'tls' : '';
        if (isset($c['cafile'])) $mailer->SMTPOptions = ['ssl' => ['cafile' => $c['cafile'], 'verify_peer' => true]];
        if ($c['username'] !== '') {
            $mailer->SMTPAuth = true;
            $mailer->Username = $c['username'];
            $mailer->Password = $c['password'];
        }
    };
}

function run(int $n, string $subject, string $body): float
{
    $t = microtime(true);
    for ($i = 0; $i < $n; $i++) {
        if (!wp_mail('bob@example.test', "$subject $i", $body)) {
            fwrite(STDERR, "wp_mail failed in $subject\n");
            exit(1);
        }
    }
    return (microtime(true) - $t) / $n * 1000;
}

printf("%-44s %12s %12s   %s\n", '(g) wp_mail() in WordPress ' . get_bloginfo('version'), 'php-smtp', 'core+SMTP', 'php-smtp vs core');
foreach ($cases as $label => $c) {
    update_option('php_smtp_settings', $c + ['from' => 'site@example.test', 'from_name' => 'Bench', 'timeout' => 10] + PhpSmtp\Settings::defaults());
    $plugin = run($n, "bench plugin $label", $body);

    remove_filter('pre_wp_mail', ['PhpSmtp\\Mailer', 'pre_wp_mail'], 10);
    add_action('phpmailer_init', $init = core_mailer($c));
    add_filter('wp_mail_from', $from = fn() => 'site@example.test');
    $core = run($n, "bench core $label", $body);
    remove_action('phpmailer_init', $init);
    remove_filter('wp_mail_from', $from);
    add_filter('pre_wp_mail', ['PhpSmtp\\Mailer', 'pre_wp_mail'], 10, 2);

    printf("%-44s %12.2f %12.2f   %.2fx\n", "$label (ms per wp_mail)", $plugin, $core, $core / $plugin);
}
echo "(ratios: how many times faster php-smtp is; each side opens one connection per call)\n";
