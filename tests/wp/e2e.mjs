// End-to-end tests of the php-smtp plugin in a real WordPress, driven by Debian's
// Chromium through playwright-core. Needs the mail stack (tests/servers/mailstack.sh)
// and the test WordPress (tests/wp/wordpress.sh) running; their env files are given
// in SMTP_TEST_ENV and SMTP_TEST_WP_ENV. Screenshots go to SHOTS (default tests/wp/shots).
// Prints "ok - name" / "not ok - name: why" and ends with "e2e: N passed, M failed".
import { execFile, execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { readEnv, launch, test, assert, finish } from './browser.mjs';

const here = path.dirname(new URL(import.meta.url).pathname);
const stack = readEnv(process.env.SMTP_TEST_ENV || path.join(here, '../.stack/env'));
const wp = readEnv(process.env.SMTP_TEST_WP_ENV || path.join(here, '../.wp/env'));
const shots = process.env.SHOTS || path.join(here, 'shots');
const so = process.env.SMTP_SO || path.join(here, '../../modules/smtp.so');
fs.mkdirSync(shots, { recursive: true });


function helper(...args) {
  return execFileSync('php', ['-d', `extension=${so}`, path.join(here, 'wp-helper.php'), ...args],
    { env: { ...process.env, WP_DIR: wp.WP_DIR }, encoding: 'utf8' });
}
// the same without blocking node's event loop: for a call that raises an alert, so the webhook
// listener below can answer it (a blocked one makes WordPress wait out its 10 s timeout)
function helperAsync(...args) {
  return new Promise((resolve, reject) => execFile('php', ['-d', `extension=${so}`, path.join(here, 'wp-helper.php'), ...args],
    { env: { ...process.env, WP_DIR: wp.WP_DIR }, encoding: 'utf8' }, (e, out) => (e ? reject(e) : resolve(out))));
}
// messages that arrived during this run only (the stack's Maildir may hold older ones)
const started = Date.now() - 1000;
function maildirWith(text) {
  const dir = path.join(stack.SMTP_TEST_MAILDIR, 'inbox/new');
  return fs.readdirSync(dir).map((f) => path.join(dir, f)).filter((f) => fs.statSync(f).mtimeMs >= started)
    .map((f) => fs.readFileSync(f, 'utf8')).filter((m) => m.includes(text));
}
async function waitForMail(text, count = 1, ms = 15000) {
  const until = Date.now() + ms;
  let found = [];
  while (Date.now() < until) {
    found = maildirWith(text);
    if (found.length >= count) return found;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${found.length} of ${count} messages containing "${text}" arrived`);
}
const parseMail = (file) => JSON.parse(execFileSync('python3', [path.join(here, '../servers/parse_mail.py'), file], { encoding: 'utf8' }));
function control(query) {
  execFileSync('curl', ['-sf', '--cacert', stack.SMTP_TEST_CA, `${stack.SMTP_TEST_OAUTH_URL}/control?${query}`]);
}

const relay = (extra = {}) => JSON.stringify({
  provider: 'other', host: 'localhost', port: Number(stack.SMTP_TEST_RELAY_PORT), security: 'none', auth: 'none',
  from: 'site@example.test', from_name: 'Test Site', timeout: 5, ...extra,
});

// the local authorization server's certificate is from the test CA
const { home, context, page, close } = await launch('php-smtp-e2e-', { ignoreHTTPSErrors: true });
const dialogs = [];
page.on('dialog', (d) => { dialogs.push(d.message()); d.dismiss(); });
const admin = (q = '') => `${wp.WP_URL}/wp-admin/options-general.php?page=php-smtp${q}`;
const shot = (name) => page.screenshot({ path: path.join(shots, `${name}.png`), fullPage: true });

async function login(user, pass, base = wp.WP_URL) {
  await context.clearCookies();
  await page.goto(`${base}/wp-login.php`);
  await page.fill('#user_login', user);
  await page.fill('#user_pass', pass);
  await Promise.all([page.waitForNavigation(), page.click('#wp-submit')]);
}

// ---- who may do what ---------------------------------------------------------------
await test('an anonymous visitor gets nothing from any plugin route', async () => {
  await context.clearCookies();
  const routes = ['test', 'grant', 'forget', 'resend', 'outbox', 'preset', 'use_api'];
  for (const a of routes) {
    const r = await page.request.post(`${wp.WP_URL}/wp-admin/admin-post.php`, { form: { action: `php_smtp_${a}`, to: 'x@example.test', id: '1' }, maxRedirects: 0 });
    const body = await r.text();
    assert(!body.includes('php-smtp') || r.status() >= 300, `${a}: ${r.status()}`);
    assert(r.status() === 302 ? (r.headers().location || '').includes('wp-login.php') : r.status() >= 400, `${a}: status ${r.status()}`);
  }
  const p = await page.request.get(admin(), { maxRedirects: 0 });
  assert(p.status() === 302 && p.headers().location.includes('wp-login.php'), `settings page: ${p.status()}`);
  const rest = await (await page.request.get(`${wp.WP_URL}/?rest_route=/`)).json();
  const mine = [...rest.namespaces, ...Object.keys(rest.routes)].filter((r) => /smtp/i.test(r));
  assert(rest.namespaces.length > 0 && mine.length === 0, `REST routes of the plugin: ${mine.join(', ')}`);
});

await test('a Subscriber is refused the page and every action, even with a nonce of their own', async () => {
  await login(wp.WP_SUBSCRIBER_USER, wp.WP_SUBSCRIBER_PASS);
  const r = await page.goto(admin());
  assert(r.status() === 403, `page status ${r.status()}`);
  assert((await page.content()).includes('not allowed'), 'no refusal text');
  for (const a of ['test', 'grant', 'forget', 'resend', 'outbox', 'preset', 'use_api']) {
    const res = await page.request.post(`${wp.WP_URL}/wp-admin/admin-post.php`, { form: { action: `php_smtp_${a}`, _wpnonce: 'x', to: 'x@example.test' } });
    assert(res.status() === 403, `${a}: status ${res.status()}`);
  }
  const cb = await page.goto(admin('&oauth=callback&code=x&state=y'));
  assert(cb.status() === 403, `OAuth callback status ${cb.status()}`);
});

// ---- the setup wizard: a newcomer from an empty site to a delivered test email -------------------------
await test('setup wizard: MX guess accepted in one click, each step checked (missing and wrong password refused), test email delivered', async () => {
  await login(wp.WP_ADMIN_USER, wp.WP_ADMIN_PASS);
  helper('settings', '{}');   // an empty site
  for (const o of ['_transient_php_smtp_wizard_1', '_transient_timeout_php_smtp_wizard_1']) helper('option', o, 'null');
  // DNS is answered offline: a must-use plugin hands php_smtp_mx_records the published MX hosts
  const mu = path.join(wp.WP_DIR, 'wp-content/mu-plugins');
  fs.mkdirSync(mu, { recursive: true });
  fs.writeFileSync(path.join(mu, 'php-smtp-test-dns.php'), `<?php
add_filter('php_smtp_mx_records', function ($answer, $domain) {
    $mx = ['newcomer-google.test' => ['aspmx.l.google.com', 'alt1.aspmx.l.google.com'], 'example.test' => ['mx.example.test']];
    return $mx[$domain] ?? [];
}, 10, 2);
`);
  // the test stack's private CA, as a host would set it in wp-config.php
  const extra = path.join(path.dirname(wp.WP_DIR), 'wp-config-extra.php');
  fs.writeFileSync(extra, `<?php define('PHP_SMTP_CAFILE', '${stack.SMTP_TEST_CA}');\n`);
  try {
    await page.goto(admin());
    // Seen in some full runs after the PHP-level tests (never alone), even after one retry: say
    // what the page and the database hold when it happens, then empty the site and look again.
    for (let tries = 1; tries <= 3 && !(await page.isVisible('#php-smtp-start-wizard')); tries++) {
      const stored = JSON.parse(helper('option-get', 'php_smtp_settings') || 'null') || {};
      const seen = await page.evaluate(() => [document.title, location.href, (document.querySelector('h1, h2') || {}).textContent,
        [...document.querySelectorAll('.notice, #php-smtp-connection, #php-smtp-borrowed')].map((n) => n.textContent.trim().slice(0, 160)).join(' / ')]);
      console.log(`# wizard: no wizard offer on load ${tries}: page ${JSON.stringify(seen)}; stored host=${JSON.stringify(stored.host)} transport=${JSON.stringify(stored.transport)}; extra config: ${fs.existsSync(extra) ? fs.readFileSync(extra, 'utf8').replace(/\s+/g, ' ') : 'none'}`);
      await shot(`wizard-not-empty-${tries}`);
      await new Promise((r) => setTimeout(r, 2000));
      helper('settings', '{}');
      await page.goto(admin());
    }
    assert(await page.isVisible('#php-smtp-start-wizard'), 'an empty site does not offer the wizard');
    await Promise.all([page.waitForNavigation(), page.click('#php-smtp-start-wizard a')]);
    await shot('wizard-1-provider');
    await page.fill('#php-smtp-wizard-from', 'owner@newcomer-google.test');
    await Promise.all([page.waitForNavigation(), page.click('#php-smtp-wizard-guess')]);
    const guessed = await page.textContent('#php-smtp-wizard-guessed');
    assert(guessed.includes('The mail of newcomer-google.test is handled by Gmail / Google Workspace'), `guess: ${guessed}`);
    await shot('wizard-1-guess');
    await Promise.all([page.waitForNavigation(), page.click('#php-smtp-wizard-accept-gmail_app')]);
    assert(await page.getAttribute('#php-smtp-wizard', 'data-step') === 'credentials', 'not on the credentials step');
    assert(await page.inputValue('#php-smtp-wizard-host') === 'smtp.gmail.com' && await page.inputValue('#php-smtp-wizard-port') === '587', 'Gmail preset not filled in');
    assert(await page.inputValue('#php-smtp-wizard-username') === 'owner@newcomer-google.test', 'user name rule (full address) not applied');
    assert((await page.textContent('#php-smtp-wizard-help')).includes('myaccount.google.com/apppasswords'), 'no word on where the app password comes from');
    await shot('wizard-2-credentials');
    await Promise.all([page.waitForNavigation(), page.click('#php-smtp-wizard-check')]);
    assert((await page.textContent('#php-smtp-wizard-error')).includes('Enter the password'), 'an empty password was let through');
    assert(await page.getAttribute('#php-smtp-wizard', 'data-step') === 'credentials', 'moved on without a password');
    // this newcomer's mail is really with the test stack: back, another address, another provider
    await Promise.all([page.waitForNavigation(), page.click('#php-smtp-wizard-back')]);
    await page.fill('#php-smtp-wizard-from', stack.SMTP_TEST_USER);
    await Promise.all([page.waitForNavigation(), page.click('#php-smtp-wizard-guess')]);
    assert(await page.isVisible('#php-smtp-wizard-unknown'), 'an unknown MX was guessed');
    await page.selectOption('#php-smtp-wizard-preset', 'other');
    await Promise.all([page.waitForNavigation(), page.click('#php-smtp-wizard-choose')]);
    await page.fill('#php-smtp-wizard-host', 'localhost');
    await page.fill('#php-smtp-wizard-port', stack.SMTP_TEST_SUBMISSION_PORT);
    await page.selectOption('#php-smtp-wizard-security', 'starttls');
    await page.fill('#php-smtp-wizard-username', stack.SMTP_TEST_USER);
    await page.fill('#php-smtp-wizard-password', 'not-the-password');
    await Promise.all([page.waitForNavigation(), page.click('#php-smtp-wizard-check')]);
    const refused = await page.textContent('#php-smtp-wizard-error');
    assert(refused.includes('This did not work (auth)') && refused.includes('535'), `wrong password: ${refused}`);
    assert(await page.inputValue('#php-smtp-wizard-host') === 'localhost' && await page.inputValue('#php-smtp-wizard-password') === '', 'the attempt was not kept, or the password came back');
    await page.fill('#php-smtp-wizard-password', stack.SMTP_TEST_PASS);
    await Promise.all([page.waitForNavigation(), page.click('#php-smtp-wizard-check')]);
    assert(await page.getAttribute('#php-smtp-wizard', 'data-step') === 'test', `not on the test step: ${await page.textContent('#php-smtp-wizard')}`);
    await shot('wizard-3-test');
    await page.fill('#php-smtp-wizard-to', 'bob@example.test');
    await Promise.all([page.waitForNavigation(), page.click('#php-smtp-wizard-send')]);
    assert(await page.isVisible('#php-smtp-wizard-done'), `not done: ${await page.textContent('#php-smtp-wizard')}`);
    assert((await page.textContent('#php-smtp-wizard-result')).includes('250'), 'no server reply shown');
    await shot('wizard-4-done');
    const [m] = await waitForMail(`From: WordPress <${stack.SMTP_TEST_USER}>`);   // no From name given: core's "WordPress"
    const f = path.join(home, 'wizard.eml');
    fs.writeFileSync(f, m);
    const parsed = parseMail(f);
    assert(parsed.headers.subject[0] === 'php-smtp test from php-smtp test site' && parsed.headers.to[0] === 'bob@example.test', `arrived: ${JSON.stringify(parsed.headers).slice(0, 300)}`);
    assert(parsed.parts[0].text.includes('WordPress can send mail'), 'body');
    assert(!(await page.content()).includes(stack.SMTP_TEST_PASS), 'the password in the page');
    // read: later tests look for their own "php-smtp test from" message
    for (const name of fs.readdirSync(path.join(stack.SMTP_TEST_MAILDIR, 'inbox/new'))) {
      const p = path.join(stack.SMTP_TEST_MAILDIR, 'inbox/new', name);
      if (fs.readFileSync(p, 'utf8').includes('php-smtp test from')) fs.renameSync(p, path.join(stack.SMTP_TEST_MAILDIR, 'inbox/cur', `${name}:2,S`));
    }
  } finally {
    fs.rmSync(extra, { force: true });
    fs.rmSync(path.join(mu, 'php-smtp-test-dns.php'), { force: true });
  }
});

// ---- the wizard with an SMTP relay, the test email -----------------------------------
await test('admin: preset, connection settings, test email delivered, transcript shown', async () => {
  await login(wp.WP_ADMIN_USER, wp.WP_ADMIN_PASS);
  await page.goto(admin());
  await page.selectOption('#php-smtp-preset', 'other');
  await Promise.all([page.waitForNavigation(), page.click('#php-smtp-preset-submit')]);
  await page.fill('#php-smtp-host', 'localhost');
  await page.fill('#php-smtp-port', stack.SMTP_TEST_RELAY_PORT);
  await page.selectOption('#php-smtp-security', 'none');
  await page.selectOption('#php-smtp-auth', 'none');
  await page.fill('#php-smtp-password', 'relay-secret-never-shown');
  await page.fill('#php-smtp-from', 'site@example.test');
  await page.fill('#php-smtp-from_name', 'E2E Site');
  await Promise.all([page.waitForNavigation(), page.click('#php-smtp-save')]);
  await shot('settings');
  const html = await page.content();
  assert(!html.includes('relay-secret-never-shown'), 'the password came back into the page');
  assert(html.includes('stored (encrypted); leave empty to keep it'), 'no hint that a password is stored');
  await page.goto(admin('&tab=test'));
  await page.fill('#php-smtp-test-to', 'bob@example.test');
  await Promise.all([page.waitForNavigation(), page.click('#php-smtp-test-send')]);
  await shot('test-email');
  const result = await page.textContent('#php-smtp-test-result');
  assert(result.includes('Sent') && result.includes('250'), `result: ${result}`);
  const transcript = await page.textContent('#php-smtp-test-transcript');
  assert(transcript.includes('MAIL FROM:<site@example.test>'), 'transcript without MAIL FROM');
  const [m] = await waitForMail('php-smtp test from');
  assert(m.includes('From: E2E Site <site@example.test>'), 'From header');
});

await test('CSRF: a missing nonce and a foreign OAuth state are refused', async () => {
  const res = await page.request.post(`${wp.WP_URL}/wp-admin/admin-post.php`, { form: { action: 'php_smtp_test', to: 'victim@example.test' } });
  assert(res.status() === 403, `no nonce: ${res.status()}`);
  const res2 = await page.request.post(`${wp.WP_URL}/wp-admin/admin-post.php`, { form: { action: 'php_smtp_test', to: 'victim@example.test', _wpnonce: 'forged' } });
  assert(res2.status() === 403, `forged nonce: ${res2.status()}`);
  assert(maildirWith('victim@example.test').length === 0, 'a forged request sent mail');
  for (const cb of [`${wp.WP_URL}/wp-admin/admin-post.php?code=stolen&state=not-mine`, admin('&oauth=callback&code=stolen&state=not-mine')]) {
    await page.goto(cb);
    const flash = await page.textContent('#php-smtp-flash');
    assert(flash.includes('state mismatch'), `${cb}: flash: ${flash}`);
  }
});

// ---- outbox ---------------------------------------------------------------------------
const mailstack = (cmd) => execFileSync('bash', [path.join(here, '../servers/mailstack.sh'), cmd, stack.SMTP_TEST_DIR], { stdio: 'inherit' });

await test('relay stopped: a password reset from the login page waits in the outbox; relay started, cron runs twice, delivered exactly once', async () => {
  helper('settings', relay());
  mailstack('postfix-stop');                 // the real relay goes down
  try {
    // WordPress's own "Lost your password?" page sends the mail, as a visitor would
    await page.goto(`${wp.WP_URL}/wp-login.php?action=lostpassword`);
    await page.fill('#user_login', wp.WP_SUBSCRIBER_USER);
    await Promise.all([page.waitForNavigation(), page.click('#wp-submit')]);
    await shot('lostpassword-queued');
    const said = await page.content();
    assert(said.includes('Check your email for the confirmation link'), 'the page did not report the mail as accepted');
    await page.goto(admin('&tab=outbox'));
    await shot('outbox');
    const row = await page.textContent('#php-smtp-log');
    assert(row.includes('Password Reset') && row.includes('Queued for retry') && row.includes('Connection refused'), `outbox: ${row}`);
    assert((await page.content()).includes('waiting in the outbox'), 'no admin notice about the outbox');
    assert(helper('log-count', 'queued').trim() === '1', 'not exactly one queued message');
  } finally {
    mailstack('postfix-start');              // the relay comes back
  }
  // two cron runs at once: the lease lets only one send it
  await Promise.all([
    new Promise((r) => r(helper('cron'))), new Promise((r) => r(helper('cron'))),
  ]);
  const [m] = await waitForMail('Password Reset');
  assert(m.includes('sub@example.test') && /action=rp&key=/.test(m.replace(/=\r?\n/g, '')), 'the reset link did not arrive');
  await new Promise((r) => setTimeout(r, 1500));
  assert(maildirWith('Password Reset').length === 1, `delivered ${maildirWith('Password Reset').length} times`);
  assert(helper('log-count', 'queued').trim() === '0', 'still queued');
  assert(helper('log-count', 'sent').trim() !== '0', 'not logged as sent');
});

// ---- escaping ---------------------------------------------------------------------------
await test('<script> in a subject, an address and a server reply is shown escaped in the log', async () => {
  helper('settings', relay());
  helper('mail', 'bob@example.test', '<script>alert("subject")</script>');
  helper('mail', '"<script>alert(1)</script>" <nobody@elsewhere.invalid>', 'refused <img src=x onerror=alert(2)>');
  await page.goto(admin('&tab=log'));
  await shot('log');
  const html = await page.content();
  assert(html.includes('&lt;script&gt;alert("subject")&lt;/script&gt;') || html.includes('&lt;script&gt;alert(&quot;subject&quot;)'), 'subject not escaped');
  assert(!/<script>alert/.test(html) && !html.includes('<img src=x'), 'raw markup in the page');
  assert(dialogs.length === 0, `a script ran: ${dialogs.join(', ')}`);
  await page.click('#php-smtp-log tbody tr:nth-child(1) a');
  await shot('log-entry');
  assert(dialogs.length === 0, 'a script ran on the entry page');
});

await test('a message that failed for good is announced on the dashboard until the failures are looked at', async () => {
  await page.goto(`${wp.WP_URL}/wp-admin/index.php`);
  const notice = await page.textContent('.php-smtp-failed');
  // the PHP-level tests before this one may have left failures of their own: the latest is ours
  assert(/(1 message|\d+ messages) could not be sent \((the last: )?RCPT TO rejected by localhost:\d+ for every recipient: <nobody@elsewhere\.invalid>: 554 5\.7\.1 .*Relay access denied\)/.test(notice), `notice: ${notice}`);
  await shot('notice-failed');
  await Promise.all([page.waitForNavigation(), page.click('.php-smtp-failed a')]);
  const rows = await page.textContent('#php-smtp-log tbody');
  assert(rows.includes('refused <img src=x onerror=alert(2)>') && !rows.includes('Sent'), `failure list: ${rows}`);
  assert(await page.locator('.php-smtp-failed').count() === 0, 'still announced on the failure list itself');
  await page.goto(`${wp.WP_URL}/wp-admin/index.php`);
  assert(await page.locator('.php-smtp-failed').count() === 0, 'still announced after the failures were seen');
});

// ---- alerts: a local HTTP listener plays the webhook ------------------------------------------
// an ephemeral port: nothing fixed to collide with another run
const hooks = [];
const listener = http.createServer((req, res) => {
  let body = '';
  req.on('data', (c) => { body += c; });
  req.on('end', () => {
    hooks.push({ path: req.url, type: req.headers['content-type'], body });
    // /hook/404/…: a misconfigured endpoint whose error page quotes the request's path back
    if (req.url.startsWith('/hook/404/')) { res.writeHead(404, { 'Content-Type': 'text/html' }); res.end(`<h1>Not Found</h1><p>No webhook at ${req.url}</p>`); return; }
    res.writeHead(200); res.end('ok');
  });
});
await new Promise((r) => listener.listen(0, '127.0.0.1', r));
const hookUrl = `http://127.0.0.1:${listener.address().port}/hook/webhook-secret-path`;
async function waitForHook(event, ms = 10000) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    const h = hooks.find((x) => { try { return JSON.parse(x.body).event === event; } catch { return false; } });
    if (h) return h;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no "${event}" webhook arrived (got: ${hooks.map((h) => h.body.slice(0, 80)).join(' | ') || 'nothing'})`);
}

await test('alerts: a webhook set on the Alerts tab receives the test alert and a failure as JSON, with no secret', async () => {
  helper('settings', relay({ username: 'site', password: 'relay-secret-for-alerts' }));
  for (const o of ['php_smtp_alerts', 'php_smtp_alert_state', 'php_smtp_alert_history']) helper('option', o, 'null');
  await page.goto(admin('&tab=alerts'));
  await page.fill('#php-smtp-alert-emails', 'alerts@example.test');
  await page.fill('#php-smtp-alert-webhook', hookUrl);
  await Promise.all([page.waitForNavigation(), page.click('#php-smtp-alerts-save')]);
  const html = await page.content();
  assert(!html.includes('webhook-secret-path'), 'the webhook URL came back into the page');
  assert(!helper('option-row', 'php_smtp_alerts').includes('webhook-secret-path'), 'the webhook URL in plain text in the database');
  assert((await page.textContent('#php-smtp-alert-webhook-stored')).includes('JSON POST to 127.0.0.1'), 'no stored-webhook note');
  await Promise.all([page.waitForNavigation(), page.click('#php-smtp-alert-test')]);
  assert((await page.textContent('#php-smtp-flash')).includes('Test alert sent'), 'no flash after the test alert');
  const t = await waitForHook('test');
  assert(t.path === '/hook/webhook-secret-path' && t.type.startsWith('application/json'), `test alert: ${t.path} ${t.type}`);
  await waitForMail('php-smtp test alert');
  await helperAsync('mail', 'nobody@elsewhere.invalid', 'an order confirmation');   // the relay refuses it for good
  const f = await waitForHook('failed');
  const j = JSON.parse(f.body);
  assert(j.site === wp.WP_URL, `site: ${j.site}`);
  assert(j.message.includes('nobody@elsewhere.invalid') && j.message.includes('an order confirmation') && j.message.includes('Relay access denied'), `message: ${j.message}`);
  assert(!f.body.includes('relay-secret-for-alerts') && !f.body.includes('webhook-secret-path'), 'a secret in the webhook payload');
  const [m] = await waitForMail('A message could not be sent');
  assert(m.includes('X-PHP-SMTP-Alert: failed') && !m.includes('relay-secret-for-alerts'), 'the alert email');
  await page.goto(admin('&tab=alerts'));
  await shot('alerts');
  const history = await page.textContent('#php-smtp-alert-history');
  assert(/failed[\s\S]*Webhook[\s\S]*OK 127\.0\.0\.1: HTTP 200/.test(history), `history: ${history.slice(0, 300)}`);
});

await test('alerts: the webhook URL is stored encrypted and never comes back; an endpoint whose 404 page quotes the path is named by its host only', async () => {
  const leaky = `http://127.0.0.1:${listener.address().port}/hook/404/e2e-leak-secret-token`;
  await page.goto(admin('&tab=alerts'));
  await page.fill('#php-smtp-alert-webhook', leaky);
  await Promise.all([page.waitForNavigation(), page.click('#php-smtp-alerts-save')]);
  let html = await page.content();
  assert(!html.includes('e2e-leak-secret-token') && !html.includes('/hook/404'), 'the webhook URL came back into the page');
  assert(await page.inputValue('#php-smtp-alert-webhook') === '', 'the field is not empty');
  assert(html.includes('stored (encrypted); leave empty to keep it') && await page.locator('#php-smtp-clear_webhook').count() === 1, 'no "stored (encrypted)" note or no box to remove it');
  let row = helper('option-row', 'php_smtp_alerts');
  assert(!row.includes('e2e-leak-secret-token') && !row.includes('/hook/') && /"webhook";s:\d+:"v1:/.test(row), `the option row: ${row.slice(0, 200)}`);
  const before = hooks.length;
  await Promise.all([page.waitForNavigation(), page.click('#php-smtp-alert-test')]);
  assert((await page.textContent('#php-smtp-flash')).includes('could not be delivered everywhere'), 'no error flash after the failed test alert');
  assert(hooks.slice(before).some((h) => h.path === '/hook/404/e2e-leak-secret-token'), 'the test alert did not reach the stored URL');
  const history = await page.textContent('#php-smtp-alert-history');
  assert(/test[\s\S]*Webhook[\s\S]*Failed: 127\.0\.0\.1: HTTP 404 Not Found No webhook at <redacted>/.test(history), `history: ${history.slice(0, 300)}`);
  html = await page.content();
  assert(!html.includes('e2e-leak-secret-token') && !html.includes('/hook/404'), 'the page quotes the path after the failure');
  await shot('alerts-webhook-404');
  const log = path.join(path.dirname(wp.WP_DIR), 'debug.log');
  assert(!fs.readFileSync(log, 'utf8').includes('e2e-leak-secret-token'), 'the path in debug.log');
  // removed with its box
  await page.check('#php-smtp-clear_webhook');
  await Promise.all([page.waitForNavigation(), page.click('#php-smtp-alerts-save')]);
  assert(await page.locator('#php-smtp-alert-webhook-stored').count() === 0, 'still stored after "remove the stored one"');
  assert(/"webhook";s:0:""/.test(helper('option-row', 'php_smtp_alerts')), 'the option row still has a webhook');
  // the working listener again, for the OAuth tests' alerts
  await page.fill('#php-smtp-alert-webhook', hookUrl);
  await Promise.all([page.waitForNavigation(), page.click('#php-smtp-alerts-save')]);
  assert((await page.textContent('#php-smtp-alert-webhook-stored')).includes('JSON POST to 127.0.0.1'), 'the listener not stored again');
  row = helper('option-row', 'php_smtp_alerts');
  assert(!row.includes('webhook-secret-path'), `the option row: ${row.slice(0, 200)}`);
});

// ---- the log screen: WP_List_Table, bulk actions, exports -----------------------------------------
function parseCsv(text) {
  const rows = [];
  let row = [], cell = '', quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { cell += '"'; i++; } else if (c === '"') quoted = false; else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(cell); cell = ''; } else if (c === '\n') { row.push(cell); rows.push(row); row = []; cell = ''; } else if (c !== '\r') cell += c;
  }
  if (cell !== '' || row.length) { row.push(cell); rows.push(row); }
  return rows;
}

await test('log screen: filter, sort, per-page option, bulk resend and delete, CSV of the filtered rows, one message as .eml', async () => {
  helper('settings', relay());
  const tag = `bulk-${Date.now()}`;
  for (const n of ['A', 'B', 'C']) helper('mail', 'bob@example.test', `${tag} ${n}`);
  helper('mail', 'nobody@elsewhere.invalid', `${tag} refused =cmd|' /C calc'!A0`);
  await waitForMail(`${tag} C`);
  const perPage = async (n) => {
    await page.click('#show-settings-link');
    await page.fill('#php_smtp_log_per_page', String(n));
    await Promise.all([page.waitForNavigation(), page.click('#screen-options-apply')]);
  };
  await page.goto(admin('&tab=log'));
  await perPage(20);
  // search and the status filter; the address stays clean of nonces
  await page.fill('#php-smtp-log-search-input', tag);
  await page.selectOption('#php-smtp-filter-status', 'sent');
  await Promise.all([page.waitForNavigation(), page.click('#php-smtp-log-filter')]);
  assert(!page.url().includes('_wpnonce'), `nonce left in the address: ${page.url()}`);
  const subjects = async () => (await page.locator('#php-smtp-log tbody td.column-subject').allTextContents());
  let shown = await subjects();
  assert(shown.length === 3 && shown.every((x) => x.startsWith(tag) && !x.includes('refused')), `filtered rows: ${shown.join(' | ')}`);
  // sorting by subject, ascending
  await Promise.all([page.waitForNavigation(), page.click('#php-smtp-log thead th.column-subject a')]);
  shown = await subjects();
  assert(shown.join('|') === [`${tag} A`, `${tag} B`, `${tag} C`].join('|') || shown.join('|') === [`${tag} C`, `${tag} B`, `${tag} A`].join('|'), `sorted: ${shown.join(' | ')}`);
  // the "Number of items per page" screen option
  await perPage(2);
  await page.goto(admin(`&tab=log&s=${tag}`));
  assert((await subjects()).length === 2, 'per page: 2 not applied');
  assert((await page.textContent('.tablenav.top .displaying-num')).includes('4 items'), 'not 4 items in all');
  await shot('log-table');
  // CSV of exactly the filtered rows
  await page.goto(admin(`&tab=log&s=${tag}&status=failed`));
  const [dl] = await Promise.all([page.waitForEvent('download'), page.click('#php-smtp-log-export')]);
  const csv = parseCsv(fs.readFileSync(await dl.path(), 'utf8'));
  assert(csv[0].join(',') === 'id,time,status,connection,to,subject,message_id,server_reply,attempts,transport', `CSV header: ${csv[0]}`);
  assert(csv.length === 2 && csv[1][2] === 'failed' && csv[1][4] === 'nobody@elsewhere.invalid', `CSV rows: ${JSON.stringify(csv.slice(1))}`);
  assert(csv[1][5] === `${tag} refused =cmd|' /C calc'!A0` && csv[1][7].includes('Relay access denied'), `CSV cells: ${csv[1][5]} / ${csv[1][7]}`);
  // bulk resend of two rows: each arrives a second time
  const ids = {};
  for (const order of ['asc', 'desc']) {   // two per page: A and B, then C and B
    await page.goto(admin(`&tab=log&s=${tag}&status=sent&orderby=subject&order=${order}`));
    for (const tr of await page.locator('#php-smtp-log tbody tr').all()) {
      ids[(await tr.locator('td.column-subject').textContent()).trim()] = await tr.locator('th.check-column input').getAttribute('value');
    }
  }
  await page.goto(admin(`&tab=log&s=${tag}&status=sent&orderby=subject&order=asc`));   // two per page: A and B
  await page.check(`#php-smtp-cb-${ids[`${tag} A`]}`);
  await page.check(`#php-smtp-cb-${ids[`${tag} B`]}`);
  await page.selectOption('#bulk-action-selector-top', 'resend');
  await Promise.all([page.waitForNavigation(), page.click('#doaction')]);
  const flash = await page.textContent('#php-smtp-flash');
  assert(flash.includes('Resent: 2 sent, 0 not sent'), `flash: ${flash}`);
  await waitForMail(`${tag} A`, 2);
  await waitForMail(`${tag} B`, 2);
  assert(maildirWith(`${tag} C`).length === 1, 'an unselected row was resent');
  // bulk delete
  await page.goto(admin(`&tab=log&s=${tag}&status=sent&orderby=subject&order=desc`));
  await page.check(`#php-smtp-cb-${ids[`${tag} C`]}`);
  await page.selectOption('#bulk-action-selector-bottom', 'delete');
  await Promise.all([page.waitForNavigation(), page.click('#doaction2')]);
  assert((await page.textContent('#php-smtp-flash')).includes('1 entry deleted'), 'no deletion flash');
  assert(helper('log-count', 'sent').trim() !== '0' && !(await page.content()).includes(`${tag} C<`), 'the deleted row is still listed');
  // a forged bulk request is refused
  const forged = await page.request.get(admin(`&tab=log&action=delete&ids[]=${ids[`${tag} A`]}&_wpnonce=forged`));
  assert(forged.status() === 403, `forged bulk delete: ${forged.status()}`);
  // one message as .eml, compared with the copy that arrived
  await page.goto(admin(`&tab=log&id=${ids[`${tag} A`]}`));
  const [eml] = await Promise.all([page.waitForEvent('download'), page.click('#php-smtp-eml')]);
  const mine = parseMail(await eml.path());
  const [arrived] = fs.readdirSync(path.join(stack.SMTP_TEST_MAILDIR, 'inbox/new')).map((f) => path.join(stack.SMTP_TEST_MAILDIR, 'inbox/new', f))
    .filter((f) => fs.readFileSync(f, 'utf8').includes(mine.headers['message-id'][0]));
  assert(arrived, `no delivered copy with ${mine.headers['message-id']}`);
  const copy = parseMail(arrived);
  for (const h of ['from', 'to', 'subject', 'message-id']) assert(JSON.stringify(mine.headers[h]) === JSON.stringify(copy.headers[h]), `${h}: ${mine.headers[h]} vs ${copy.headers[h]}`);
  assert(mine.parts[0].text.trim() === copy.parts[0].text.trim(), 'body differs');
  await shot('log-entry-eml');
});

// ---- Site Health and the dashboard widget -----------------------------------------------------------
await test('Site Health lists the php-smtp tests (WP-Cron not running, then running) and an Info section without secrets; the dashboard widget counts and links to the failures', async () => {
  helper('settings', relay({ username: 'site', password: 'relay-secret-site-health' }));
  helper('option', 'php_smtp_cron_last_run', 'null');
  helper('option', 'php_smtp_last_probe', 'null');
  await page.goto(`${wp.WP_URL}/wp-admin/site-health.php`);
  // core's site-health.js renders the direct tests' results
  await page.waitForSelector('text=WP-Cron is not running the php-smtp outbox', { timeout: 20000 });
  for (const label of [/The smtp PHP extension [\d.]+\S* is loaded/, /The SMTP connection has not been checked yet/, /No OAuth grant is needed/, /The outbox is empty|wait(s)? in the outbox/]) {
    assert(await page.getByText(label).count() > 0, `no Site Health result matching ${label}`);
  }
  await page.click('button[aria-controls="health-check-accordion-block-php_smtp_cron"]').catch(() => {});
  await shot('site-health');
  helper('cron');   // what a system cron calling wp-cron.php does
  await page.goto(`${wp.WP_URL}/wp-admin/site-health.php`);
  await page.waitForSelector('text=WP-Cron runs the php-smtp outbox', { timeout: 20000, state: 'attached' });   // among the passed tests, folded
  await page.goto(`${wp.WP_URL}/wp-admin/site-health.php?tab=debug`);
  const section = await page.textContent('#health-check-accordion-block-php-smtp');
  assert(section.includes(`localhost:${stack.SMTP_TEST_RELAY_PORT}`) && section.includes('Password stored'), `Info section: ${section.slice(0, 300)}`);
  assert(!(await page.content()).includes('relay-secret-site-health'), 'the password in Site Health');
  await page.click('button[aria-controls="health-check-accordion-block-php-smtp"]');
  await shot('site-health-info');
  // the dashboard widget: what the log holds
  await page.goto(`${wp.WP_URL}/wp-admin/index.php`);
  const cell = async (days, cls) => Number(await page.textContent(`#php_smtp_dashboard .php-smtp-stats-${days} td.${cls}`));
  for (const days of [7, 30]) {
    for (const st of ['sent', 'failed', 'queued']) {
      const want = Number(helper('log-count', st, String(days)).trim());
      assert(await cell(days, st) === want, `${days} days ${st}: widget ${await cell(days, st)}, log ${want}`);
    }
  }
  assert(await page.locator('#php-smtp-chart .php-smtp-day').count() === 30, 'not 30 days in the chart');
  await page.locator('#php_smtp_dashboard').screenshot({ path: path.join(shots, 'dashboard-widget.png') });
  await Promise.all([page.waitForNavigation(), page.click('#php-smtp-dashboard-failures')]);
  assert(page.url().includes('tab=log') && page.url().includes('status=failed'), `failures link: ${page.url()}`);
  assert((await page.locator('#php-smtp-log tbody td.column-status').allTextContents()).every((x) => x.includes('Failed')), 'the failures link shows other rows');
});

// ---- import from WP Mail SMTP, Post SMTP, FluentSMTP ----------------------------------------------------
await test('import: each of the three plugins\' stored settings is shown, imported, and its password logs in; a Gmail client asks for the grant again', async () => {
  const creds = { host: 'localhost', port: Number(stack.SMTP_TEST_SUBMISSION_PORT), security: 'starttls', user: stack.SMTP_TEST_USER, pass: stack.SMTP_TEST_PASS,
                  from: stack.SMTP_TEST_USER, from_name: 'Imported Site' };
  for (const [plugin, label] of [['wpmailsmtp', 'WP Mail SMTP'], ['postsmtp', 'Post SMTP'], ['fluentsmtp', 'FluentSMTP']]) {
    helper('settings', JSON.stringify({ cafile: stack.SMTP_TEST_CA, timeout: 10 }));   // a site with nothing set up but its CA bundle
    helper('seed-import', plugin, JSON.stringify(creds));
    await page.goto(admin('&tab=import'));
    if (plugin === 'wpmailsmtp') await shot('import');
    const preview = await page.textContent('.php-smtp-import-table');
    assert(preview.includes('localhost') && preview.includes(stack.SMTP_TEST_SUBMISSION_PORT) && preview.includes(`a secret of ${stack.SMTP_TEST_PASS.length} characters`), `${plugin} preview: ${preview}`);
    assert(!(await page.content()).includes(stack.SMTP_TEST_PASS), `${plugin}: the password in the page`);
    await Promise.all([page.waitForNavigation(), page.click(`#php-smtp-import-${plugin}-submit`)]);
    assert((await page.textContent('#php-smtp-flash')).includes(`Imported the settings of ${label}`), `${plugin}: no flash`);
    await page.fill('#php-smtp-test-to', 'bob@example.test');
    await Promise.all([page.waitForNavigation(), page.click('#php-smtp-test-send')]);
    const transcript = await page.textContent('#php-smtp-test-transcript');
    assert(/AUTH (PLAIN|LOGIN)/.test(transcript) && transcript.includes('235'), `${plugin}: not authenticated: ${transcript.slice(0, 300)}`);
    const [m] = await waitForMail('From: Imported Site');
    assert(m.includes('php-smtp test from'), `${plugin}: test email`);
    fs.readdirSync(path.join(stack.SMTP_TEST_MAILDIR, 'inbox/new')).forEach((f) => {   // the next plugin's copy must be its own
      const p = path.join(stack.SMTP_TEST_MAILDIR, 'inbox/new', f);
      if (fs.readFileSync(p, 'utf8').includes('From: Imported Site')) fs.renameSync(p, path.join(stack.SMTP_TEST_MAILDIR, 'inbox/cur', f + ':2,S'));
    });
  }
  helper('seed-import', 'fluentsmtp', JSON.stringify({ from: 'me@gmail.example', from_name: 'Me', client_id: 'e2e.apps.googleusercontent.com', client_secret: 'GOCSPX-e2e-secret' }));
  await page.goto(admin('&tab=import'));
  assert((await page.textContent('.php-smtp-import-grant')).includes('not imported'), 'no word about the grant');
  await Promise.all([page.waitForNavigation(), page.click('#php-smtp-import-fluentsmtp-submit')]);
  assert((await page.textContent('#php-smtp-flash')).includes('click "Grant permission" to give it again'), 'the flash does not ask for the grant');
  assert(await page.inputValue('#php-smtp-oauth_client_id') === 'e2e.apps.googleusercontent.com' && await page.isEnabled('#php-smtp-grant'), 'client not imported');
  helper('seed-import', 'none');
});

await test('import: FluentSMTP\'s Mailgun mailer (its key encrypted) is previewed with the key masked, imported as the Mailgun API, and the test email goes through it; a mailer php-smtp does not speak is named', async () => {
  // the local API server (tests/servers/apiserver.py, checks the key and the domain) and wp-config.php's endpoint for it
  const out = fs.mkdtempSync('/tmp/php-smtp-e2e-api-');
  const tls = path.join(stack.SMTP_TEST_DIR, 'tls');
  const srv = spawn('python3', [path.join(here, '../servers/apiserver.py'), `${tls}/server.pem`, `${tls}/server.key`, out, stack.SMTP_TEST_OAUTH_URL, stack.SMTP_TEST_CA],
                    { stdio: ['ignore', 'pipe', fs.openSync(path.join(out, 'server.log'), 'a')] });
  const extra = path.join(path.dirname(wp.WP_DIR), 'wp-config-extra.php');
  try {
    const port = await new Promise((resolve, reject) => {
      srv.stdout.once('data', (d) => resolve(Number(String(d).trim())));
      // also fires when the finally below kills it and removes its folder: the log may be gone by then
      srv.once('exit', (code) => reject(new Error(`apiserver.py exited with ${code}: ${fs.existsSync(path.join(out, 'server.log')) ? fs.readFileSync(path.join(out, 'server.log'), 'utf8') : ''}`)));
    });
    const base = `https://localhost:${port}`;
    fs.writeFileSync(extra, `<?php define('PHP_SMTP_API_ENDPOINT', ${JSON.stringify(base)});\n`);
    helper('settings', relay({ cafile: stack.SMTP_TEST_CA, timeout: 10 }));   // a site that sent over SMTP until now
    const key = 'key-mailgun-0123456789abcdef-test';
    helper('seed-import', 'fluentsmtp', JSON.stringify({ mailer: 'mailgun', from: 'site@example.test', from_name: 'Imported Mailgun', key, domain: 'mg.example.test', region: 'eu' }));
    await page.goto(admin('&tab=import'));
    await shot('import-api');
    const preview = await page.textContent('.php-smtp-import-table');
    assert(preview.includes('Mailgun API (HTTPS)') && preview.includes('mg.example.test') && preview.includes(`a secret of ${key.length} characters`), `preview: ${preview}`);
    assert(!(await page.content()).includes(key), 'the Mailgun key in the page');
    await Promise.all([page.waitForNavigation(), page.click('#php-smtp-import-fluentsmtp-submit')]);
    assert((await page.textContent('#php-smtp-flash')).includes('Imported the settings of FluentSMTP'), 'no flash');
    await page.fill('#php-smtp-test-to', 'bob@example.test');
    await Promise.all([page.waitForNavigation(), page.click('#php-smtp-test-send')]);
    const sent = await page.textContent('#php-smtp-test-transport');
    assert(sent.includes('Mailgun API'), `sent with: ${sent}`);
    const last = JSON.parse(execFileSync('curl', ['-sf', '--cacert', stack.SMTP_TEST_CA, `${base}/last?api=mailgun`], { encoding: 'utf8' }));
    const m = parseMail(last.file);
    assert(m.headers.from[0].includes('Imported Mailgun') && m.headers.subject[0].includes('php-smtp test'), `the API server got: ${JSON.stringify(m.headers)}`);
    assert(!(await page.content()).includes(key), 'the Mailgun key on the Test email tab');
    // a mailer php-smtp has no transport for: said, with why
    helper('seed-import', 'wpmailsmtp', JSON.stringify({ mailer: 'sparkpost', from: 'site@example.test', from_name: 'Sparky', key: 'sparkpost-secret-key' }));
    await page.goto(admin('&tab=import'));
    const note = await page.textContent('.php-smtp-import-note');
    assert(note.includes('SparkPost API, which php-smtp does not speak'), `note: ${note}`);
    assert(!(await page.content()).includes('sparkpost-secret-key'), 'the SparkPost key in the page');
  } finally {
    helper('seed-import', 'none');
    fs.rmSync(extra, { force: true });
    srv.kill();
    fs.rmSync(out, { recursive: true, force: true });
  }
});

// ---- OAuth with the local authorization server ---------------------------------------------
await test('Gmail OAuth: grant permission against the local server, token stored, message sent over XOAUTH2', async () => {
  control('reset=1&refresh_expires_in=604800');   // the grant announces its expiry: 7 days
  // endpoints and their CA come from wp-config.php only, never from the settings
  fs.writeFileSync(path.join(path.dirname(wp.WP_DIR), 'wp-config-extra.php'), `<?php
define('PHP_SMTP_OAUTH_AUTH_ENDPOINT', ${JSON.stringify(`${stack.SMTP_TEST_OAUTH_URL}/authorize`)});
define('PHP_SMTP_OAUTH_TOKEN_ENDPOINT', ${JSON.stringify(`${stack.SMTP_TEST_OAUTH_URL}/token`)});
define('PHP_SMTP_OAUTH_REVOKE_ENDPOINT', ${JSON.stringify(`${stack.SMTP_TEST_OAUTH_URL}/revoke`)});
define('PHP_SMTP_OAUTH_CA_FILE', ${JSON.stringify(stack.SMTP_TEST_CA)});
`);
  helper('settings', JSON.stringify({
    provider: 'gmail_oauth', host: 'localhost', port: Number(stack.SMTP_TEST_SUBMISSION_PORT), security: 'starttls',
    auth: 'xoauth2', cafile: stack.SMTP_TEST_CA, from: stack.SMTP_TEST_USER, from_name: 'OAuth Site', timeout: 10,
    oauth_provider: 'google', oauth_client_id: stack.SMTP_TEST_OAUTH_CLIENT_ID, oauth_client_secret: stack.SMTP_TEST_OAUTH_CLIENT_SECRET,
    oauth_account: stack.SMTP_TEST_USER,
    // the fallback: the plain relay, for mail about the primary connection failing
    fallback_host: 'localhost', fallback_port: Number(stack.SMTP_TEST_RELAY_PORT), fallback_security: 'none',
  }));
  await page.goto(admin());
  assert((await page.inputValue('#php-smtp-redirect')).endsWith('/wp-admin/admin-post.php'), 'redirect URI without a query string');
  assert((await page.inputValue('#php-smtp-origin')) === wp.WP_URL, 'JavaScript origin');
  assert((await page.content()).includes('stop working after 7 days'), 'no Testing-status warning');
  await shot('oauth-wizard');
  await page.click('#php-smtp-grant');
  // Seen once in a full run (not in the runs before it): WordPress answered the grant with its 302 to
  // the consent page, which the local authorization server never received; Chromium sat on it. Say
  // where the browser is and what it shows, then grant once more (the second consent is asserted).
  if (!(await page.waitForSelector('#php-smtp-flash', { timeout: 20000 }).then(() => true, () => false))) {
    const body = (await page.evaluate(() => document.body ? document.body.innerText : '').catch(() => '?')).replace(/\s+/g, ' ').slice(0, 300);
    console.log(`# oauth: no answer 20 s after "Grant permission": the browser is at ${page.url()} showing ${JSON.stringify(body)}; granting again`);
    await shot('oauth-grant-stuck');
    await page.goto(admin());
    await page.click('#php-smtp-grant');
    await page.waitForSelector('#php-smtp-flash');
  }
  const flash = await page.textContent('#php-smtp-flash');
  assert(flash.includes('Permission granted'), `flash: ${flash}`);
  const status = await page.textContent('#php-smtp-oauth-status');
  assert(/Authorized\s*yes/.test(status), `status: ${status}`);
  await shot('oauth-granted');
  const privDir = path.join(path.dirname(wp.WP_DIR), 'php-smtp-private');
  const stores = fs.existsSync(privDir) ? fs.readdirSync(privDir).filter((f) => f.endsWith('.store')) : [];
  assert(stores.length === 1, `token store outside the web root: ${stores.join(', ') || 'none'}`);
  const st = fs.statSync(path.join(privDir, stores[0]));
  assert((st.mode & 0o777) === 0o600, `store mode ${(st.mode & 0o777).toString(8)}`);
  const bytes = fs.readFileSync(path.join(privDir, stores[0]), 'latin1');
  assert(!bytes.includes('ya29.') && !bytes.includes('1//') && !bytes.includes(stack.SMTP_TEST_OAUTH_CLIENT_SECRET), 'a secret readable in the store file');
  await page.goto(admin('&tab=test'));
  await page.fill('#php-smtp-test-to', 'bob@example.test');
  await Promise.all([page.waitForNavigation(), page.click('#php-smtp-test-send')]);
  const transcript = await page.textContent('#php-smtp-test-transcript');
  assert(transcript.includes('AUTH XOAUTH2 <redacted>') && transcript.includes('235'), `transcript: ${transcript.slice(0, 300)}`);
  assert(!transcript.includes('ya29.'), 'a token in the transcript');
  const mails = await waitForMail('From: OAuth Site');
  assert(mails.length >= 1, 'not delivered');
  // diagnostics: every step passes, over STARTTLS and XOAUTH2, and nothing is sent by it
  await page.goto(admin('&tab=diagnostics'));
  await Promise.all([page.waitForNavigation(), page.click('#php-smtp-diagnose')]);
  await shot('diagnostics-ok');
  const diag = await page.textContent('#php-smtp-diagnostics');
  assert(/OK: TLS and certificate[\s\S]*certificate CN=localhost issued by CN=php-smtp test CA/.test(diag), `TLS row: ${diag}`);
  assert(diag.includes(`OK: Authentication`) && diag.includes(`accepted for ${stack.SMTP_TEST_USER}`), `AUTH row: ${diag}`);
  assert(diag.includes('OK: Summary') && !diag.includes('Problem:'), `summary: ${diag}`);
  const conversation = await page.textContent('#php-smtp-diagnostics-transcript pre');
  assert(conversation.includes('AUTH XOAUTH2 <redacted>') && conversation.includes('C: QUIT') && !conversation.includes('MAIL FROM') && !conversation.includes('ya29.'),
         `conversation: ${conversation.slice(0, 400)}`);
  // the known expiry of the grant is announced on every admin page
  await page.goto(`${wp.WP_URL}/wp-admin/index.php`);
  const notice = await page.textContent('.php-smtp-notice');
  assert(notice.includes('the OAuth grant expires on'), `notice: ${notice}`);
  await shot('notice-expiry');
});

await test('the user denies consent: the provider\'s refusal is shown, nothing is stored', async () => {
  control('deny=1');
  await page.goto(admin());
  await Promise.all([page.waitForURL(/php-smtp/), page.click('#php-smtp-grant')]);
  await page.waitForSelector('#php-smtp-flash');
  const flash = await page.textContent('#php-smtp-flash');
  assert(flash.includes('The provider refused the consent: access_denied'), `flash: ${flash}`);
  control('deny=0');
});

await test('invalid_grant: an admin notice on every admin page, with the provider\'s words escaped', async () => {
  control(`revoke_all=1&expire_access=1&grant_error=${encodeURIComponent('<script>alert("grant")</script> revoked')}`);
  await helperAsync('mail', 'bob@example.test', 'after revocation');   // the server refuses the token, the refresh gets invalid_grant
  await page.goto(`${wp.WP_URL}/wp-admin/index.php`);
  await shot('notice-reauthorize');
  const notice = await page.textContent('.php-smtp-notice');
  assert(notice.includes('mail is NOT being sent') && notice.includes('invalid_grant'), `notice: ${notice}`);
  // the provider's words, markup and all, arrive as text
  assert(notice.includes('<script>alert("grant")</script> revoked'), `provider's words missing: ${notice}`);
  assert(!(await page.content()).includes('<script>alert("grant")'), 'raw markup from the provider in the page');
  assert(dialogs.length === 0, `a script ran: ${dialogs.join(', ')}`);
  // the message itself still left through the fallback connection
  await waitForMail('after revocation');
  const fb = JSON.parse((await waitForHook('fallback')).body);
  assert(fb.message.includes('after revocation'), `fallback alert: ${fb.message}`);
  // and the administrator is told by email, once
  await helperAsync('cron');
  await helperAsync('cron');
  await waitForMail('Mail is not being sent: authorize php-smtp again');
  await new Promise((r) => setTimeout(r, 1000));
  assert(maildirWith('Mail is not being sent').length === 1, 'the warning email was sent more than once');
  const ra = JSON.parse((await waitForHook('reauthorize')).body);
  assert(ra.message.includes('OAuth grant was refused') && ra.site === wp.WP_URL, `reauthorize alert: ${ra.message}`);
  assert(hooks.filter((h) => h.body.includes('"reauthorize"')).length === 1, 'the reauthorize alert was sent more than once');
  assert(!hooks.some((h) => h.body.includes(stack.SMTP_TEST_OAUTH_CLIENT_SECRET) || h.body.includes('ya29.')), 'an OAuth secret in a webhook');
  await page.goto(admin('&tab=diagnostics'));
  await Promise.all([page.waitForNavigation(), page.click('#php-smtp-diagnose')]);
  await shot('diagnostics');
  const diag = await page.textContent('#php-smtp-diagnostics');
  assert(diag.includes('localhost resolves to 127.0.0.1'), `DNS row: ${diag.slice(0, 200)}`);
  for (const p of ['TCP port 25', 'TCP port 465', 'TCP port 587', `TCP port ${stack.SMTP_TEST_SUBMISSION_PORT}`]) assert(diag.includes(p), `no ${p} row`);
  assert(/Problem: Authentication[\s\S]*Problem: Summary[\s\S]*click "Grant permission" again/.test(diag), `the failing step is not named: ${diag.slice(-300)}`);
});

// ---- a host that blocks SMTP: the diagnostics offer the Gmail API, one click switches ----------------------
// A process whose first stdout line says it is ready (blackhole.py: "ready"; apiserver.py: its port).
function spawnReady(cmd, args) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '', err = '';
    child.stdout.on('data', (d) => {
      out += d;
      if (out.includes('\n')) resolve({ child, line: out.split('\n')[0].trim() });
    });
    child.stderr.on('data', (d) => { err += d; });
    child.on('exit', (code) => reject(new Error(`${path.basename(args[0])} exited (${code}): ${err.trim() || out.trim()}`)));
  });
}
const apiLast = (base, api) => JSON.parse(execFileSync('curl', ['-sf', '--cacert', stack.SMTP_TEST_CA, `${base}/last?api=${api}`], { encoding: 'utf8' }));
const apiStats = (base) => JSON.parse(execFileSync('curl', ['-sf', '--cacert', stack.SMTP_TEST_CA, `${base}/stats`], { encoding: 'utf8' }));

await test('SMTP ports blocked: diagnostics say the host blocks SMTP and offer the Gmail API; one click switches keeping the grant; the test email arrives over HTTPS', async () => {
  assert(process.getuid() === 0, 'this test holds ports 25, 465 and 587 of a loopback address, which needs root (CI runs as root): run the browser tests as root');
  // this run's own address (from the stack's port offset): 127.3.x.y, nothing else in tests/run uses 127.3/16
  const off = ((Number(stack.SMTP_TEST_RELAY_PORT) - 25251) % 64516 + 64516) % 64516;
  const smtpHost = `127.3.${Math.floor(off / 254)}.${off % 254 + 1}`;
  const extra = path.join(path.dirname(wp.WP_DIR), 'wp-config-extra.php');
  const extraBefore = fs.existsSync(extra) ? fs.readFileSync(extra, 'utf8') : null;
  const before = ['php_smtp_settings', 'php_smtp_secrets'].map((o) => [o, helper('option-get', o).trim()]);
  const out = fs.mkdtempSync(path.join(home, 'api-'));
  let hole = null, api = null;
  try {
    // the firewall of a cloud host: SYNs to 25, 465 and 587 are dropped, nothing answers
    hole = (await spawnReady('python3', [path.join(here, '../servers/blackhole.py'), smtpHost, '25', '465', '587'])).child;
    // the Gmail-like endpoint (on a port the system picks), its certificate the stack's; it checks tokens at the stack's authorization server
    const tls = path.join(stack.SMTP_TEST_DIR, 'tls');
    const apiProc = await spawnReady('python3', [path.join(here, '../servers/apiserver.py'), `${tls}/server.pem`, `${tls}/server.key`, out,
                                                 stack.SMTP_TEST_OAUTH_URL, stack.SMTP_TEST_CA]);
    api = apiProc.child;
    const apiBase = `https://localhost:${Number(apiProc.line)}`;
    assert(Number(apiProc.line) > 0, `apiserver.py said: ${apiProc.line}`);
    control('reset=1');
    fs.writeFileSync(extra, `<?php
define('PHP_SMTP_OAUTH_AUTH_ENDPOINT', ${JSON.stringify(`${stack.SMTP_TEST_OAUTH_URL}/authorize`)});
define('PHP_SMTP_OAUTH_TOKEN_ENDPOINT', ${JSON.stringify(`${stack.SMTP_TEST_OAUTH_URL}/token`)});
define('PHP_SMTP_OAUTH_REVOKE_ENDPOINT', ${JSON.stringify(`${stack.SMTP_TEST_OAUTH_URL}/revoke`)});
define('PHP_SMTP_OAUTH_CA_FILE', ${JSON.stringify(stack.SMTP_TEST_CA)});
define('PHP_SMTP_API_ENDPOINT', ${JSON.stringify(apiBase)});
`);
    helper('settings', JSON.stringify({
      provider: 'gmail_oauth', host: smtpHost, port: 587, security: 'starttls', auth: 'xoauth2', cafile: stack.SMTP_TEST_CA,
      from: stack.SMTP_TEST_USER, from_name: 'Blocked Host Site', timeout: 10, fallback_transport: 'none',
      oauth_provider: 'google', oauth_client_id: stack.SMTP_TEST_OAUTH_CLIENT_ID, oauth_client_secret: stack.SMTP_TEST_OAUTH_CLIENT_SECRET,
      oauth_account: stack.SMTP_TEST_USER,
    }));
    // the grant for Gmail over SMTP, as the site had it before its host blocked the ports
    await page.goto(admin());
    await Promise.all([page.waitForURL(/php-smtp/), page.click('#php-smtp-grant')]);
    await page.waitForSelector('#php-smtp-flash');
    assert((await page.textContent('#php-smtp-flash')).includes('Permission granted'), `grant: ${await page.textContent('#php-smtp-flash')}`);

    // Diagnostics: the three ports at once cost one timeout (5 s), not three
    await page.goto(admin('&tab=diagnostics'));
    const t0 = Date.now();
    await Promise.all([page.waitForNavigation({ timeout: 30000 }), page.click('#php-smtp-diagnose')]);
    const took = Date.now() - t0;
    await shot('blocked-diagnostics');
    const diag = await page.textContent('#php-smtp-diagnostics');
    for (const p of [587, 25, 465]) {
      assert(new RegExp(`(Problem|Info): TCP port ${p}\\s*no answer at all`).test(diag), `port ${p} not said to be unanswered: ${diag.slice(0, 600)}`);
    }
    const summary = await page.textContent('#php-smtp-diagnostics tr:last-child');
    assert(summary.includes('Problem: Summary') && summary.includes(`None of the SMTP ports of ${smtpHost} (587, 25, 465) answers from this server: your host blocks outgoing SMTP`),
           `summary: ${summary}`);
    assert(summary.includes('Your provider also sends over HTTPS (port 443, which hosts leave open): Gmail API.') && summary.includes('It needs nothing more'), `offer: ${summary}`);
    assert(took > 4500 && took < 12000, `the diagnostics took ${took} ms: the three silent ports should cost one 5 s timeout`);
    const button = page.locator('#php-smtp-api-offer #php-smtp-use-api');
    assert(await button.getAttribute('value') === 'Send with Gmail API instead', `button: ${await button.getAttribute('value')}`);
    assert(apiStats(apiBase).requests === 0, 'the diagnostics sent a request to the API');

    // one click: the Connection tab says what was switched and that nothing else is needed
    await Promise.all([page.waitForNavigation(), button.click()]);
    await shot('blocked-switched');
    assert(page.url().includes('tab=settings'), `landed on ${page.url()}`);
    const flash = await page.textContent('#php-smtp-flash');
    for (const words of ['The primary connection now sends with Gmail API (HTTPS); the SMTP settings are kept', 'The Google OAuth grant is kept',
                         'Nothing else is needed: send a test email from the Test email tab.']) {
      assert(flash.includes(words), `notice after the switch: ${flash}`);
    }
    assert(await page.inputValue('#php-smtp-transport') === 'gmail', `Send with: ${await page.inputValue('#php-smtp-transport')}`);
    assert((await page.textContent('#php-smtp-transport option:checked')).startsWith('Gmail API (HTTPS'), 'the Connection tab does not say Gmail API');
    assert(await page.inputValue('#php-smtp-preset') === 'gmail_api', `provider: ${await page.inputValue('#php-smtp-preset')}`);
    assert(await page.inputValue('#php-smtp-host') === smtpHost, 'the SMTP host was not kept');
    assert(/Authorized\s*yes/.test(await page.textContent('#php-smtp-oauth-status')), 'the grant was not kept');

    // the diagnostics of the API connection: every step passes, still nothing sent
    await page.goto(admin('&tab=diagnostics'));
    await Promise.all([page.waitForNavigation(), page.click('#php-smtp-diagnose')]);
    await shot('blocked-api-diagnostics');
    const apiDiag = await page.textContent('#php-smtp-diagnostics');
    assert(apiDiag.includes(`Gmail API over HTTPS (localhost:${apiProc.line})`) && /OK: OAuth grant\s*granted for/.test(apiDiag), `API diagnostics: ${apiDiag.slice(0, 500)}`);
    assert(/OK: TLS and certificate[\s\S]*certificate CN=localhost issued by CN=php-smtp test CA/.test(apiDiag) && apiDiag.includes('OK: Summary') && !apiDiag.includes('Problem:'),
           `API diagnostics: ${apiDiag}`);
    assert(await page.locator('#php-smtp-api-offer').count() === 0, 'the switch is still offered');
    assert(apiStats(apiBase).requests === 0, 'the API diagnostics sent a request');

    // the Test email tab: the message arrives at the Gmail-like endpoint
    await page.goto(admin('&tab=test'));
    await page.fill('#php-smtp-test-to', 'bob@example.test');
    await Promise.all([page.waitForNavigation(), page.click('#php-smtp-test-send')]);
    await shot('blocked-test-email');
    const result = await page.textContent('#php-smtp-test-result');
    assert(result.includes('Sent') && result.includes('HTTP 200'), `result: ${result}`);
    assert((await page.textContent('#php-smtp-test-transport')).includes('Sent with: Gmail API (primary connection)'), `sent with: ${await page.textContent('#php-smtp-test-transport')}`);
    const last = apiLast(apiBase, 'gmail');
    assert(last.file && fs.existsSync(last.file), `nothing arrived at the Gmail endpoint: ${JSON.stringify(last)}`);
    const m = parseMail(last.file);
    assert(m.headers.subject[0] === 'php-smtp test from php-smtp test site', `Subject: ${m.headers.subject}`);
    assert(m.headers.from[0] === `Blocked Host Site <${stack.SMTP_TEST_USER}>`, `From: ${m.headers.from}`);
    assert(m.headers.to[0] === 'bob@example.test', `To: ${m.headers.to}`);
    assert(m.parts[0].text.includes('If you can read it, WordPress can send mail.'), `body: ${m.parts[0].text}`);
    assert(apiStats(apiBase).gmail === 1, `the Gmail endpoint got ${apiStats(apiBase).gmail} requests`);
    // the log says what sent it
    await page.goto(admin('&tab=log'));
    const row = await page.textContent('#php-smtp-log tbody tr:first-child');
    assert(row.includes('php-smtp test from php-smtp test site') && row.includes('Gmail API') && row.includes('Sent'), `log row: ${row}`);
    await shot('blocked-log');
  } finally {
    hole?.kill();
    api?.kill();
    // later tests see the site as it was: its wp-config extras and its settings
    if (extraBefore === null) fs.rmSync(extra, { force: true }); else fs.writeFileSync(extra, extraBefore);
    for (const [o, v] of before) helper('option', o, v);
  }
});

await test('the plugin wrote no PHP warning or notice of its own to debug.log', async () => {
  const log = path.join(path.dirname(wp.WP_DIR), 'debug.log');
  const mine = fs.existsSync(log) ? fs.readFileSync(log, 'utf8').split('\n').filter((l) => l.includes('/plugins/php-smtp/')) : [];
  assert(mine.length === 0, mine.slice(0, 3).join(' | '));
});

// ---- multisite: the network administrator's choice ----------------------------------------
const msEnv = process.env.SMTP_TEST_WP_MS_ENV;
if (msEnv && fs.existsSync(msEnv)) {
  const ms = readEnv(msEnv);
  const second = `${ms.WP_URL}/second/wp-admin/options-general.php?page=php-smtp`;
  const network = `${ms.WP_URL}/wp-admin/network/settings.php?page=php-smtp-network`;
  const setMode = async (mode) => {
    await page.goto(network);
    await page.check(`#php-smtp-network-${mode}`);
    await Promise.all([page.waitForNavigation(), page.click('#php-smtp-network-save')]);
    assert((await page.textContent('#php-smtp-flash')).includes('Saved'), 'not saved');
  };
  await test('multisite: the network admin sends every site through the main site\'s connection; a site admin cannot change it', async () => {
    await login(ms.WP_ADMIN_USER, ms.WP_ADMIN_PASS, ms.WP_URL);
    await page.goto(second);
    const presetNonce = await page.inputValue('form:has(#php-smtp-preset) input[name=_wpnonce]');   // valid, taken while allowed
    // the main site's connection: the local relay
    await page.goto(`${ms.WP_URL}/wp-admin/options-general.php?page=php-smtp`);
    await page.fill('#php-smtp-host', 'localhost');
    await page.fill('#php-smtp-port', stack.SMTP_TEST_RELAY_PORT);
    await page.selectOption('#php-smtp-security', 'none');
    await page.selectOption('#php-smtp-auth', 'none');
    await page.fill('#php-smtp-from', 'network@example.test');
    await Promise.all([page.waitForNavigation(), page.click('#php-smtp-save')]);
    await setMode('main');
    await shot('network');
    await page.goto(second);
    await shot('network-site');
    assert(await page.isVisible('#php-smtp-borrowed'), 'the second site does not say it uses the main site\'s connection');
    const conn = await page.textContent('#php-smtp-connection');
    assert(conn.includes(`localhost:${stack.SMTP_TEST_RELAY_PORT}`) && conn.includes('network@example.test'), `connection shown: ${conn}`);
    assert(await page.locator('#php-smtp-save').count() === 0, 'the second site still offers to save a connection');
    // the second site's test email leaves through the main site's connection
    await page.goto(`${second}&tab=test`);
    await page.fill('#php-smtp-test-to', 'bob@example.test');
    await Promise.all([page.waitForNavigation(), page.click('#php-smtp-test-send')]);
    const [m] = await waitForMail('php-smtp test from Second site');
    assert(m.includes('From: network@example.test') || m.includes('<network@example.test>'), 'not sent with the main site\'s From');
    const r = await page.request.post(`${ms.WP_URL}/second/wp-admin/admin-post.php`, { form: { action: 'php_smtp_preset', _wpnonce: presetNonce, preset: 'sendgrid' } });
    assert(r.status() === 403 && (await r.text()).includes('main site'), `preset on a borrowing site: ${r.status()}`);

    // an administrator of the second site only: no network page, no network save, still borrowing
    await login(ms.WP_SITEADMIN_USER, ms.WP_SITEADMIN_PASS, ms.WP_URL);
    const p = await page.goto(network);
    assert(p.status() === 403 || !(await page.content()).includes('php-smtp-network-mode'), `network page for a site admin: ${p.status()}`);
    const save = await page.request.post(`${ms.WP_URL}/wp-admin/network/edit.php?action=php_smtp_network`, { form: { mode: 'site', _wpnonce: presetNonce } });
    assert(save.status() === 403, `network save by a site admin: ${save.status()}`);
    await page.goto(second);
    assert(await page.isVisible('#php-smtp-borrowed'), 'a site admin changed the network mode');
    assert(await page.locator('a:has-text("Open the main site")').count() === 0, 'a site admin is sent to the main site\'s settings');

    await login(ms.WP_ADMIN_USER, ms.WP_ADMIN_PASS, ms.WP_URL);
    await setMode('site');
    await page.goto(second);
    assert(await page.locator('#php-smtp-save').count() === 1, 'per-site settings did not come back');
  });

  await test('multisite: a site administrator\'s settings form names no file and no endpoint (security review 1)', async () => {
    await login(ms.WP_SITEADMIN_USER, ms.WP_SITEADMIN_PASS, ms.WP_URL);
    await page.goto(second);
    assert(await page.locator('#php-smtp-cafile').count() === 0, 'a site admin is offered a CA bundle file');
    const wpConfig = path.join(ms.WP_DIR, 'wp-config.php');
    const before = fs.readFileSync(wpConfig, 'utf8');
    // the real form, with fields it never shows added to it: wp-config.php as the token store, an attacker's endpoints
    await page.evaluate((cfg) => {
      const f = document.querySelector('#php-smtp-settings');
      for (const [k, v] of Object.entries({ token_store: cfg, oauth_token_endpoint: 'https://attacker.example/token',
                                            oauth_auth_endpoint: 'https://attacker.example/auth', oauth_ca_file: '/etc/passwd', cafile: '/etc/passwd' })) {
        const i = document.createElement('input');
        i.type = 'hidden'; i.name = `php_smtp_settings[${k}]`; i.value = v; f.appendChild(i);
      }
      document.querySelector('#php-smtp-host').value = 'smtp.second.example';
    }, wpConfig);
    await Promise.all([page.waitForNavigation(), page.click('#php-smtp-save')]);
    assert((await page.inputValue('#php-smtp-host')) === 'smtp.second.example', 'the form\'s own field was not saved');
    const stored = execFileSync('php', ['-d', `extension=${so}`, '-r', `$_SERVER['HTTP_HOST'] = ${JSON.stringify(new URL(ms.WP_URL).host)}; $_SERVER['REQUEST_URI'] = '/second/';
      require getenv('WP_DIR') . '/wp-load.php'; $s = get_option('php_smtp_settings');
      echo json_encode([PhpSmtp\\OAuth::store_path(), $s['token_store'] ?? '', $s['oauth_token_endpoint'] ?? '', $s['cafile'] ?? '', PhpSmtp\\OAuth::client()['token_endpoint'] ?? '']);`],
      { env: { ...process.env, WP_DIR: ms.WP_DIR }, encoding: 'utf8' });
    const [store, token, endpoint, cafile, used] = JSON.parse(stored);
    assert(token === '' && endpoint === '' && cafile === '' && !used.includes('attacker'), `stored: ${stored}`);
    assert(store !== wpConfig && !store.startsWith(ms.WP_DIR), `token store: ${store}`);
    // the next admin page must not touch wp-config.php
    await page.goto(second);
    assert(fs.readFileSync(wpConfig, 'utf8') === before && fs.readdirSync(ms.WP_DIR).filter((f) => f.startsWith('wp-config.php.')).length === 0, 'wp-config.php was touched');
  });
}

await close();
listener.close();
finish('e2e');
