// Real-client test (b): Neovim (Debian's 0.7.2) headless loads the project's own plugin (editors/nvim) and runs the editor scenario against ownership-lsp. Usage: node nvim_test.js [--server PATH] [--out DIR] [--nvim PATH]
'use strict';
const cp = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const scenario = require('./lib/scenario');
const { arg, serverPath, track, withHardTimeout, REPO } = require('./lib/util');

const TIMEOUT = Number(process.env.OWNERSHIP_TEST_TIMEOUT_MS || 120000);

function runNvim(nvim, env, script, file, ms) {
  return new Promise((resolve) => {
    const args = ['--headless', '-u', path.join(__dirname, 'nvim', 'minimal_init.lua'), '-i', 'NONE', '-n', '-c', `luafile ${script}`];
    const p = track(cp.spawn(nvim, args, { env, stdio: ['ignore', 'pipe', 'pipe'], detached: true, cwd: path.dirname(file) }));
    let output = '';
    p.stdout.on('data', (d) => (output += d));
    p.stderr.on('data', (d) => (output += d));
    const timer = setTimeout(() => {
      output += `\n(killed after ${ms} ms)`;
      try {
        process.kill(-p.pid, 'SIGKILL');
      } catch {}
    }, ms);
    p.on('exit', (code, sig) => {
      clearTimeout(timer);
      resolve({ code, sig, output });
    });
    p.on('error', (e) => {
      clearTimeout(timer);
      resolve({ code: -1, output: String(e) });
    });
  });
}

async function main() {
  const server = serverPath(arg('--server'));
  const nvim = arg('--nvim') || 'nvim';
  const out = path.resolve(arg('--out') || fs.mkdtempSync(path.join(os.tmpdir(), 'ownership-nvim-')));
  fs.rmSync(out, { recursive: true, force: true });
  fs.mkdirSync(out, { recursive: true });
  const version = cp.spawnSync(nvim, ['--version'], { encoding: 'utf8', timeout: 10000 });
  if (version.status !== 0) throw new Error(`cannot run ${nvim} (install Debian's neovim: scripts/setup-editors.sh)`);
  const { files } = scenario.makeWorkspace(out);
  const file = files[0];
  const pos = scenario.positions();
  const planFile = path.join(out, 'plan.json');
  fs.writeFileSync(planFile, JSON.stringify({ file, hovers: pos.hovers, fix: pos.fix, borrow: pos.borrow }));
  const obsFile = path.join(out, 'observed.json');
  const xdg = (k) => path.join(out, 'xdg', k);
  const env = {
    ...process.env,
    XDG_CONFIG_HOME: xdg('config'),
    XDG_DATA_HOME: xdg('data'),
    XDG_STATE_HOME: xdg('state'),
    XDG_CACHE_HOME: xdg('cache'),
    NVIM_LOG_FILE: path.join(out, 'nvim.log'),
    OWNERSHIP_REPO: REPO,
    OWNERSHIP_LSP: server,
    OWNERSHIP_PLAN: planFile,
    OWNERSHIP_OBS: obsFile,
    OWNERSHIP_TEST_TIMEOUT_MS: String(TIMEOUT),
  };
  const run = await runNvim(nvim, env, path.join(__dirname, 'nvim', 'test.lua'), file, 4 * TIMEOUT);
  fs.writeFileSync(path.join(out, 'nvim-output.txt'), run.output);
  let obs = {};
  try {
    obs = JSON.parse(fs.readFileSync(obsFile, 'utf8'));
  } catch (e) {
    obs = { error: `no observations (nvim exited ${run.code} ${run.sig || ''}): ${run.output.slice(0, 2000)}` };
  }
  fs.writeFileSync(obsFile, JSON.stringify(obs, null, 2));

  const extra = [];
  const x = (name, ok, detail = '') => extra.push({ name, ok: !!ok, detail });
  x(`Neovim ${version.stdout.split('\n')[0]} ran the scenario without a Lua error`, !obs.error && run.code === 0, obs.error || `exit ${run.code}`);
  x('the plugin detected the cpp filetype and attached an "ownership" client', obs.filetype === 'cpp' && obs.client_name === 'ownership', `${obs.filetype} ${obs.client_name}`);
  x(':OwnershipState opens a floating window', obs.stateFloat === true, String(obs.stateFloat));
  x(':OwnershipRestart, :OwnershipState and :OwnershipBorrows exist', obs.commands && obs.commands.restart && obs.commands.state && obs.commands.borrows, JSON.stringify(obs.commands));
  x('borrow highlights: a CursorHold autocommand on the buffer (the server supports documentHighlight)', obs.borrowAutocmd === true, String(obs.borrowAutocmd));
  x('borrow highlights: CursorMoved clears them', obs.highlightsCleared === true, String(obs.highlightsCleared));
  x(':OwnershipBorrows draws the borrows under the cursor', obs.borrowsCommand === true, String(obs.borrowsCommand));
  x(':OwnershipRestart starts a new client that publishes diagnostics', obs.restarted === true, String(obs.restarted));
  const health = obs.health || '';
  x(':checkhealth ownership finds the server', /ownership/.test(health) && health.includes(server) && !/ERROR/.test(health), health.slice(0, 600));

  // Missing binary: the user is told how to build it or point to it.
  const missObs = path.join(out, 'missing.json');
  const miss = await runNvim(
    nvim,
    { ...env, OWNERSHIP_LSP: path.join(out, 'no-such-ownership-lsp'), OWNERSHIP_OBS: missObs, OWNERSHIP_FILE: file },
    path.join(__dirname, 'nvim', 'missing_server.lua'),
    file,
    30000,
  );
  let m = {};
  try {
    m = JSON.parse(fs.readFileSync(missObs, 'utf8'));
  } catch {
    m = { error: miss.output.slice(0, 1000) };
  }
  const msg = (m.messages || []).map((x) => x.msg).join('\n');
  x('missing server: a warning says how to build it or point to it', /scripts\/build\.sh/.test(msg) && /ownership_server_path/.test(msg) && m.clients === 0, msg || JSON.stringify(m));

  const failed = scenario.report('nvim', scenario.check(obs, { href: true, stateCommand: true, inlayHints: true, highlights: true }), extra);
  if (failed) console.log(`(observations: ${obsFile}; nvim output: ${path.join(out, 'nvim-output.txt')})`);
  return failed ? 1 : 0;
}

withHardTimeout(main, 6 * TIMEOUT, 'nvim');
