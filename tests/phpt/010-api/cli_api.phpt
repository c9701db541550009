--TEST--
bin/php-smtp-oauth test --api: the stored grant sends its test message over the Gmail API, and a microsoft-graph account over Graph by default
--EXTENSIONS--
smtp
--FILE--
<?php
require __DIR__ . '/../api.inc';
$base = api_server();
$cli = __DIR__ . '/../../../bin/php-smtp-oauth';
$php = [PHP_BINARY, '-n', '-d', 'extension=' . ini_get('extension_dir') . '/smtp.so'];
$env = ['PHP_SMTP_TOKEN_KEY' => TEST_STORE_KEY, 'PATH' => getenv('PATH')];
oauth_control();
$store = authorized_store('alice@example.test');
$path = store_path($store);
authorized_store('m365@example.test', ['provider' => 'microsoft-graph'], $path);
function cli(array $cmd, array $env): void
{
    $p = proc_open($cmd, [0 => ['pipe', 'r'], 1 => ['pipe', 'w'], 2 => ['pipe', 'w']], $pipes, null, $env);
    fclose($pipes[0]);
    $out = stream_get_contents($pipes[1]) . stream_get_contents($pipes[2]);
    echo 'exit ', proc_close($p), ': ', preg_replace('/HTTP (\d+) \S+/', 'HTTP $1 <id>', trim($out)), "\n";
}
$common = ['--store', $path, '--api-endpoint', $base, '--api-cafile', stack('CA'), '--send-test', 'bob@example.test'];
cli(array_merge($php, [$cli, 'test', '--account', 'alice@example.test', '--api', 'gmail'], $common), $env);
$p = parse_mail(api_last($base, 'gmail')['file']);
echo $p['headers']['from'][0], ' -> ', $p['headers']['to'][0], ': ', trim($p['parts'][0]['text']), "\n";
cli(array_merge($php, [$cli, 'test', '--account', 'm365@example.test'], $common), $env);
echo api_stats($base)['graph'], " request to Graph\n";
cli(array_merge($php, [$cli, 'status', '--store', $path, '--account', 'm365@example.test']), $env);
?>
--EXPECTF--
exit 0: test message sent to bob@example.test: HTTP 200 <id>
alice@example.test -> bob@example.test: This message was sent with OAuth 2.0 over the gmail HTTPS API by php-smtp-oauth.
exit 0: test message sent to bob@example.test: HTTP 202 <id>
1 request to Graph
exit 0: authorized:               yes
provider:                 microsoft-graph (HTTPS API)
%a
