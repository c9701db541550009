<?php
/* php readme_check.php PLUGIN_DIR WP_DIR TESTED_WITH
 * The plugin's readme.txt in WordPress.org's format (the plugin directory's
 * readme parser's rules: name line, headers in the documented order, a short
 * description of at most 150 characters without markup, the sections, FAQ
 * entries, a changelog entry for the stable tag), and its main file's header as
 * WordPress itself reads it (get_plugin_data() of the site in WP_DIR), the two
 * agreeing. TESTED_WITH: the WordPress version the tests run (Debian's). */
[, $check_dir, $wpDir, $testedWith] = $argv + [null, null, null, null];
$check_dir = realpath($check_dir) ?: $check_dir;   /* WordPress sets globals ($plugin, ...) as it loads: names of our own */
$fail = [];
$lines = preg_split('/\R/u', file_get_contents("$check_dir/readme.txt"));

if (!preg_match('/^=== (.+) ===$/', $lines[0], $m)) {
    $fail[] = "first line is not '=== Plugin Name ===': $lines[0]";
}
$readmeName = $m[1] ?? '';
$order = ['Contributors', 'Donate link', 'Tags', 'Requires at least', 'Tested up to', 'Stable tag', 'Requires PHP', 'License', 'License URI'];
$headers = [];
$i = 1;
for (; $i < count($lines) && $lines[$i] !== ''; $i++) {
    if (!preg_match('/^([A-Za-z ]+):\s*(.*)$/', $lines[$i], $h) || !in_array($h[1], $order, true)) {
        $fail[] = "not a readme header: {$lines[$i]}";
        continue;
    }
    $headers[$h[1]] = trim($h[2]);
}
$seen = array_values(array_intersect($order, array_keys($headers)));
if (array_keys($headers) !== $seen) {
    $fail[] = 'headers out of order: ' . implode(', ', array_keys($headers)) . ' (expected ' . implode(', ', $seen) . ')';
}
foreach (['Contributors', 'Tags', 'Requires at least', 'Tested up to', 'Stable tag', 'Requires PHP', 'License', 'License URI'] as $need) {
    if (($headers[$need] ?? '') === '') {
        $fail[] = "header missing: $need";
    }
}
$tags = array_filter(array_map('trim', explode(',', $headers['Tags'] ?? '')));
if (count($tags) > 5 || array_intersect($tags, ['plugin', 'wordpress'])) {
    $fail[] = 'Tags: at most 5, not "plugin" or "wordpress": ' . implode(', ', $tags);
}
if (($headers['Tested up to'] ?? '') !== $testedWith) {
    $fail[] = "Tested up to: {$headers['Tested up to']}, the tests run WordPress $testedWith";
}
/* the short description: the paragraph after the headers, before the first section */
$short = '';
for ($i++; $i < count($lines) && !str_starts_with($lines[$i], '=='); $i++) {
    $short .= ($short === '' ? '' : ' ') . trim($lines[$i]);
}
$short = trim($short);
if ($short === '' || mb_strlen($short) > 150 || $short !== strip_tags($short) || preg_match('/[*_`\[\]]/', $short)) {
    $fail[] = 'short description: 1 to 150 characters, no markup (' . mb_strlen($short) . '): ' . $short;
}
$sections = [];
$current = null;
for (; $i < count($lines); $i++) {
    if (preg_match('/^== (.+) ==$/', $lines[$i], $s)) {
        $current = $s[1];
        $sections[$current] = [];
    } elseif ($current !== null) {
        $sections[$current][] = $lines[$i];
    }
}
foreach (['Description', 'Installation', 'Frequently Asked Questions', 'Changelog'] as $need) {
    if (trim(implode("\n", $sections[$need] ?? [])) === '') {
        $fail[] = "section missing or empty: == $need ==";
    }
}
$faq = preg_grep('/^= .+ =$/', $sections['Frequently Asked Questions'] ?? []);
if (count($faq) < 1) {
    $fail[] = 'FAQ has no "= Question =" entries';
}
$stable = $headers['Stable tag'] ?? '';
if (!in_array("= $stable =", $sections['Changelog'] ?? [], true)) {
    $fail[] = "Changelog has no entry \"= $stable =\"";
}

/* the main file's header, parsed by WordPress */
if ($wpDir) {
    define('WP_USE_THEMES', false);
    $_SERVER['HTTP_HOST'] = '127.0.0.1';
    require "$wpDir/wp-load.php";
    require_once ABSPATH . 'wp-admin/includes/plugin.php';
    $d = get_plugin_data("$check_dir/php-smtp.php", false, false);
    $want = [
        'Name' => $readmeName, 'Version' => $stable, 'RequiresWP' => $headers['Requires at least'] ?? '',
        'RequiresPHP' => $headers['Requires PHP'] ?? '', 'TextDomain' => 'php-smtp', 'DomainPath' => '/languages',
    ];
    foreach ($want as $k => $v) {
        if (($d[$k] ?? '') !== $v || $v === '') {
            $fail[] = "get_plugin_data() $k: " . var_export($d[$k] ?? null, true) . ', expected ' . var_export($v, true);
        }
    }
    if ($d['Description'] === '' || $d['Author'] === '') {
        $fail[] = 'get_plugin_data(): no Description or Author';
    }
    if (!is_dir("$check_dir/languages") || !glob("$check_dir/languages/*.pot")) {
        $fail[] = 'Domain Path /languages holds no .pot';
    }
    /* License is not among get_plugin_data()'s fields in WordPress 6.1: read it as it reads headers */
    $lic = get_file_data("$check_dir/php-smtp.php", ['License' => 'License', 'LicenseURI' => 'License URI']);
    if ($lic['License'] !== ($headers['License'] ?? '') || $lic['LicenseURI'] !== ($headers['License URI'] ?? '')) {
        $fail[] = "License header {$lic['License']} {$lic['LicenseURI']} differs from readme.txt";
    }
}
echo $fail ? implode("\n", $fail) . "\n" : "readme.txt and header ok\n";
exit($fail ? 1 : 0);
