// Real-client test (c): VS Code 1.100 (code-server 4.100.3) in headless Debian Chromium driven by playwright-core, with the project's .vsix in a fresh profile: an in-host self-test through the VS Code API, then a UI run with screenshots. Usage: node vscode_test.js [--server PATH] [--out DIR] [--code-server PATH]
'use strict';
const cp = require('child_process');
const fs = require('fs');
const http = require('http');
const net = require('net');
const os = require('os');
const path = require('path');
const scenario = require('./lib/scenario');
const { arg, needDeps, serverPath, track, withHardTimeout, REPO } = require('./lib/util');
needDeps(['playwright-core']);

const TIMEOUT = Number(process.env.OWNERSHIP_TEST_TIMEOUT_MS || 120000);
const CODE_SERVER_DIR = process.env.CODE_SERVER_DIR || '/opt/ownership-lsp/code-server-4.100.3';
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function run(cmd, args, opts = {}) {
  const r = cp.spawnSync(cmd, args, { encoding: 'utf8', timeout: opts.timeout || 180000, ...opts });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status} ${r.signal || ''}): ${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

function healthy(port) {
  return new Promise((resolve) => {
    const req = http.get({ host: '127.0.0.1', port, path: '/healthz', timeout: 2000 }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on('error', () => resolve(false));
    req.on('timeout', () => {
      req.destroy();
      resolve(false);
    });
  });
}

async function waitFile(file, ms) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (fs.existsSync(file)) return JSON.parse(fs.readFileSync(file, 'utf8'));
    await sleep(250);
  }
  return undefined;
}

async function main() {
  const server = serverPath(arg('--server'));
  const out = path.resolve(arg('--out') || fs.mkdtempSync(path.join(os.tmpdir(), 'ownership-vscode-')));
  const codeServer = arg('--code-server') || path.join(CODE_SERVER_DIR, 'node_modules', '.bin', 'code-server');
  if (!fs.existsSync(codeServer)) throw new Error(`${codeServer} is missing: run scripts/setup-editors.sh`);
  if (!fs.existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: run scripts/setup-editors.sh`);
  const { chromium } = require('playwright-core');
  fs.rmSync(out, { recursive: true, force: true });
  const shots = path.join(out, 'screenshots');
  fs.mkdirSync(shots, { recursive: true });

  const extra = [];
  const x = (name, ok, detail = '') => extra.push({ name, ok: !!ok, detail: String(detail) });

  // The extension package, built from this checkout.
  const vsix = path.join(out, 'ownership-lsp.vsix');
  run('sh', [path.join(REPO, 'editors', 'vscode', 'scripts', 'package.sh'), vsix], { timeout: 300000 });

  // A fresh profile, the demo in a scratch workspace (plus a copy for the self-test to edit).
  const { ws, files } = scenario.makeWorkspace(out, ['editor_demo.cpp', 'selftest_demo.cpp']);
  const [demo, selftestFile] = files;
  const userData = path.join(out, 'profile', 'user-data');
  const extDir = path.join(out, 'profile', 'extensions');
  fs.mkdirSync(path.join(userData, 'User'), { recursive: true });
  fs.mkdirSync(extDir, { recursive: true });
  fs.writeFileSync(
    path.join(userData, 'User', 'settings.json'),
    JSON.stringify(
      {
        'security.workspace.trust.enabled': false,
        'files.autoSave': 'off',
        'files.hotExit': 'off',
        'telemetry.telemetryLevel': 'off',
        'update.mode': 'none',
        'extensions.autoCheckUpdates': false,
        'extensions.autoUpdate': false,
        'extensions.ignoreRecommendations': true,
        'workbench.startupEditor': 'none',
        'workbench.tips.enabled': false,
        'workbench.enableExperiments': false,
        'workbench.secondarySideBar.defaultVisibility': 'hidden',
        'chat.commandCenter.enabled': false,
        'editor.inlayHints.enabled': 'on',
        'editor.minimap.enabled': false,
        'editor.fontSize': 15,
        'editor.hover.delay': 200,
        'window.zoomLevel': 0,
        'ownership.server.path': server,
      },
      null,
      2,
    ),
  );
  const port = await freePort();
  const xdg = path.join(out, 'xdg');
  const tmp = path.join(out, 'tmp');
  fs.mkdirSync(tmp, { recursive: true });
  const env = {
    ...process.env,
    XDG_CONFIG_HOME: path.join(xdg, 'config'),
    XDG_DATA_HOME: path.join(xdg, 'data'),
    XDG_CACHE_HOME: path.join(xdg, 'cache'),
    TMPDIR: tmp,
  };
  delete env.VSCODE_IPC_HOOK_CLI;
  const config = path.join(out, 'code-server.yaml');
  fs.writeFileSync(config, `bind-addr: 127.0.0.1:${port}\nauth: none\ncert: false\n`);
  const common = ['--config', config, '--user-data-dir', userData, '--extensions-dir', extDir];
  run(codeServer, [...common, '--install-extension', vsix], { env, timeout: 120000 });
  const listed = run(codeServer, [...common, '--list-extensions', '--show-versions'], { env, timeout: 60000 });
  x('the .vsix installs into a fresh profile', /ownership-lsp\.ownership-lsp@0\./.test(listed), listed.trim());

  // The plan for the in-host self-test (read by editors/vscode/src/selftest.ts).
  const pos = scenario.positions();
  const plan = path.join(out, 'selftest-plan.json');
  const selftestOut = path.join(out, 'selftest-result.json');
  fs.writeFileSync(plan, JSON.stringify({ file: selftestFile, out: selftestOut, hovers: pos.hovers, fix: pos.fix, borrow: pos.borrow, timeoutMs: TIMEOUT }));

  const log = fs.openSync(path.join(out, 'code-server.log'), 'w');
  const cs = track(
    cp.spawn(
      codeServer,
      [...common, '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', '--disable-getting-started-override', '--ignore-last-opened', ws],
      { env: { ...env, OWNERSHIP_SELFTEST_PLAN: plan }, stdio: ['ignore', log, log], detached: true },
    ),
  );
  let up = false;
  for (const end = Date.now() + 60000; Date.now() < end && cs.exitCode === null; await sleep(250)) {
    if (await healthy(port)) {
      up = true;
      break;
    }
  }
  if (!up) throw new Error(`code-server did not answer /healthz (see ${path.join(out, 'code-server.log')})`);

  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    timeout: TIMEOUT,
    env: { ...env, HOME: path.join(out, 'home') }, // Chromium's profile and crash reports stay in the run dir
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 });
    const page = await context.newPage();
    page.setDefaultTimeout(TIMEOUT);
    await page.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(ws)}`, { waitUntil: 'domcontentloaded' });
    await page.waitForSelector('.monaco-workbench .part.editor', { timeout: TIMEOUT });
    await sleep(1500);

    // Open a file through Quick Open, or jump to LINE:COL in the active editor (`:` prefix).
    const quickOpen = async (text) => {
      await page.keyboard.press('Escape');
      await page.keyboard.press('Control+P');
      const input = page.locator('.quick-input-widget input');
      await input.waitFor({ state: 'visible', timeout: 10000 });
      await input.fill(text);
      if (text.startsWith(':')) {
        await sleep(300);
      } else {
        // Wait until the file search lists the file before accepting.
        await page.waitForSelector(`.quick-input-list .monaco-list-row[aria-label*="${text}"]`, { timeout: 15000 });
        await sleep(200);
      }
      await page.keyboard.press('Enter');
      await sleep(400);
    };
    const openDemo = async () => {
      for (let attempt = 1; ; attempt++) {
        try {
          await quickOpen('editor_demo.cpp');
          await page.waitForSelector('.tab.active[aria-label*="editor_demo.cpp"]', { timeout: 15000 });
          break;
        } catch (e) {
          if (attempt === 3) throw e;
          await page.screenshot({ path: path.join(out, `open-attempt-${attempt}.png`) });
        }
      }
      await page.waitForSelector('.monaco-editor .view-lines .view-line', { timeout: TIMEOUT });
    };
    const goTo = async (p) => quickOpen(`:${p.line + 1}:${p.character + 1}`);

    // Opening the C++ file activates the extension; the self-test then runs in the extension host.
    await openDemo();
    const self = await waitFile(selftestOut, 3 * TIMEOUT);
    x('self-test: the extension host ran it and wrote its result', self && self.ok, self ? self.error : 'no result file');
    const selfChecks = scenario.check(self || {}, { href: true, stateCommand: true, inlayHints: true, highlights: true });
    selfChecks.push({ name: 'command: ownership.showBorrows returns the borrows it draws', ok: !!self && self.borrowsCommand > 0, detail: String(self && self.borrowsCommand) });
    for (const c of selfChecks) c.name = `self-test (VS Code API): ${c.name}`;
    extra.push(...selfChecks);

    // The UI run: what a user sees.
    await openDemo();
    const squiggleOn = (needle, kind) =>
      page.evaluate(
        ({ needle, kind }) => {
          const ed = [...document.querySelectorAll('.monaco-editor')].find((e) => e.querySelector('.view-lines'));
          if (!ed) return false;
          const line = [...ed.querySelectorAll('.view-lines .view-line')].find((l) => l.textContent.replace(/\u00a0/g, ' ').includes(needle));
          if (!line) return false;
          const top = line.style.top;
          return [...ed.querySelectorAll('.view-overlays > div')].some((o) => o.style.top === top && o.querySelector(`.squiggly-${kind}`));
        },
        { needle, kind },
      );
    const waitSquiggle = async (needle, kind, present, ms) => {
      const end = Date.now() + ms;
      while (Date.now() < end) {
        if ((await squiggleOn(needle, kind)) === present) return true;
        await sleep(200);
      }
      return false;
    };
    await goTo(pos.useW);
    const errSquiggle = await waitSquiggle('return w->id;', 'error', true, TIMEOUT);
    x('UI: red squiggle under the use of the moved unique_ptr', errSquiggle);
    const warnSquiggle = await waitSquiggle('return title.size()', 'warning', true, 5000);
    x('UI: warning squiggle under the use of the moved string', warnSquiggle);
    // The Problems panel lists the diagnostics with their notes.
    await page.keyboard.press('Control+Shift+M');
    await page.waitForSelector('.markers-panel .monaco-list-row', { timeout: TIMEOUT }).catch(() => {});
    await sleep(800);
    const problems = await page.$$eval('.markers-panel .monaco-list-row', (rows) => rows.map((r) => r.textContent));
    x('UI: the Problems panel lists the ownership diagnostics', problems.some((r) => /use of moved value/.test(r)) && problems.some((r) => /ownership/.test(r)), JSON.stringify(problems.slice(0, 8)));
    await goTo(pos.useW);
    await page.screenshot({ path: path.join(shots, 'vscode-squiggle.png') });

    // The hover card with the ownership state (Ctrl+K Ctrl+I shows the hover at the cursor).
    await page.keyboard.press('Control+K');
    await page.keyboard.press('Control+I');
    let hoverText = '';
    const wantMoved = `moved (line ${pos.moveW.line + 1})`;
    for (const end = Date.now() + TIMEOUT; Date.now() < end; await sleep(200)) {
      hoverText = (await page.$$eval('.monaco-hover .hover-contents', (els) => els.map((e) => e.textContent).join('\n'))) || '';
      if (hoverText.includes(wantMoved)) break;
    }
    x(`UI: the hover card shows the ownership state "${wantMoved}"`, hoverText.includes(wantMoved), hoverText.slice(0, 400));
    await sleep(300);
    await page.screenshot({ path: path.join(shots, 'vscode-hover.png') });
    await page.keyboard.press('Escape');

    // The borrows of `first`, drawn by VS Code itself from documentHighlight when the cursor rests on
    // it: the borrow `v[0]` and the conflicting push_back as writes, the later use as a read.
    await goTo(pos.borrow);
    const highlightClasses = () =>
      page.evaluate(() => {
        const ed = [...document.querySelectorAll('.monaco-editor')].find((e) => e.querySelector('.view-lines'));
        if (!ed) return [];
        return [...ed.querySelectorAll('.view-overlays .cdr')].map((o) => o.className).filter((c) => /wordHighlight/.test(c));
      });
    let classes = [];
    for (const end = Date.now() + TIMEOUT; Date.now() < end; await sleep(200)) {
      classes = await highlightClasses();
      if (classes.some((c) => /wordHighlightStrong/.test(c)) && classes.some((c) => /wordHighlight(?!Strong|Text)/.test(c))) break;
    }
    x('UI: the borrows of `first` are highlighted (write: borrow and conflict, read: later use)',
      classes.filter((c) => /wordHighlightStrong/.test(c)).length >= 2 && classes.some((c) => /wordHighlight(?!Strong|Text)/.test(c)),
      JSON.stringify(classes));
    await sleep(300);
    await page.screenshot({ path: path.join(shots, 'vscode-borrows.png') });

    // The quick-fix menu (Ctrl+.) on the use-after-move of `title`, then apply it.
    await goTo(pos.useTitle);
    await page.keyboard.press('Control+.');
    let menu = [];
    for (const end = Date.now() + TIMEOUT; Date.now() < end; await sleep(200)) {
      menu = await page.$$eval('.action-widget .monaco-list-row.action', (rows) => rows.map((r) => r.textContent));
      if (menu.some((m) => /copy `?title`? instead of moving/.test(m))) break;
    }
    const fixRow = menu.findIndex((m) => /copy `?title`? instead of moving/.test(m));
    x('UI: the quick-fix menu offers "copy `title` instead of moving it"', fixRow >= 0, JSON.stringify(menu));
    await sleep(300);
    await page.screenshot({ path: path.join(shots, 'vscode-quickfix.png') });
    if (fixRow >= 0) {
      // Move the focus onto the fix with the arrow keys (as a user would), then Enter.
      for (let i = 0; i < 10; i++) {
        const focused = await page.$eval('.action-widget .monaco-list-row.action.focused', (r) => r.getAttribute('aria-label') || r.textContent).catch(() => '');
        if (/copy `?title`? instead of moving/.test(focused)) break;
        await page.keyboard.press('ArrowDown');
        await sleep(100);
      }
      await page.keyboard.press('Enter');
      const edited = await page
        .waitForFunction(
          (t) => [...document.querySelectorAll('.view-lines .view-line')].some((l) => l.textContent.replace(/\u00a0/g, ' ').includes(t)),
          pos.fixedText,
          { timeout: TIMEOUT },
        )
        .then(() => true, () => false);
      x('UI: choosing the fix edits the line', edited);
      const gone = await waitSquiggle('return title.size()', 'warning', false, TIMEOUT);
      x('UI: the squiggle disappears after the fix', gone);
      await page.screenshot({ path: path.join(shots, 'vscode-after-fix.png') });
    }

    // A missing binary: pointing ownership.server.path nowhere restarts the client, and the
    // user is told how to build the server or point to it.
    // Set it as a user would: Preferences: Open Workspace Settings (JSON), type, save. (The
    // setting is machine-overridable: code-server, like any remote, ignores it in user settings.)
    const settings = { 'ownership.server.path': path.join(out, 'no-such-dir', 'ownership-lsp') };
    await page.keyboard.press('Escape');
    await page.keyboard.press('F1');
    const palette = page.locator('.quick-input-widget input');
    await palette.waitFor({ state: 'visible', timeout: 10000 });
    await palette.fill('>Preferences: Open Workspace Settings (JSON)');
    await page.waitForSelector('.quick-input-list .monaco-list-row[aria-label*="Open Workspace Settings (JSON)"]', { timeout: 15000 });
    await page.keyboard.press('Enter');
    await page.waitForSelector('.tab.active[aria-label*="settings.json"]', { timeout: TIMEOUT });
    await sleep(500);
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Delete');
    await page.keyboard.insertText(JSON.stringify(settings)); // one line: no auto-indent
    await page.keyboard.press('Control+S');
    let toast = '';
    for (const end = Date.now() + TIMEOUT; Date.now() < end; await sleep(250)) {
      toast = (await page.$$eval('.notifications-toasts .notification-toast', (els) => els.map((e) => e.textContent).join('\n'))) || '';
      if (/was not found/.test(toast)) break;
    }
    x('UI: a missing server binary gives a message that says how to build it or point to it', toast.includes(settings['ownership.server.path']) && /scripts\/build\.sh/.test(toast) && /ownership\.server\.path/.test(toast), toast.slice(0, 400));
    await page.screenshot({ path: path.join(shots, 'vscode-missing-server.png') });
  } catch (e) {
    for (const p of browser.contexts().flatMap((c) => c.pages())) await p.screenshot({ path: path.join(out, 'failure.png') }).catch(() => {});
    throw e;
  } finally {
    await browser.close().catch(() => {});
    try {
      process.kill(-cs.pid, 'SIGTERM');
    } catch {}
  }
  fs.writeFileSync(path.join(out, 'selftest-observed.json'), fs.existsSync(selftestOut) ? fs.readFileSync(selftestOut) : '{}');
  const failed = scenario.report('vscode', [], extra);
  console.log(`screenshots: ${shots}`);
  if (failed) console.log(`(code-server log: ${path.join(out, 'code-server.log')}; extension host logs under ${path.join(userData, 'logs')})`);
  return failed ? 1 : 0;
}

withHardTimeout(main, 8 * TIMEOUT, 'vscode');
