// The plugin zip installed as a WordPress administrator installs a plugin: in
// Debian's Chromium (playwright-core, from tests/wp's npm install), Plugins >
// Add New > Upload Plugin with dist/php-smtp.zip on a fresh site that never had
// the plugin, then Activate, then its settings page. Nothing of the plugin is
// put in place by the test itself. The site's env file comes in SMTP_TEST_WP_ZIP_ENV,
// the zip in PLUGIN_ZIP. Prints "ok - ..." / "not ok - ..." and ends
// "upload: N passed, M failed".
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { readEnv, launch, test, assert, finish } from '../wp/browser.mjs';

const here = path.dirname(new URL(import.meta.url).pathname);
const wp = readEnv(process.env.SMTP_TEST_WP_ZIP_ENV);
const zip = process.env.PLUGIN_ZIP;
const shots = process.env.SHOTS || path.join(here, 'shots');
const debugLog = path.join(path.dirname(wp.WP_DIR), 'debug.log');
const pluginDir = path.join(wp.WP_DIR, 'wp-content/plugins/php-smtp');
fs.mkdirSync(shots, { recursive: true });

const logLines = () => (fs.existsSync(debugLog) ? fs.readFileSync(debugLog, 'utf8').split('\n').filter((l) => l.trim()) : []);
// a debug.log line without its time stamp
const message = (l) => l.replace(/^\[[^\]]*\] /, '');

const { page, close } = await launch('php-smtp-upload-');
const shot = (name) => page.screenshot({ path: path.join(shots, `${name}.png`), fullPage: true });

await test('the fresh site has no php-smtp plugin before the upload', async () => {
  assert(!fs.existsSync(pluginDir), `${pluginDir} exists`);
});

// What WordPress 6.1 itself logs on this offline machine under PHP 8.2 before the
// plugin exists (update checks that cannot reach wordpress.org, its bundled
// Requests library's deprecations): the reference the plugin's pages are held to.
let core = new Set(), before = 0;
await test('Plugins > Add New > Upload Plugin installs dist/php-smtp.zip', async () => {
  await page.goto(`${wp.WP_URL}/wp-login.php`);
  await page.fill('#user_login', wp.WP_ADMIN_USER);
  await page.fill('#user_pass', wp.WP_ADMIN_PASS);
  await Promise.all([page.waitForNavigation(), page.click('#wp-submit')]);
  for (const p of ['index.php', 'options-general.php', 'options-writing.php', 'plugin-install.php', 'plugins.php']) await page.goto(`${wp.WP_URL}/wp-admin/${p}`);
  core = new Set(logLines().map(message));
  before = logLines().length;
  await Promise.all([page.waitForNavigation(), page.click('a.page-title-action:has-text("Add New")')]);
  await page.click('.upload-view-toggle');
  await page.setInputFiles('#pluginzip', zip);
  await Promise.all([page.waitForNavigation(), page.click('#install-plugin-submit')]);
  await shot('upload-installed');
  const body = await page.textContent('body');
  assert(body.includes('Plugin installed successfully.'), `no success message: ${body.replace(/\s+/g, ' ').slice(0, 400)}`);
  // the files WordPress unpacked are the zip's, all of them
  const listed = execFileSync('unzip', ['-Z1', zip], { encoding: 'utf8' }).split('\n').filter((l) => l && !l.endsWith('/'));
  for (const f of listed) assert(fs.existsSync(path.join(wp.WP_DIR, 'wp-content/plugins', f)), `${f} not installed`);
  const onDisk = execFileSync('find', [pluginDir, '-type', 'f'], { encoding: 'utf8' }).split('\n').filter(Boolean);
  assert(onDisk.length === listed.length, `${onDisk.length} files on disk, ${listed.length} in the zip`);
});

await test('Activate Plugin: WordPress activates it and lists it as active', async () => {
  await Promise.all([page.waitForNavigation(), page.click('a:has-text("Activate Plugin")')]);
  await shot('upload-activated');
  assert((await page.textContent('#message, .notice')).includes('Plugin activated.'), 'no "Plugin activated." notice');
  const row = page.locator('tr[data-plugin="php-smtp/php-smtp.php"]');
  assert(await row.count() === 1, 'no row for php-smtp/php-smtp.php');
  assert((await row.getAttribute('class')).split(/\s+/).includes('active'), 'the row is not active');
  const text = (await row.textContent()).replace(/\s+/g, ' ');
  assert(text.includes('Version 0.1.0') && text.includes('By php-smtp developers'), `row: ${text.slice(0, 300)}`);
});

await test('its settings page opens (Settings > php-smtp); no PHP notice in debug.log since the upload beyond WordPress\'s own', async () => {
  await page.goto(`${wp.WP_URL}/wp-admin/plugins.php`);
  const settings = page.locator('#adminmenu a[href="options-general.php?page=php-smtp"]');
  assert(await settings.count() === 1, 'no php-smtp entry under Settings');
  await page.hover('#menu-settings');
  const [r] = await Promise.all([page.waitForNavigation(), settings.click()]);
  await shot('upload-settings');
  assert(r.status() === 200, `status ${r.status()}`);
  assert(await page.locator('#php-smtp-host').count() === 1, 'no connection form on the settings page');
  const html = await page.content();
  assert(!/(Fatal error|Warning|Notice|Deprecated)<\/b>:/.test(html), 'a PHP message in the page');
  // since the upload: nothing from the plugin's files, nothing core did not log without it
  const added = logLines().slice(before).map(message);
  const ours = added.filter((l) => l.includes('/plugins/php-smtp/') || !core.has(l));
  assert(ours.length === 0, `debug.log: ${ours.slice(0, 3).join(' | ')}`);
});

await close();
finish('upload');
