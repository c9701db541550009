--TEST--
Token store: a file that is not a store (no magic) is refused with an exception naming it and left exactly as it was: never renamed, no lock file beside it
--EXTENSIONS--
smtp
--FILE--
<?php
require __DIR__ . '/../oauth.inc';
$siteRoot = sys_get_temp_dir() . '/php-smtp-site-' . getmypid();
@mkdir($siteRoot, 0700);
$config = "<?php\ndefine('DB_PASSWORD', 'hunter2');\n";
$files = ['wp-config.php' => $config, 'empty.store' => '', 'short.store' => 'PSMTP', 'json.store' => '{"accounts":{}}'];
foreach ($files as $name => $bytes) file_put_contents("$siteRoot/$name", $bytes);
$listing = fn() => implode(' ', array_diff(scandir($siteRoot), ['.', '..']));
$before = $listing();
$key = 'a-key-of-sufficient-length-for-tests-01';
foreach ($files as $name => $bytes) {
    echo "-- $name\n";
    $path = "$siteRoot/$name";
    $stat = stat($path);
    $store = new Smtp\TokenStore($path, $key);
    $calls = [
        'accounts' => fn() => $store->accounts(),
        'status' => fn() => $store->status('gmail'),
        'accessToken' => fn() => $store->accessToken('gmail'),
        'setClient' => fn() => $store->setClient('gmail', ['client_id' => 'x.apps.example.test']),
        'forget' => fn() => $store->forget('gmail'),
    ];
    foreach ($calls as $label => $call) {
        try {
            $call();
            echo "$label: no exception\n";
        } catch (Smtp\Exception $e) {
            echo "$label: ", str_replace($siteRoot, 'SITE', $e->getMessage()), "\n";
        }
    }
    clearstatcache();
    $after = stat($path);
    echo 'left alone: ', file_get_contents($path) === $bytes && $after['ino'] === $stat['ino'] &&
         $after['mtime'] === $stat['mtime'] ? 'yes' : 'NO', "\n";
}
echo 'no file added or renamed: ', $listing() === $before ? 'yes' : 'NO: ' . $listing(), "\n";
foreach ($files as $name => $bytes) unlink("$siteRoot/$name");
rmdir($siteRoot);
?>
--EXPECT--
-- wp-config.php
accounts: token store SITE/wp-config.php: the file is not a php-smtp token store (it does not begin with the store's header); it was left untouched: name a new file, or remove this one if it is meant to be a store
status: token store SITE/wp-config.php: the file is not a php-smtp token store (it does not begin with the store's header); it was left untouched: name a new file, or remove this one if it is meant to be a store
accessToken: token store SITE/wp-config.php: the file is not a php-smtp token store (it does not begin with the store's header); it was left untouched: name a new file, or remove this one if it is meant to be a store
setClient: token store SITE/wp-config.php: the file is not a php-smtp token store (it does not begin with the store's header); it was left untouched: name a new file, or remove this one if it is meant to be a store
forget: token store SITE/wp-config.php: the file is not a php-smtp token store (it does not begin with the store's header); it was left untouched: name a new file, or remove this one if it is meant to be a store
left alone: yes
-- empty.store
accounts: token store SITE/empty.store: the file is not a php-smtp token store (it does not begin with the store's header); it was left untouched: name a new file, or remove this one if it is meant to be a store
status: token store SITE/empty.store: the file is not a php-smtp token store (it does not begin with the store's header); it was left untouched: name a new file, or remove this one if it is meant to be a store
accessToken: token store SITE/empty.store: the file is not a php-smtp token store (it does not begin with the store's header); it was left untouched: name a new file, or remove this one if it is meant to be a store
setClient: token store SITE/empty.store: the file is not a php-smtp token store (it does not begin with the store's header); it was left untouched: name a new file, or remove this one if it is meant to be a store
forget: token store SITE/empty.store: the file is not a php-smtp token store (it does not begin with the store's header); it was left untouched: name a new file, or remove this one if it is meant to be a store
left alone: yes
-- short.store
accounts: token store SITE/short.store: the file is not a php-smtp token store (it does not begin with the store's header); it was left untouched: name a new file, or remove this one if it is meant to be a store
status: token store SITE/short.store: the file is not a php-smtp token store (it does not begin with the store's header); it was left untouched: name a new file, or remove this one if it is meant to be a store
accessToken: token store SITE/short.store: the file is not a php-smtp token store (it does not begin with the store's header); it was left untouched: name a new file, or remove this one if it is meant to be a store
setClient: token store SITE/short.store: the file is not a php-smtp token store (it does not begin with the store's header); it was left untouched: name a new file, or remove this one if it is meant to be a store
forget: token store SITE/short.store: the file is not a php-smtp token store (it does not begin with the store's header); it was left untouched: name a new file, or remove this one if it is meant to be a store
left alone: yes
-- json.store
accounts: token store SITE/json.store: the file is not a php-smtp token store (it does not begin with the store's header); it was left untouched: name a new file, or remove this one if it is meant to be a store
status: token store SITE/json.store: the file is not a php-smtp token store (it does not begin with the store's header); it was left untouched: name a new file, or remove this one if it is meant to be a store
accessToken: token store SITE/json.store: the file is not a php-smtp token store (it does not begin with the store's header); it was left untouched: name a new file, or remove this one if it is meant to be a store
setClient: token store SITE/json.store: the file is not a php-smtp token store (it does not begin with the store's header); it was left untouched: name a new file, or remove this one if it is meant to be a store
forget: token store SITE/json.store: the file is not a php-smtp token store (it does not begin with the store's header); it was left untouched: name a new file, or remove this one if it is meant to be a store
left alone: yes
no file added or renamed: yes
