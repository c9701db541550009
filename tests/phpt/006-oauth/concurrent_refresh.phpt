--TEST--
20 processes ask at once for an expired token: exactly one refresh request, all get the same token, the store still decrypts
--EXTENSIONS--
smtp
--FILE--
<?php
require __DIR__ . '/../oauth.inc';
oauth_control();
$store = authorized_store('gmail');
$path = store_path($store);
age_access_token($path);
$old = stored_tokens($path)['access_token'];
oauth_control(['delay' => 0.5], true);   /* a slow endpoint widens the race */
$before = oauth_stats()['token_refresh_token'];

$ext = ini_get('extension_dir') . '/smtp.so';
$child = <<<'PHP'
$s = new Smtp\TokenStore($argv[1], $argv[2]);
$go = (float)$argv[3];
while (microtime(true) < $go) usleep(1000);
try { echo $s->accessToken('gmail'); } catch (Throwable $e) { echo 'ERROR ', $e->getMessage(); }
PHP;
$start = microtime(true) + 1.0;
$procs = [];
for ($i = 0; $i < 20; $i++) {
    $cmd = [PHP_BINARY, '-n', '-d', "extension=$ext", '-r', $child, $path, TEST_STORE_KEY, (string)$start];
    $procs[] = proc_open($cmd, [1 => ['pipe', 'w'], 2 => ['pipe', 'w']], $pipes) ?: throw new RuntimeException('spawn');
    $outs[] = $pipes;
}
$tokens = [];
foreach ($procs as $i => $p) {
    $tokens[] = stream_get_contents($outs[$i][1]) . stream_get_contents($outs[$i][2]);
    proc_close($p);
}
$unique = array_unique($tokens);
echo "processes: ", count($tokens), "\n";
echo "distinct tokens: ", count($unique), "\n";
echo "errors: ", count(preg_grep('/^ERROR|Warning|Fatal/', $tokens)), "\n";
echo "refresh requests: ", oauth_stats()['token_refresh_token'] - $before, "\n";
echo "token is new: ", reset($unique) !== $old ? "yes" : "no", "\n";
echo "token is the stored one: ", reset($unique) === stored_tokens($path)['access_token'] ? "yes" : "no", "\n";
echo "store decrypts: ", is_array(decrypt_store($path)) ? "yes" : "no", "\n";
echo "leftover files: ", implode(' ', array_map('basename', glob(dirname($path) . '/*'))), "\n";
?>
--EXPECT--
processes: 20
distinct tokens: 1
errors: 0
refresh requests: 1
token is new: yes
token is the stored one: yes
store decrypts: yes
leftover files: tokens.store tokens.store.lock
