<?php
/*
 * Presets: what is known about each mail provider: the SMTP host, port and
 * security, how the user name is formed, where the password or key comes
 * from, and the MX hosts that give the provider away (the wizard's guess
 * from the From address's domain). The MX lookup goes through the
 * php_smtp_mx_records filter first, so tests can answer it offline.
 */
namespace PhpSmtp;

defined('ABSPATH') || exit;

final class Presets
{
    /* Amazon SES regions with an SMTP endpoint (email-smtp.REGION.amazonaws.com). */
    public const SES_REGIONS = ['us-east-1', 'us-east-2', 'us-west-1', 'us-west-2', 'ca-central-1', 'sa-east-1', 'eu-west-1', 'eu-west-2',
                                'eu-west-3', 'eu-central-1', 'eu-north-1', 'eu-south-1', 'ap-south-1', 'ap-northeast-1', 'ap-northeast-2',
                                'ap-northeast-3', 'ap-southeast-1', 'ap-southeast-2', 'me-south-1', 'af-south-1', 'il-central-1'];

    /* MX host suffix => the preset it points at (the first match wins). */
    private const MX = [
        '.google.com' => 'gmail_app', '.googlemail.com' => 'gmail_app', 'smtp.google.com' => 'gmail_app',
        '.olc.protection.outlook.com' => 'outlook', '.mail.protection.outlook.com' => 'microsoft',
        '.protonmail.ch' => 'protonmail', '.proton.me' => 'protonmail',
        '.zoho.com' => 'zoho', '.zoho.eu' => 'zoho_eu', '.zohomail.com' => 'zoho',
        '.messagingengine.com' => 'fastmail', '.mail.icloud.com' => 'icloud', '.yahoodns.net' => 'yahoo',
    ];

    /*
     * key => label, host, port, security, auth, [username (fixed), oauth_provider],
     * user (the rule for the user name), key (where the password or key comes from),
     * user_is ('email': the mailbox's address; 'fixed'; 'password': the same token; 'given': the provider's login).
     */
    public static function all(): array
    {
        $email = __('Your full email address.', 'php-smtp');
        $p = [
            'gmail_app' => ['label' => __('Gmail / Google Workspace (app password)', 'php-smtp'), 'host' => 'smtp.gmail.com', 'port' => 587, 'security' => 'starttls', 'auth' => 'auto',
                'user_is' => 'email', 'user' => $email,
                'key' => __('An app password from myaccount.google.com/apppasswords (2-Step Verification must be on); not your Google password.', 'php-smtp')],
            'gmail_oauth' => ['label' => __('Gmail / Google Workspace (OAuth 2.0)', 'php-smtp'), 'host' => 'smtp.gmail.com', 'port' => 587, 'security' => 'starttls', 'auth' => 'xoauth2', 'oauth_provider' => 'google',
                'user_is' => 'email', 'user' => __('The Google mailbox you grant permission for.', 'php-smtp'),
                'key' => __('No password: a client ID and secret from Google Cloud Console (APIs & Services > Credentials), then "Grant permission with Google".', 'php-smtp')],
            'microsoft' => ['label' => __('Microsoft 365 (OAuth 2.0)', 'php-smtp'), 'host' => 'smtp.office365.com', 'port' => 587, 'security' => 'starttls', 'auth' => 'xoauth2', 'oauth_provider' => 'microsoft',
                'user_is' => 'email', 'user' => __('The Microsoft 365 mailbox you grant permission for (SMTP AUTH must be enabled for it).', 'php-smtp'),
                'key' => __('No password: an app registration in Microsoft Entra admin center (client ID and secret, permission SMTP.Send), then "Grant permission with Microsoft".', 'php-smtp')],
            'outlook' => ['label' => __('Outlook.com / Hotmail (OAuth 2.0)', 'php-smtp'), 'host' => 'smtp-mail.outlook.com', 'port' => 587, 'security' => 'starttls', 'auth' => 'xoauth2', 'oauth_provider' => 'microsoft',
                'user_is' => 'email', 'user' => __('Your Outlook.com address.', 'php-smtp'),
                'key' => __('Outlook.com no longer accepts passwords over SMTP: an app registration in Microsoft Entra (personal accounts allowed), then "Grant permission with Microsoft".', 'php-smtp')],
            'protonmail' => ['label' => __('Proton Mail (SMTP token)', 'php-smtp'), 'host' => 'smtp.protonmail.ch', 'port' => 587, 'security' => 'starttls', 'auth' => 'auto',
                'user_is' => 'email', 'user' => __('The Proton address on your custom domain that the token was made for.', 'php-smtp'),
                'key' => __('An SMTP token from Proton Mail: Settings > IMAP/SMTP > SMTP tokens (paid plans, custom domain addresses).', 'php-smtp')],
            'sendgrid' => ['label' => __('SendGrid', 'php-smtp'), 'host' => 'smtp.sendgrid.net', 'port' => 587, 'security' => 'starttls', 'auth' => 'auto', 'username' => 'apikey',
                'user_is' => 'fixed', 'user' => __('Always the word "apikey".', 'php-smtp'),
                'key' => __('An API key with "Mail Send" permission: SendGrid > Settings > API Keys.', 'php-smtp')],
            'mandrill' => ['label' => __('Mandrill (Mailchimp Transactional)', 'php-smtp'), 'host' => 'smtp.mandrillapp.com', 'port' => 587, 'security' => 'starttls', 'auth' => 'auto',
                'user_is' => 'given', 'user' => __('Any name (Mandrill ignores it); your account email is usual.', 'php-smtp'),
                'key' => __('An API key: Mandrill > Settings > SMTP & API Info > New API Key.', 'php-smtp')],
            'mailgun' => ['label' => __('Mailgun (US)', 'php-smtp'), 'host' => 'smtp.mailgun.org', 'port' => 587, 'security' => 'starttls', 'auth' => 'auto',
                'user_is' => 'given', 'user' => __('The SMTP login of your sending domain, like postmaster@mg.example.com.', 'php-smtp'),
                'key' => __('The SMTP password of that login: Mailgun > Sending > Domain settings > SMTP credentials.', 'php-smtp')],
            'mailgun_eu' => ['label' => __('Mailgun (EU)', 'php-smtp'), 'host' => 'smtp.eu.mailgun.org', 'port' => 587, 'security' => 'starttls', 'auth' => 'auto',
                'user_is' => 'given', 'user' => __('The SMTP login of your sending domain, like postmaster@mg.example.com.', 'php-smtp'),
                'key' => __('The SMTP password of that login: Mailgun > Sending > Domain settings > SMTP credentials.', 'php-smtp')],
            'postmark' => ['label' => __('Postmark', 'php-smtp'), 'host' => 'smtp.postmarkapp.com', 'port' => 587, 'security' => 'starttls', 'auth' => 'auto',
                'user_is' => 'password', 'user' => __('The Server API token, the same as the password.', 'php-smtp'),
                'key' => __('The Server API token: Postmark > Servers > your server > API Tokens.', 'php-smtp')],
        ];
        foreach (self::SES_REGIONS as $region) {
            $p["ses_$region"] = ['label' => sprintf(/* translators: %s: an AWS region, e.g. eu-west-1 */ __('Amazon SES (%s)', 'php-smtp'), $region),
                'host' => "email-smtp.$region.amazonaws.com", 'port' => 587, 'security' => 'starttls', 'auth' => 'auto',
                'user_is' => 'given', 'user' => __('The SMTP user name SES made for you (starts with AKIA), not your AWS login.', 'php-smtp'),
                'key' => __('The SMTP password from SES > SMTP settings > Create SMTP credentials (not the AWS secret access key).', 'php-smtp')];
        }
        $p += [
            'brevo' => ['label' => __('Brevo (Sendinblue)', 'php-smtp'), 'host' => 'smtp-relay.brevo.com', 'port' => 587, 'security' => 'starttls', 'auth' => 'auto',
                'user_is' => 'given', 'user' => __('The SMTP login shown in Brevo > SMTP & API > SMTP (like 12ab34@smtp-brevo.com).', 'php-smtp'),
                'key' => __('An SMTP key: Brevo > SMTP & API > SMTP > Generate a new SMTP key.', 'php-smtp')],
            'zoho' => ['label' => __('Zoho Mail (zoho.com)', 'php-smtp'), 'host' => 'smtp.zoho.com', 'port' => 587, 'security' => 'starttls', 'auth' => 'auto',
                'user_is' => 'email', 'user' => $email,
                'key' => __('Your Zoho password, or with two-factor sign-in an app password: Zoho Accounts > Security > App passwords.', 'php-smtp')],
            'zoho_eu' => ['label' => __('Zoho Mail (zoho.eu)', 'php-smtp'), 'host' => 'smtp.zoho.eu', 'port' => 587, 'security' => 'starttls', 'auth' => 'auto',
                'user_is' => 'email', 'user' => $email,
                'key' => __('Your Zoho password, or with two-factor sign-in an app password: Zoho Accounts > Security > App passwords.', 'php-smtp')],
            'fastmail' => ['label' => __('Fastmail', 'php-smtp'), 'host' => 'smtp.fastmail.com', 'port' => 465, 'security' => 'tls', 'auth' => 'auto',
                'user_is' => 'email', 'user' => $email,
                'key' => __('An app password with SMTP access: Fastmail > Settings > Privacy & Security > Manage app passwords.', 'php-smtp')],
            'icloud' => ['label' => __('iCloud Mail', 'php-smtp'), 'host' => 'smtp.mail.me.com', 'port' => 587, 'security' => 'starttls', 'auth' => 'auto',
                'user_is' => 'email', 'user' => __('Your iCloud email address (the @icloud.com one, even when sending from a custom domain).', 'php-smtp'),
                'key' => __('An app-specific password: account.apple.com > Sign-In and Security > App-Specific Passwords.', 'php-smtp')],
            'yahoo' => ['label' => __('Yahoo Mail', 'php-smtp'), 'host' => 'smtp.mail.yahoo.com', 'port' => 465, 'security' => 'tls', 'auth' => 'auto',
                'user_is' => 'email', 'user' => $email,
                'key' => __('An app password: Yahoo Account Info > Account security > Generate app password.', 'php-smtp')],
            'other' => ['label' => __('Any other SMTP server', 'php-smtp'), 'host' => '', 'port' => 587, 'security' => 'starttls', 'auth' => 'auto',
                'user_is' => 'given', 'user' => __('What your mail provider or host gives you; leave empty for a relay without login.', 'php-smtp'),
                'key' => __('The password your mail provider or host gives you.', 'php-smtp')],
        ];
        return $p;
    }

    /*
     * The HTTPS APIs, for hosts that block ports 25, 465 and 587: key => label,
     * transport, [oauth_provider, mailgun_region], user (who sends), key (where
     * the key or grant comes from). Choosing one keeps the SMTP fields as they are.
     */
    public static function apis(): array
    {
        return [
            'gmail_api' => ['label' => __('Gmail API (HTTPS — works where SMTP ports are blocked)', 'php-smtp'), 'transport' => 'gmail', 'oauth_provider' => 'google',
                'user' => __('The Google mailbox you grant permission for.', 'php-smtp'),
                'key' => __('No key: the same OAuth client and grant as Gmail over SMTP (scope https://mail.google.com/). In Google Cloud Console enable the Gmail API, create an OAuth client ID (Web application), then "Grant permission with Google".', 'php-smtp')],
            'graph_api' => ['label' => __('Microsoft 365 via Graph (HTTPS)', 'php-smtp'), 'transport' => 'graph', 'oauth_provider' => 'microsoft',
                'user' => __('The Microsoft 365 mailbox you grant permission for (SMTP AUTH may stay off).', 'php-smtp'),
                'key' => __('An app registration in Microsoft Entra admin center with the delegated Microsoft Graph permission Mail.Send (scope https://graph.microsoft.com/Mail.Send offline_access), then "Grant permission with Microsoft".', 'php-smtp')],
            'mailgun_api' => ['label' => __('Mailgun API (HTTPS)', 'php-smtp'), 'transport' => 'mailgun',
                'user' => __('Your sending domain in Mailgun (like mg.example.com) and its region: US, or EU for domains created in the EU.', 'php-smtp'),
                'key' => __('A sending API key: Mailgun > Sending > Domain settings > Sending API keys (or an account API key from API Security).', 'php-smtp')],
            'ses_api' => ['label' => __('Amazon SES API (HTTPS)', 'php-smtp'), 'transport' => 'ses',
                'user' => __('The region where your sending identity is verified in SES.', 'php-smtp'),
                'key' => __('An access key of an IAM user allowed ses:SendEmail (AWS console > IAM > Users > Security credentials > Create access key): the access key ID and the secret access key; not the SES SMTP password.', 'php-smtp')],
            'sendgrid_api' => ['label' => __('SendGrid API (HTTPS)', 'php-smtp'), 'transport' => 'sendgrid',
                'user' => __('No user name.', 'php-smtp'),
                'key' => __('An API key with "Mail Send" permission: SendGrid > Settings > API Keys (the same key works over SMTP).', 'php-smtp')],
            'postmark_api' => ['label' => __('Postmark API (HTTPS)', 'php-smtp'), 'transport' => 'postmark',
                'user' => __('No user name.', 'php-smtp'),
                'key' => __('The Server API token: Postmark > Servers > your server > API Tokens (the same token works over SMTP).', 'php-smtp')],
            'mandrill_api' => ['label' => __('Mandrill API (HTTPS)', 'php-smtp'), 'transport' => 'mandrill',
                'user' => __('No user name.', 'php-smtp'),
                'key' => __('An API key: Mandrill > Settings > SMTP & API Info > New API Key (the same key works over SMTP).', 'php-smtp')],
        ];
    }

    public static function keys(): array
    {
        return array_merge(array_keys(self::all()), array_keys(self::apis()));
    }

    public static function get(string $key): ?array
    {
        return self::all()[$key] ?? self::apis()[$key] ?? null;
    }

    /* The connection fields a preset sets: an SMTP one sends with SMTP, an API one only switches the transport. */
    public static function fields(string $key): array
    {
        $p = self::get($key) ?? [];
        if (isset($p['transport'])) return array_intersect_key($p, array_flip(['transport', 'oauth_provider']));
        return array_intersect_key($p, array_flip(['host', 'port', 'security', 'auth', 'username', 'oauth_provider'])) + ($p ? ['transport' => 'smtp'] : []);
    }

    /*
     * The HTTPS API of an SMTP preset's provider, for a host that blocks the SMTP
     * ports, or null when the provider has none we speak: ['preset' => the API preset,
     * 'set' => field => value, 'copy' => API field => the SMTP field that holds the
     * same secret (SendGrid's, Postmark's and Mandrill's SMTP password is their API key)].
     */
    public static function api_for(string $smtp_preset): ?array
    {
        if (str_starts_with($smtp_preset, 'ses_')) return ['preset' => 'ses_api', 'set' => ['ses_region' => substr($smtp_preset, 4)], 'copy' => []];
        /* Graph's sendMail takes personal Microsoft accounts (Outlook.com) too, with the same Mail.Send permission */
        $map = ['gmail_app' => ['gmail_api', []], 'gmail_oauth' => ['gmail_api', []], 'microsoft' => ['graph_api', []], 'outlook' => ['graph_api', []],
                'mailgun' => ['mailgun_api', ['mailgun_region' => 'us']], 'mailgun_eu' => ['mailgun_api', ['mailgun_region' => 'eu']],
                'sendgrid' => ['sendgrid_api', [], ['sendgrid_api_key' => 'password']], 'postmark' => ['postmark_api', [], ['postmark_api_key' => 'password']],
                'mandrill' => ['mandrill_api', [], ['mandrill_api_key' => 'password']]];
        if (!isset($map[$smtp_preset])) return null;
        return ['preset' => $map[$smtp_preset][0], 'set' => $map[$smtp_preset][1], 'copy' => $map[$smtp_preset][2] ?? []];
    }

    /*
     * The MX hosts of $domain, lowercased, by preference. The php_smtp_mx_records
     * filter may answer instead of DNS (an array short-circuits the lookup).
     */
    public static function mx_hosts(string $domain): array
    {
        $domain = strtolower(trim($domain, ". \t"));
        if ($domain === '') return [];
        $answer = apply_filters('php_smtp_mx_records', null, $domain);
        if (!is_array($answer)) {
            $answer = [];
            $weights = [];
            if (function_exists('getmxrr') && @getmxrr($domain . '.', $hosts, $weights)) {
                array_multisort($weights, SORT_NUMERIC, $hosts);
                $answer = $hosts;
            } elseif (function_exists('dns_get_record')) {
                $records = @dns_get_record($domain . '.', DNS_MX) ?: [];
                usort($records, fn($a, $b) => ($a['pri'] ?? 0) <=> ($b['pri'] ?? 0));
                $answer = array_column($records, 'target');
            }
        }
        return array_values(array_filter(array_map(fn($h) => strtolower(rtrim((string)$h, '.')), $answer)));
    }

    /* The preset whose MX hosts serve $email's domain, or null. */
    public static function guess(string $email): ?string
    {
        $at = strrpos($email, '@');
        if ($at === false) return null;
        foreach (self::mx_hosts(substr($email, $at + 1)) as $host) {
            foreach (self::MX as $suffix => $preset) {
                if ($host === ltrim($suffix, '.') || str_ends_with($host, $suffix)) return $preset;
            }
        }
        return null;
    }
}
