// Real-client test (a): a plain Node LSP client (vscode-languageserver-protocol) drives the built ownership-lsp through the editor scenario. Usage: node node_client_test.js [--server PATH] [--out DIR]
'use strict';
const cp = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { pathToFileURL } = require('url');
const { arg, needDeps, serverPath, track, withHardTimeout } = require('./lib/util');
needDeps(['vscode-languageserver-protocol']);
const {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
} = require('vscode-languageserver-protocol/node');
const scenario = require('./lib/scenario');

const TIMEOUT = Number(process.env.OWNERSHIP_TEST_TIMEOUT_MS || 120000);

function applyEdits(text, edits) {
  const lines = text.split('\n');
  const starts = [];
  let off = 0;
  for (const l of lines) {
    starts.push(off);
    off += l.length + 1;
  }
  // LSP positions are UTF-16 code units, as JavaScript string indices are.
  const offset = (p) => Math.min(text.length, (starts[p.line] ?? text.length) + p.character);
  const sorted = [...edits].sort((a, b) => offset(b.range.start) - offset(a.range.start));
  for (const e of sorted) text = text.slice(0, offset(e.range.start)) + e.newText + text.slice(offset(e.range.end));
  return text;
}

function observed(diags) {
  return diags.map((d) => ({
    code: d.code,
    href: d.codeDescription && d.codeDescription.href,
    source: d.source,
    severity: d.severity,
    message: d.message,
    range: d.range,
    related: (d.relatedInformation || []).map((r) => ({
      message: r.message,
      line: r.location.range.start.line,
      character: r.location.range.start.character,
    })),
  }));
}

async function main() {
  const server = serverPath(arg('--server'));
  const out = arg('--out') || fs.mkdtempSync(path.join(os.tmpdir(), 'ownership-node-client-'));
  fs.mkdirSync(out, { recursive: true });
  const { ws, files } = scenario.makeWorkspace(out);
  const file = files[0];
  const uri = pathToFileURL(file).href;
  const stderr = fs.openSync(path.join(out, 'server.log'), 'w');
  const proc = track(cp.spawn(server, [process.env.OWNERSHIP_LSP_LOG || '--log=info'], { stdio: ['pipe', 'pipe', stderr], detached: true }));
  let exited = null;
  const exitedP = new Promise((r) => proc.on('exit', (code, sig) => r((exited = { code, sig }))));
  proc.on('error', (e) => console.error(`cannot start ${server}: ${e.message}`));
  const conn = createProtocolConnection(new StreamMessageReader(proc.stdout), new StreamMessageWriter(proc.stdin));

  let settings = { fallbackFlags: ['-std=c++20'], inlayHints: true, severity: {} };
  conn.onRequest('workspace/configuration', (p) => p.items.map((i) => (i.section === 'ownership' ? settings : null)));
  conn.onRequest('window/workDoneProgress/create', () => null);
  conn.onRequest('client/registerCapability', () => null);
  conn.onRequest('client/unregisterCapability', () => null);
  conn.onNotification('window/logMessage', () => {});
  const published = [];
  const waiters = [];
  conn.onNotification('textDocument/publishDiagnostics', (p) => {
    if (p.uri !== uri) return;
    published.push(p);
    for (const w of [...waiters]) if (w.pred(p)) {
      waiters.splice(waiters.indexOf(w), 1);
      w.resolve(p);
    }
  });
  const waitDiags = (what, pred, ms = TIMEOUT) =>
    new Promise((resolve, reject) => {
      const hit = published.find(pred);
      if (hit) return resolve(hit);
      const w = { pred, resolve };
      waiters.push(w);
      setTimeout(() => {
        const i = waiters.indexOf(w);
        if (i >= 0) {
          waiters.splice(i, 1);
          reject(new Error(`timed out after ${ms} ms waiting for ${what}`));
        }
      }, ms);
    });
  conn.listen();

  const obs = {};
  const extra = [];
  const x = (name, ok, detail = '') => extra.push({ name, ok: !!ok, detail });
  const req = (method, params) =>
    Promise.race([
      conn.sendRequest(method, params),
      new Promise((_, rej) => setTimeout(() => rej(new Error(`${method} timed out`)), TIMEOUT)),
    ]);

  const init = await req('initialize', {
    processId: process.pid,
    clientInfo: { name: 'ownership-node-client-test' },
    rootUri: pathToFileURL(ws).href,
    workspaceFolders: [{ uri: pathToFileURL(ws).href, name: 'ws' }],
    initializationOptions: settings,
    capabilities: {
      general: { positionEncodings: ['utf-16'] },
      workspace: { configuration: true, workspaceFolders: true, didChangeConfiguration: { dynamicRegistration: false } },
      window: { workDoneProgress: true },
      textDocument: {
        synchronization: { didSave: true, dynamicRegistration: false },
        publishDiagnostics: { relatedInformation: true, versionSupport: true, codeDescriptionSupport: true, dataSupport: true },
        diagnostic: { dynamicRegistration: false, relatedDocumentSupport: false },
        hover: { contentFormat: ['markdown', 'plaintext'] },
        codeAction: {
          isPreferredSupport: true,
          dataSupport: true,
          resolveSupport: { properties: ['edit'] },
          codeActionLiteralSupport: { codeActionKind: { valueSet: ['', 'quickfix', 'refactor', 'source'] } },
        },
        inlayHint: { dynamicRegistration: false },
        documentHighlight: { dynamicRegistration: false },
      },
    },
  });
  const caps = init.capabilities || {};
  x('initialize: hover, document highlight, code action, inlay hint and pull-diagnostic providers', caps.hoverProvider && caps.documentHighlightProvider && caps.codeActionProvider && caps.inlayHintProvider && caps.diagnosticProvider, JSON.stringify(caps));
  conn.sendNotification('initialized', {});
  const text = fs.readFileSync(file, 'utf8');
  conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'cpp', version: 1, text } });
  const first = await waitDiags('diagnostics for version 1', (p) => p.diagnostics.length > 0);
  x('publishDiagnostics carries the document version', first.version === 1, `version ${first.version}`);
  obs.diagnostics = observed(first.diagnostics);

  const pos = scenario.positions(text);
  obs.hovers = [];
  const kinds = [];
  for (const p of pos.hovers) {
    const h = await req('textDocument/hover', { textDocument: { uri }, position: p });
    const c = h && h.contents;
    kinds.push(c && c.kind);
    obs.hovers.push(!c ? '' : typeof c === 'string' ? c : Array.isArray(c) ? c.map((y) => y.value || y).join('\n') : c.value);
  }
  x('hover: MarkupContent of kind markdown', kinds.every((k) => k === 'markdown'), JSON.stringify(kinds));
  const hl = await req('textDocument/documentHighlight', { textDocument: { uri }, position: pos.borrow });
  obs.highlights = (hl || []).map((h) => ({ kind: h.kind, line: h.range.start.line, character: h.range.start.character }));
  const hints = await req('textDocument/inlayHint', {
    textDocument: { uri },
    range: { start: { line: 0, character: 0 }, end: { line: text.split('\n').length, character: 0 } },
  });
  obs.inlayHints = (hints || []).map((h) => (typeof h.label === 'string' ? h.label : h.label.map((p) => p.value).join('')));

  try {
    const pulled = await req('textDocument/diagnostic', { textDocument: { uri } });
    const pulledCodes = new Set(((pulled && pulled.items) || []).map((d) => d.code));
    x('pull diagnostics (textDocument/diagnostic) report the same codes', scenario.EXPECTED_CODES.every((c) => pulledCodes.has(c)), JSON.stringify([...pulledCodes]));
  } catch (e) {
    x('pull diagnostics (textDocument/diagnostic) report the same codes', false, e.message);
  }

  const target = first.diagnostics.find((d) => d.code === pos.fix.code && d.range.start.line === pos.fix.line);
  let edited = text;
  obs.actions = [];
  if (target) {
    const actions = (await req('textDocument/codeAction', {
      textDocument: { uri },
      range: target.range,
      context: { diagnostics: [target], only: ['quickfix'], triggerKind: 1 },
    })) || [];
    obs.actions = actions.map((a) => ({
      title: a.title,
      kind: a.kind,
      isPreferred: !!a.isPreferred,
      diagnostics: (a.diagnostics || []).map((d) => d.code),
      hasEdit: !!(a.edit && a.edit.changes && a.edit.changes[uri]),
    }));
    const chosen = actions.find((a) => a.isPreferred && a.edit) || actions.find((a) => a.edit);
    if (chosen) {
      edited = applyEdits(text, chosen.edit.changes[uri]);
      obs.applied = true;
    }
  }
  obs.textAfter = edited;
  conn.sendNotification('textDocument/didChange', {
    textDocument: { uri, version: 2 },
    contentChanges: [{ text: edited }],
  });
  const second = await waitDiags('diagnostics for version 2', (p) => p.version === 2 || (p.version === undefined && p !== first));
  obs.diagnosticsAfter = observed(second.diagnostics);

  // Settings reach the server: turning a code off hides it (workspace/didChangeConfiguration).
  settings = { ...settings, severity: { leak: 'off' } };
  conn.sendNotification('workspace/didChangeConfiguration', { settings: { ownership: settings } });
  try {
    const third = await waitDiags('diagnostics without the leak', (p) => p !== first && p !== second && !p.diagnostics.some((d) => d.code === 'leak'), 15000);
    x('settings: severity "off" for leak (didChangeConfiguration) hides it', third.diagnostics.length > 0, 'no diagnostics left at all');
  } catch (e) {
    x('settings: severity "off" for leak (didChangeConfiguration) hides it', false, e.message);
  }

  await req('shutdown', null);
  conn.sendNotification('exit');
  const code = await Promise.race([exitedP, new Promise((r) => setTimeout(() => r(null), 5000))]);
  x('shutdown + exit: the server exits with status 0', code && code.code === 0, JSON.stringify(code));
  conn.dispose();
  if (!exited) proc.kill('SIGKILL');
  fs.writeFileSync(path.join(out, 'observed.json'), JSON.stringify(obs, null, 2));

  const failed = scenario.report('node-client', scenario.check(obs, { href: true, inlayHints: true, highlights: true }), extra);
  if (failed) console.log(`(server log: ${path.join(out, 'server.log')}; observations: ${path.join(out, 'observed.json')})`);
  return failed ? 1 : 0;
}

withHardTimeout(main, 3 * TIMEOUT, 'node-client');
