// What both browser tests share (tests/wp/e2e.mjs, tests/packaging/plugin-upload.mjs):
// Debian's Chromium through playwright-core (from tests/wp's npm ci; this file lives
// here so that both resolve it from tests/wp/node_modules), headless, in a throwaway
// profile, with every request to a host other than this machine aborted; the env
// files of the stack and the sites; and the "ok - name" / "not ok - name: why" lines.
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const readEnv = (file) => Object.fromEntries(fs.readFileSync(file, 'utf8').split('\n').filter((l) => l.includes('='))
  .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));

// Chromium in a fresh profile under a temporary home (prefix names it); options go
// to launchPersistentContext. close() ends the browser and removes the home.
export async function launch(prefix, options = {}) {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  const context = await chromium.launchPersistentContext(path.join(home, 'profile'), {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
           '--disable-component-update', '--disable-sync'],
    env: { ...process.env, HOME: home, XDG_CONFIG_HOME: home, XDG_CACHE_HOME: home, TMPDIR: home },
    ...options,
  });
  // nothing leaves the machine: core pages load gravatar and friends, Add New asks wordpress.org
  await context.route('**/*', (route) => {
    const host = new URL(route.request().url()).hostname;
    return ['127.0.0.1', 'localhost'].includes(host) ? route.continue() : route.abort();
  });
  const page = context.pages()[0] || await context.newPage();
  const close = async () => {
    await context.close();
    fs.rmSync(home, { recursive: true, force: true });
  };
  return { home, context, page, close };
}

let passed = 0, failed = 0;
export async function test(name, fn) {
  try {
    await fn();
    passed++;
    console.log(`ok - ${name}`);
  } catch (e) {
    failed++;
    console.log(`not ok - ${name}: ${String(e && e.message || e).split('\n').slice(0, 6).join(' | ')}`);
  }
}
export function assert(cond, why) { if (!cond) throw new Error(why); }

// Prints "label: N passed, M failed" (what tests/run and tests/packaging/run.sh read) and exits.
export function finish(label) {
  console.log(`${label}: ${passed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
}
