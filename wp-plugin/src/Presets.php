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

    public static function keys(): array
    {
        return array_keys(self::all());
    }

    public static function get(string $key): ?array
    {
        return self::all()[$key] ?? null;
    }

    /* The connection fields a preset sets. */
    public static function fields(string $key): array
    {
        $p = self::get($key) ?? [];
        return array_intersect_key($p, array_flip(['host', 'port', 'security', 'auth', 'username', 'oauth_provider']));
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
