--TEST--
Presets: every provider has host, port, security, a user-name rule and where its key comes from; the MX guess (DNS answered offline through the php_smtp_mx_records filter) picks the provider by its MX hosts
--EXTENSIONS--
smtp
--FILE--
<?php
require __DIR__ . '/wp.inc';
$all = PhpSmtp\Presets::all();
$bad = [];
foreach ($all as $k => $p) {
    if (($k !== 'other' && $p['host'] === '') || $p['port'] < 1 || !in_array($p['security'], ['starttls', 'tls', 'none'], true) || $p['user'] === '' || $p['key'] === '') $bad[] = $k;
}
echo count($all), " presets, incomplete: ", $bad ? implode(', ', $bad) : 'none', "\n";
foreach (['gmail_app', 'gmail_oauth', 'microsoft', 'outlook', 'protonmail', 'sendgrid', 'mandrill', 'mailgun', 'postmark', 'ses_eu-west-1', 'brevo', 'zoho', 'fastmail', 'icloud', 'yahoo'] as $k) {
    $p = $all[$k];
    echo "$k: {$p['host']}:{$p['port']} {$p['security']} {$p['auth']}", isset($p['username']) ? " user={$p['username']}" : '', "\n";
}
/* published MX hosts of each provider, as DNS would answer */
$mx = ['gmail.com' => ['gmail-smtp-in.l.google.com', 'alt1.gmail-smtp-in.l.google.com'], 'workspace.test' => ['aspmx.l.google.com.', 'alt1.aspmx.l.google.com.'],
       'new-workspace.test' => ['smtp.google.com'], 'm365.test' => ['m365-test.mail.protection.outlook.com'], 'hotmail.com' => ['hotmail-com.olc.protection.outlook.com'],
       'proton.test' => ['mail.protonmail.ch', 'mailsec.protonmail.ch'], 'zoho.test' => ['mx.zoho.eu', 'mx2.zoho.eu'], 'zohocom.test' => ['mx.zoho.com'],
       'fastmail.test' => ['in1-smtp.messagingengine.com'], 'icloud.com' => ['mx01.mail.icloud.com'], 'yahoo.com' => ['mta5.am0.yahoodns.net'],
       'own.test' => ['mail.own.test'], 'nomx.test' => [], 'evil.test' => ['google.com.evil.test']];
$asked = [];
add_filter('php_smtp_mx_records', function ($answer, $domain) use ($mx, &$asked) { $asked[] = $domain; return $mx[$domain] ?? []; }, 10, 2);
foreach (array_keys($mx) as $d) echo "$d: ", PhpSmtp\Presets::guess("someone@$d") ?? 'not recognised', "\n";
echo "the domain asked: ", $asked[0], "; not an address: ", var_export(PhpSmtp\Presets::guess('nobody'), true), "\n";
?>
--EXPECT--
38 presets, incomplete: none
gmail_app: smtp.gmail.com:587 starttls auto
gmail_oauth: smtp.gmail.com:587 starttls xoauth2
microsoft: smtp.office365.com:587 starttls xoauth2
outlook: smtp-mail.outlook.com:587 starttls xoauth2
protonmail: smtp.protonmail.ch:587 starttls auto
sendgrid: smtp.sendgrid.net:587 starttls auto user=apikey
mandrill: smtp.mandrillapp.com:587 starttls auto
mailgun: smtp.mailgun.org:587 starttls auto
postmark: smtp.postmarkapp.com:587 starttls auto
ses_eu-west-1: email-smtp.eu-west-1.amazonaws.com:587 starttls auto
brevo: smtp-relay.brevo.com:587 starttls auto
zoho: smtp.zoho.com:587 starttls auto
fastmail: smtp.fastmail.com:465 tls auto
icloud: smtp.mail.me.com:587 starttls auto
yahoo: smtp.mail.yahoo.com:465 tls auto
gmail.com: gmail_app
workspace.test: gmail_app
new-workspace.test: gmail_app
m365.test: microsoft
hotmail.com: outlook
proton.test: protonmail
zoho.test: zoho_eu
zohocom.test: zoho
fastmail.test: fastmail
icloud.com: icloud
yahoo.com: yahoo
own.test: not recognised
nomx.test: not recognised
evil.test: not recognised
the domain asked: gmail.com; not an address: NULL
