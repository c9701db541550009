--TEST--
i18n: every translatable string of the plugin uses the php-smtp text domain, the .pot is current, placeholders are explained and numbered
--EXTENSIONS--
tokenizer
--FILE--
<?php
$root = dirname(__DIR__, 3);
$plugin = "$root/wp-plugin";
$files = array_merge(["$plugin/php-smtp.php", "$plugin/uninstall.php"], glob("$plugin/src/*.php"));
$gettext = ['__', '_e', 'esc_html__', 'esc_html_e', 'esc_attr__', 'esc_attr_e', '_n', '_x', '_nx'];

/* the last top-level argument of each gettext call, found with PHP's own tokenizer */
$calls = 0;
$wrong = [];
foreach ($files as $file) {
    $tokens = token_get_all(file_get_contents($file));
    foreach ($tokens as $i => $t) {
        if (!is_array($t) || $t[0] !== T_STRING || !in_array($t[1], $gettext, true)) continue;
        $j = $i + 1;
        while (is_array($tokens[$j]) && $tokens[$j][0] === T_WHITESPACE) $j++;
        if ($tokens[$j] !== '(') continue;
        $prev = $tokens[$i - 1];
        if (is_array($prev) && in_array($prev[0], [T_FUNCTION, T_OBJECT_OPERATOR, T_DOUBLE_COLON], true)) continue;
        $depth = 0;
        $args = [''];
        for ($k = $j; $k < count($tokens); $k++) {
            $s = is_array($tokens[$k]) ? $tokens[$k][1] : $tokens[$k];
            if ($s === '(' || $s === '[') { if ($depth++ === 0) continue; }
            if ($s === ')' || $s === ']') { if (--$depth === 0) break; }
            if ($s === ',' && $depth === 1) { $args[] = ''; continue; }
            $args[count($args) - 1] .= $s;
        }
        $calls++;
        $domain = trim(end($args));
        if ($domain !== "'php-smtp'") $wrong[] = basename($file) . ':' . $t[2] . " {$t[1]}(… $domain)";
    }
}
echo "gettext calls: ", $calls > 100 ? 'more than 100' : $calls, "\n";
echo "outside the php-smtp domain: ", $wrong ? implode(', ', $wrong) : 'none', "\n";

/* the committed template is what the sources give now */
$fresh = tempnam(sys_get_temp_dir(), 'pot');
exec('bash ' . escapeshellarg("$root/scripts/make-pot.sh") . ' ' . escapeshellarg($fresh) . ' 2>&1', $out, $rc);
echo "make-pot: ", $rc === 0 ? 'ok' : implode("\n", $out), "\n";
/* source locations ("#: file:line") move with every edit; the strings and their comments must not differ */
$strings = fn(string $pot) => preg_replace('/^#: .*\n/m', '', $pot);
$committed = @file_get_contents("$plugin/languages/php-smtp.pot");
echo "wp-plugin/languages/php-smtp.pot is current: ", $committed !== false && $strings($committed) === $strings(file_get_contents($fresh)) ? 'yes' : 'NO: run scripts/make-pot.sh', "\n";

/* every string with placeholders tells translators what they are; two or more are numbered */
$entries = preg_split('/\n\n/', file_get_contents($fresh));
$unexplained = $unnumbered = [];
$with = 0;
foreach ($entries as $e) {
    if (!preg_match('/^msgid ((?:".*"\n?)+)/m', $e, $m)) continue;
    $id = implode('', array_map(fn($l) => stripcslashes(substr(trim($l), 1, -1)), explode("\n", trim($m[1]))));
    preg_match_all('/%(?:\d+\$)?[sd]/', $id, $ph);
    if (!$ph[0]) continue;
    $with++;
    if (!str_contains($e, '#. translators:')) $unexplained[] = $id;
    if (count($ph[0]) > 1 && preg_grep('/^%[sd]$/', $ph[0])) $unnumbered[] = $id;
}
echo "strings with placeholders: ", $with >= 10 ? 'at least 10' : $with, "\n";
echo "without a translators comment: ", $unexplained ? implode(' | ', $unexplained) : 'none', "\n";
echo "several placeholders not numbered: ", $unnumbered ? implode(' | ', $unnumbered) : 'none', "\n";
unlink($fresh);
?>
--EXPECT--
gettext calls: more than 100
outside the php-smtp domain: none
make-pot: ok
wp-plugin/languages/php-smtp.pot is current: yes
strings with placeholders: at least 10
without a translators comment: none
several placeholders not numbered: none
