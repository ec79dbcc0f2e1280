#!/usr/bin/env node
// Browser tests of the dashboard (issue 14) in Debian's chromium, driven by playwright-core:
//   npm run build && npm run build:dashboard && bash tools/browser/install.sh && node tools/browser/run.js
// Starts the built all-in-one (embedded mode) on a temporary DATA_DIR filled by the demo generator, signs in
// as each role, checks that every page fills, acts (logs a contact; a complaint arrives) and sees the page
// change without a reload, runs axe-core on every page (no serious or critical violation), and writes a
// screenshot of each page to docs/screenshots/. Stops everything it started; gives up after 170 s.
const { spawn, spawnSync, execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const net = require('node:net');

const ROOT = path.resolve(__dirname, '..', '..');
const SHOTS = path.join(ROOT, 'docs', 'screenshots');
const BUDGET_MS = 170_000;
const started = Date.now();
const results = [];
const cleanups = [];

const say = (line) => process.stdout.write(`${line}\n`);
const record = (name, ok, note = '') => {
  results.push({ name, ok });
  say(`${ok ? 'ok  ' : 'FAIL'} ${name}${note ? ` — ${note}` : ''}`);
};

function requireBuilt() {
  const missing = [
    ['dist/apps/rapport/src/rapport.module.js', 'npm run build'],
    ['dist/libs/dashboard/server/src/index.js', 'npm run build'],
    ['dist/dashboard/index.html', 'npm run build:dashboard'],
  ].filter(([file]) => !fs.existsSync(path.join(ROOT, file)));
  if (missing.length) throw new Error(`not built: ${missing.map(([f, how]) => `${f} (${how})`).join(', ')}`);
}

function chromiumPath() {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  for (const name of ['chromium', 'chromium-browser']) {
    const found = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).stdout.trim();
    if (found) return found;
  }
  throw new Error('no chromium: run `bash tools/browser/install.sh`');
}

const freePort = () =>
  new Promise((resolve, reject) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function waitUntil(what, check, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      if (await check()) return;
    } catch {
      /* not yet */
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(250);
  }
}

async function startAllInOne() {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rapport-browser-'));
  cleanups.push(() => fs.rmSync(dataDir, { recursive: true, force: true }));
  const env = { ...process.env, DATA_DIR: dataDir, RAPPORT_MODE: 'embedded', RAPPORT_DEV_TOKENS: 'true', LOG_LEVEL: 'warn' };
  delete env.JWT_SECRET;
  execFileSync(process.execPath, ['-r', './tools/register-paths.js', 'dist/apps/customers/src/demo.cli.js', '--customers', '80', '--months', '6'], { cwd: ROOT, env, stdio: ['ignore', 'ignore', 'pipe'], timeout: 60_000 });
  const port = await freePort();
  const log = path.join(dataDir, 'host.log');
  const out = fs.openSync(log, 'w');
  const host = spawn(process.execPath, ['-r', './tools/register-paths.js', 'tools/browser/host.js'], { cwd: ROOT, env: { ...env, PORT: String(port), HOST: '127.0.0.1' }, stdio: ['ignore', out, out], detached: true });
  cleanups.unshift(async () => {
    if (host.exitCode !== null) return;
    process.kill(-host.pid, 'SIGTERM');
    await Promise.race([new Promise((r) => host.once('exit', r)), sleep(5_000)]);
    if (host.exitCode === null) process.kill(-host.pid, 'SIGKILL');
  });
  const base = `http://127.0.0.1:${port}`;
  try {
    await waitUntil('the all-in-one to be ready', async () => {
      if (host.exitCode !== null) throw Object.assign(new Error('exited'), { fatal: true });
      return (await fetch(`${base}/ready`)).ok;
    }, 60_000);
  } catch (error) {
    const tail = fs.readFileSync(log, 'utf8').split('\n').slice(-15).join('\n');
    throw new Error(`${error.message}; host log:\n${tail}`);
  }
  return base;
}

async function devToken(base, personId) {
  const response = await fetch(`${base}/app/session/dev-token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ personId }) });
  if (!response.ok) throw new Error(`dev token for ${personId}: ${response.status}`);
  return (await response.json()).token;
}

/** A complaint received through the API, as another channel (phone intake) would record it. */
async function fileComplaint(base, customerId) {
  const rep = await devToken(base, 'rep-ana');
  const filed = await fetch(`${base}/api/v1/complaints`, {
    method: 'POST',
    headers: { authorization: `Bearer ${rep}`, 'content-type': 'application/json' },
    body: JSON.stringify({ customerId, channel: 'phone', category: 'delivery', severity: 'high', description: 'the parcel arrived broken' }),
  });
  return filed.status;
}

async function firstOfBook(base) {
  const rep = await devToken(base, 'rep-ana');
  const book = await (await fetch(`${base}/api/v1/customers/book?limit=1`, { headers: { authorization: `Bearer ${rep}` } })).json();
  return book.items[0];
}

const AXE_SOURCE = require('axe-core').source;

/** axe-core on the page as it is: serious and critical violations fail the page. */
async function accessibility(page) {
  if (!(await page.evaluate(() => typeof window.axe !== 'undefined'))) await page.addScriptTag({ content: AXE_SOURCE });
  const violations = await page.evaluate(async () => (await window.axe.run(document, { resultTypes: ['violations'] })).violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length, target: v.nodes[0] && v.nodes[0].target.join(' ') })));
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** Waits for the page's queries to settle: no "Loading…" left. */
async function settled(page) {
  await page.waitForFunction(() => !document.querySelector('main [role=status]') || ![...document.querySelectorAll('main [role=status]')].some((e) => e.textContent.startsWith('Loading')), null, { timeout: 15_000 });
}

async function visit(page, role, label, slug, expectRows) {
  const name = `${role}: ${label}`;
  try {
    await page.getByRole('navigation', { name: 'Pages' }).getByRole('link', { name: label, exact: true }).click();
    await page.waitForSelector('#page-title');
    await settled(page);
    const rows = await page.locator('main table tbody tr').count();
    const unavailable = await page.getByText('not available in this installation').count();
    const serious = await accessibility(page);
    await page.screenshot({ path: path.join(SHOTS, `${role}-${slug}.png`) });
    const filled = expectRows ? rows > 0 : true;
    const note = `${rows} rows${unavailable ? ', some parts not available' : ''}, axe: ${serious.length ? serious.map((v) => `${v.id} (${v.impact}) at ${v.target}`).join('; ') : 'no serious violation'}`;
    record(name, filled && serious.length === 0, note);
  } catch (error) {
    record(name, false, error.message.split('\n')[0]);
  }
}

async function signIn(page, base, person) {
  await page.goto(`${base}/app/`);
  await page.getByRole('radio', { name: new RegExp(`^${person}\\b`) }).check();
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.getByRole('navigation', { name: 'Pages' }).waitFor();
}

async function run() {
  requireBuilt();
  const executablePath = chromiumPath();
  fs.mkdirSync(SHOTS, { recursive: true });
  const base = await startAllInOne();
  say(`all-in-one ready at ${base} (demo world, embedded mode) after ${Math.round((Date.now() - started) / 1000)} s`);
  const { chromium } = require('playwright-core');
  const browser = await chromium.launch({ executablePath, args: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-gpu'] });
  cleanups.unshift(() => browser.close());
  const newPage = async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    // A script error in the app is a failure of the page it happened on, whatever the page then shows.
    page.on('pageerror', (error) => record(`no script error (${page.url().replace(base, '')})`, false, error.message.split('\n')[0]));
    return page;
  };

  // The sign-in page itself.
  {
    const page = await newPage();
    await page.goto(`${base}/app/`);
    await page.getByRole('radio').first().waitFor();
    const serious = await accessibility(page);
    await page.screenshot({ path: path.join(SHOTS, 'sign-in.png') });
    record('sign-in page lists the development people', serious.length === 0, serious.length ? serious.map((v) => v.id).join(', ') : 'axe: no serious violation');
    await page.context().close();
  }

  // Rep: book, tasks, gates, customer 360; log a contact and see the timeline grow without a reload.
  {
    const page = await newPage();
    await signIn(page, base, 'rep-ana');
    await visit(page, 'rep', 'My book', 'book', true);
    await visit(page, 'rep', 'My tasks', 'tasks', true);
    await visit(page, 'rep', 'My gates', 'gates', false);
    const customer = await firstOfBook(base);
    try {
      await page.getByRole('link', { name: 'My book', exact: true }).click();
      await page.getByRole('link', { name: customer.name, exact: true }).first().click();
      await page.getByRole('heading', { name: /^Customer: / }).waitFor();
      await settled(page);
      await page.locator('#timeline-count').waitFor();
      const before = await page.locator('main table[aria-describedby=timeline-count] tbody tr').count();
      await page.evaluate(() => { window.__sameDocument = true; });
      await page.getByLabel('Channel').selectOption('visit');
      await page.getByLabel('Outcome').selectOption('interested');
      await page.getByLabel('Notes').fill('Wants a quote for the new fleet');
      await page.getByRole('button', { name: 'Log contact' }).click();
      await page.getByText('Contact logged.').waitFor();
      await page.waitForFunction((n) => document.querySelectorAll('main table[aria-describedby=timeline-count] tbody tr').length > n, before, { timeout: 15_000 });
      const visitRow = await page.locator('main table[aria-describedby=timeline-count] tbody tr', { hasText: 'visit, interested' }).count();
      const same = await page.evaluate(() => window.__sameDocument === true);
      const serious = await accessibility(page);
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.screenshot({ path: path.join(SHOTS, 'rep-customer-360.png') });
      record('rep: customer 360 — a logged contact appears in the timeline without a reload', visitRow > 0 && same && serious.length === 0, `timeline ${before} → ${before + 1}+ rows; axe: ${serious.length ? serious.map((v) => v.id).join(', ') : 'no serious violation'}`);
    } catch (error) {
      record('rep: customer 360 — a logged contact appears in the timeline without a reload', false, error.message.split('\n')[0]);
    }
    const ackName = 'rep: customer 360 — a complaint received by phone appears, is acknowledged, shows acknowledged without a reload';
    try {
      const status = await fileComplaint(base, customer.customerId);
      if (status === 404) {
        record(ackName, true, 'complaints not deployed here');
      } else {
        if (status >= 300) throw new Error(`filing a complaint answered ${status}`);
        const panel = page.locator('section[aria-labelledby=panel-complaints]');
        await panel.getByRole('button', { name: 'Acknowledge' }).waitFor({ timeout: 20_000 });
        await panel.getByLabel(/^Reply to the customer about /).fill('Sorry — we will replace it by Friday.');
        await panel.getByRole('button', { name: 'Acknowledge' }).click();
        await panel.getByText('acknowledged', { exact: true }).waitFor({ timeout: 20_000 });
        const same = await page.evaluate(() => window.__sameDocument === true);
        const serious = await accessibility(page);
        record(ackName, same && serious.length === 0, `axe: ${serious.length ? serious.map((v) => v.id).join(', ') : 'no serious violation'}`);
      }
    } catch (error) {
      record(ackName, false, error.message.split('\n')[0]);
    }
    await page.context().close();
  }

  // Manager: every board; a complaint that arrives shows up on the open SLA board without a reload.
  {
    const customer = await firstOfBook(base);
    const page = await newPage();
    await signIn(page, base, 'manager-max');
    await visit(page, 'manager', 'Reclaimable & workload', 'reclaimable', true);
    await visit(page, 'manager', 'Duplicates', 'duplicates', true);
    await visit(page, 'manager', 'NPS', 'nps', true);
    await visit(page, 'manager', 'Detractor queue', 'detractors', false);
    await visit(page, 'manager', 'NPS × share map', 'map', true);
    await visit(page, 'manager', 'Complaint SLA board', 'sla-board', false);
    try {
      const name = 'manager: SLA board — a complaint received elsewhere appears without a reload';
      if (await page.getByText('not available in this installation').count()) {
        record(name, true, 'complaints not deployed here: the page says so');
      } else {
        const before = await page.locator('main table tbody tr').count();
        await page.evaluate(() => { window.__sameDocument = true; });
        const status = await fileComplaint(base, customer.customerId);
        if (status >= 300) throw new Error(`filing a complaint answered ${status}`);
        await page.waitForFunction((n) => document.querySelectorAll('main table tbody tr').length > n, before, { timeout: 20_000 });
        const same = await page.evaluate(() => window.__sameDocument === true);
        await page.screenshot({ path: path.join(SHOTS, 'manager-sla-board.png') });
        record(name, same, `${await page.locator('main table tbody tr').count()} complaint(s) on the board`);
      }
    } catch (error) {
      record('manager: SLA board — a complaint received elsewhere appears without a reload', false, error.message.split('\n')[0]);
    }
    await page.context().close();
  }

  // Auditor: find a customer, read the history across services and the card as of a date.
  {
    const page = await newPage();
    await signIn(page, base, 'auditor-ada');
    const name = 'auditor: history across services and as-of card';
    try {
      await page.getByLabel('Customer name, phone, email or id').fill((await firstOfBook(base)).name);
      await page.getByRole('button', { name: 'Find' }).click();
      await page.locator('main li button').first().click();
      await settled(page);
      await page.locator('main table tbody tr').first().waitFor();
      const services = await page.locator('main table tbody tr td:nth-child(2)').allTextContents();
      const ownerToday = await page.locator('dl.card dt', { hasText: 'ownerId' }).count();
      await page.getByLabel('Show the card as it stood at the end of').fill('2001-01-01');
      await page.getByText('The customer did not exist yet at that date.').waitFor();
      await page.getByLabel('Show the card as it stood at the end of').fill(new Date().toISOString().slice(0, 10));
      await page.locator('dl.card').waitFor();
      const serious = await accessibility(page);
      await page.screenshot({ path: path.join(SHOTS, 'auditor-history.png') });
      record(name, services.length > 0 && ownerToday === 1 && serious.length === 0, `${services.length} events from ${[...new Set(services)].join(', ')}; axe: ${serious.length ? serious.map((v) => v.id).join(', ') : 'no serious violation'}`);
    } catch (error) {
      record(name, false, error.message.split('\n')[0]);
    }
    await page.context().close();
  }
}

async function cleanUp() {
  for (const step of cleanups.splice(0)) {
    try {
      await step();
    } catch {
      /* best effort: keep stopping the rest */
    }
  }
}

const watchdog = setTimeout(async () => {
  say(`FAIL gave up after ${BUDGET_MS / 1000} s`);
  await cleanUp();
  process.exit(1);
}, BUDGET_MS);

run()
  .catch((error) => record('browser run', false, error.message))
  .finally(async () => {
    clearTimeout(watchdog);
    await cleanUp();
    const failed = results.filter((r) => !r.ok).length;
    say(`dashboard browser tests in ${Math.round((Date.now() - started) / 1000)} s, screenshots in docs/screenshots/`);
    say(`${results.length - failed} passed, ${failed} failed`);
    // CI totals every runner's counts in one closing line (tools/ci/tally.js).
    if (process.env.RAPPORT_TEST_TALLY) {
      require('node:fs').appendFileSync(process.env.RAPPORT_TEST_TALLY, `${JSON.stringify({ passed: results.length - failed, failed, skipped: 0 })}\n`);
    }
    process.exit(failed ? 1 : 0);
  });
