<?php
/* composer.json for PIE: Debian's composer validates it, and its php-ext block
 * says what config.m4 says (the extension's name, every configure option).
 * Debian 12's composer (2.5) predates the php-ext property (Composer 2.7 added
 * it to the schema): its publish check names exactly that property and nothing
 * else; without the publish check it must be clean. */
$root = dirname(__DIR__, 2);
$fail = [];

exec('composer validate --no-interaction --no-check-publish ' . escapeshellarg("$root/composer.json") . ' 2>&1', $out, $rc);
if ($rc !== 0) {
    $fail[] = "composer validate --no-check-publish exited $rc: " . implode(' | ', $out);
}
$out = [];
exec('composer validate --no-interaction ' . escapeshellarg("$root/composer.json") . ' 2>&1', $out, $rc);
$findings = array_values(array_filter($out, fn($l) => str_starts_with($l, '- ')));
$expected = ['- The property php-ext is not defined and the definition does not allow additional properties'];
if ($rc !== 0 && $findings !== $expected) {
    $fail[] = "composer validate: " . implode(' | ', $out);
}

$json = json_decode(file_get_contents("$root/composer.json"), true, 512, JSON_THROW_ON_ERROR);
$m4 = file_get_contents("$root/config.m4");
if (($json['type'] ?? '') !== 'php-ext') {
    $fail[] = 'type is not php-ext';
}
preg_match('/PHP_NEW_EXTENSION\(\[?(\w+)\]?/', $m4, $ext);
$name = $json['php-ext']['extension-name'] ?? null;
if ($name !== ($ext[1] ?? '') || !preg_match('/^[A-Za-z][A-Za-z0-9_]*$/', (string)$name)) {
    $fail[] = "extension-name " . var_export($name, true) . ", config.m4 builds " . ($ext[1] ?? '?');
}
/* PHP_ARG_ENABLE([smtp-dev], ...) gives --enable-smtp-dev; PHP_ARG_WITH gives --with-... */
preg_match_all('/PHP_ARG_(ENABLE|WITH)\(\[?([\w-]+)\]?/', $m4, $args, PREG_SET_ORDER);
$m4_options = array_map(fn($a) => strtolower($a[1]) . '-' . $a[2], $args);
$options = array_column($json['php-ext']['configure-options'] ?? [], 'name');
sort($m4_options);
sort($options);
if ($options !== $m4_options) {
    $fail[] = 'configure-options ' . implode(',', $options) . ' but config.m4 has ' . implode(',', $m4_options);
}
foreach ($json['php-ext']['configure-options'] ?? [] as $o) {
    if (!is_string($o['description'] ?? null) || $o['description'] === '' || !is_bool($o['needs-value'] ?? false)) {
        $fail[] = "configure option {$o['name']}: description and needs-value";
    }
    /* PHP_ARG_ENABLE takes no value; PHP_ARG_WITH usually does */
    if (str_starts_with($o['name'], 'enable-') && ($o['needs-value'] ?? false)) {
        $fail[] = "{$o['name']} is a flag, needs-value must be false";
    }
}
preg_match('/<min>([\d.]+)<\/min>\s*<\/php>/', file_get_contents("$root/package.xml"), $min);
if (($json['require']['php'] ?? '') !== '>=' . preg_replace('/\.0$/', '', $min[1] ?? '')) {
    $fail[] = "require.php " . ($json['require']['php'] ?? '(none)') . ", package.xml requires PHP " . ($min[1] ?? '?');
}
if (($json['license'] ?? '') === '' || !str_contains(file_get_contents("$root/package.xml"), '>' . $json['license'] . '</license>')) {
    $fail[] = 'license differs from package.xml';
}
if (isset($json['version'])) {
    $fail[] = 'a version field: Packagist takes versions from tags';
}
echo $fail ? implode("\n", $fail) . "\n" : "composer.json ok\n";
exit($fail ? 1 : 0);
