// Helpers shared by the editor tests: arguments, locating the server, killing child process groups, hard timeouts.
'use strict';
const fs = require('fs');
const path = require('path');

const REPO = path.resolve(__dirname, '..', '..', '..');
const children = new Set();

function arg(name) {
  const i = process.argv.indexOf(name);
  if (i >= 0) return process.argv[i + 1];
  const eq = process.argv.find((a) => a.startsWith(name + '='));
  return eq ? eq.slice(name.length + 1) : undefined;
}

/** Fails clearly when the npm deps of the tests are not installed. */
function needDeps(names) {
  for (const n of names) {
    try {
      require.resolve(n, { paths: [path.join(__dirname, '..')] });
    } catch {
      console.log(`FAIL npm package ${n} is missing in tests/editors/node_modules: run scripts/setup-editors.sh`);
      console.log('0 passed, 1 failed');
      process.exit(1);
    }
  }
}

/** The server under test: --server, else $OWNERSHIP_LSP, else build/ownership-lsp. */
function serverPath(given) {
  const p = path.resolve(given || process.env.OWNERSHIP_LSP || path.join(REPO, 'build', 'ownership-lsp'));
  try {
    fs.accessSync(p, fs.constants.X_OK);
  } catch {
    console.log(`FAIL the server ${p} is missing: build it (scripts/build.sh) or pass --server PATH`);
    console.log('0 passed, 1 failed');
    process.exit(1);
  }
  return p;
}

/** Remembers a child started with detached: true (its own process group) so it is killed on exit. */
function track(child) {
  children.add(child);
  child.on('exit', () => children.delete(child));
  return child;
}

function killAll() {
  for (const c of children) {
    try {
      process.kill(-c.pid, 'SIGKILL');
    } catch {
      try {
        c.kill('SIGKILL');
      } catch {}
    }
  }
  children.clear();
}

/** Runs main(); any exception or passing `ms` is one failure. Exits with main's status. */
function withHardTimeout(main, ms, label) {
  const fail = (why) => {
    console.log(`FAIL ${label}: ${why}`);
    console.log('0 passed, 1 failed');
    killAll();
    process.exit(1);
  };
  const timer = setTimeout(() => fail(`gave up after ${ms} ms`), ms);
  process.on('SIGINT', () => fail('interrupted'));
  process.on('SIGTERM', () => fail('terminated'));
  main().then(
    (status) => {
      clearTimeout(timer);
      killAll();
      process.exit(status);
    },
    (e) => fail(e && e.stack ? e.stack : String(e)),
  );
}

module.exports = { REPO, needDeps, arg, serverPath, track, killAll, withHardTimeout };
