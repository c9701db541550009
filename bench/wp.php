<?php
/*
 * wp_mail() in a real WordPress, side by side in one run: WordPress's own
 * mailer (PHPMailer, switched to SMTP with phpmailer_init as SMTP plugins do)
 * and the php-smtp plugin (log row and transcript included), against the same
 * local Postfix, for page loads that send one mail and three (an order: customer,
 * admin, stock notice). Core opens a connection per wp_mail(); the plugin one per
 * page load.
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

/* The plugin out of the way: core's own PHPMailer, as on a site without it (tests/wp/phpt/differential.inc does the same). */
function plugin(bool $on): void
{
    global $phpmailer;
    $phpmailer = null;
    PhpSmtp\Mailer::close();
    foreach ([['wp_mail', ['PhpSmtp\Mailer', 'take_call'], PHP_INT_MAX], ['wp_mail_from', ['PhpSmtp\Mailer', 'from'], 1],
              ['wp_mail_from_name', ['PhpSmtp\Mailer', 'from_name'], 1]] as [$hook, $cb, $prio]) {
        $on ? add_filter($hook, $cb, $prio) : remove_filter($hook, $cb, $prio);
    }
}

/* SMTP connections Postfix accepted since $from (its log's "connect from" lines). */
function connections(string $log, int &$from): int
{
    clearstatcache();
    $text = (string)file_get_contents($log, false, null, $from);
    $from += strlen($text);
    return preg_match_all('/smtpd\[\d+\]: connect from /', $text);
}

/* $n page loads, each sending $per messages; the connection the plugin keeps closes at the end of each, as at shutdown. */
function run(int $n, int $per, string $subject, string $body): float
{
    $t = microtime(true);
    for ($i = 0; $i < $n; $i++) {
        for ($j = 0; $j < $per; $j++) {
            if (!wp_mail('bob@example.test', "$subject $i.$j", $body)) {
                fwrite(STDERR, "wp_mail failed in $subject\n");
                exit(1);
            }
        }
        PhpSmtp\Mailer::close();   /* what the shutdown action does */
    }
    return (microtime(true) - $t) / $n * 1000;
}

$log = $argv[1] . '/maillog';
$offset = (int)@filesize($log);
printf("%-50s %12s %12s   %s\n", '(g) wp_mail() in WordPress ' . get_bloginfo('version'), 'php-smtp', 'core+SMTP', 'php-smtp vs core');
foreach ($cases as $label => $c) {
    foreach ($label === 'plain relay' ? [1] : [1, 3] as $per) {
        update_option('php_smtp_settings', $c + ['from' => 'site@example.test', 'from_name' => 'Bench', 'timeout' => 10] + PhpSmtp\Settings::defaults());
        plugin(true);
        connections($log, $offset);
        $plugin = run($n, $per, "bench plugin $label", $body);
        usleep(300000);   /* Postfix writes its log a moment later */
        $pc = connections($log, $offset) / $n;

        plugin(false);
        add_action('phpmailer_init', $init = core_mailer($c));
        add_filter('wp_mail_from', $from = fn() => 'site@example.test');
        $core = run($n, $per, "bench core $label", $body);
        usleep(300000);
        $cc = connections($log, $offset) / $n;
        remove_action('phpmailer_init', $init);
        remove_filter('wp_mail_from', $from);
        plugin(true);

        $what = $per === 1 ? "$label, 1 mail a request" : "$label, $per mails a request";
        printf("%-50s %12.2f %12.2f   %.2fx\n", "$what (ms)", $plugin, $core, $core / $plugin);
        printf("%-50s %12.1f %12.1f\n", "  SMTP connections per request", $pc, $cc);
    }
}
echo "(ms per page load; ratios: how many times faster php-smtp is. The plugin keeps one connection for the request, core opens one per wp_mail())\n";
