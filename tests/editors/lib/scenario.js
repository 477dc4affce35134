// The one editor scenario all three real-client tests run on examples/editor_demo.cpp: positions, a scratch workspace, and the checks over what a client observed.
'use strict';
const fs = require('fs');
const path = require('path');

const REPO = path.resolve(__dirname, '..', '..', '..');
const DEMO = path.join(REPO, 'examples', 'editor_demo.cpp');

/** Copies the demo (and the header it includes) into DIR/ws, keeping the relative include working. */
function makeWorkspace(dir, names = ['editor_demo.cpp']) {
  const ws = path.join(dir, 'ws');
  fs.mkdirSync(path.join(ws, 'examples'), { recursive: true });
  fs.mkdirSync(path.join(ws, 'include'), { recursive: true });
  fs.copyFileSync(path.join(REPO, 'include', 'ownership.h'), path.join(ws, 'include', 'ownership.h'));
  const files = names.map((n) => {
    const f = path.join(ws, 'examples', n);
    fs.copyFileSync(DEMO, f);
    return f;
  });
  return { ws, files };
}

/** 0-based position of `needle` (the `occurrence`-th match of `at` inside the line holding `needle`). */
function find(lines, needle, at) {
  const line = lines.findIndex((l) => l.includes(needle));
  if (line < 0) throw new Error(`editor_demo.cpp no longer contains ${JSON.stringify(needle)}`);
  const col = lines[line].indexOf(needle) + (at === undefined ? 0 : needle.indexOf(at));
  return { line, character: col };
}

/** Positions in the demo, found by text so that editing its comments does not break the tests. */
function positions(text = fs.readFileSync(DEMO, 'utf8')) {
  const lines = text.split('\n');
  const move = find(lines, 'std::string saved = std::move(title);', 'title');
  const useTitle = find(lines, 'return title.size()', 'title');
  const useW = find(lines, 'return w->id;', 'w');
  const pushV = find(lines, 'v.push_back(4);', 'v');
  const leakW = find(lines, 'int id = w->id;', 'w');
  const leakDecl = find(lines, 'OWNER Widget* w = make_widget(1);', 'w');
  return {
    move,
    useTitle,
    useW,
    moveW: find(lines, 'consume(std::move(w));', 'w'),
    pushV,
    firstDecl: find(lines, 'const int& first = v[0];', 'v'),
    // documentHighlight on the borrow `first`: taken at `v[0]`, conflicting push_back, used in the return.
    borrow: find(lines, 'const int& first = v[0];', 'first'),
    borrowUse: find(lines, 'return first;', 'first'),
    leakW,
    leakDecl,
    dangling: find(lines, 'std::string_view view = prefix', 'prefix'),
    // Hover targets, in this order: moved string, borrowed vector, [[owner]] pointer, moved unique_ptr.
    hovers: [useTitle, pushV, leakW, useW],
    fix: { ...useTitle, code: 'use-after-move' },
    fixedText: 'std::string saved = title;',
  };
}

const EXPECTED_CODES = ['use-after-move', 'dangling', 'mutate-while-borrowed', 'conflicting-borrow', 'leak'];

/**
 * Checks what one client observed. `obs` holds:
 *   diagnostics: [{code, href?, source, severity (1..4), message, range, related: [{message, line}]}]
 *   hovers: [markdown for each of positions().hovers]
 *   stateCommand?: markdown the editor's "show ownership state" command showed
 *   inlayHints?: [label]
 *   highlights?: [{kind (1 Text, 2 Read, 3 Write), line, character}] of documentHighlight at positions().borrow
 *   actions: [{title, kind, isPreferred, diagnostics: [code], hasEdit}]
 *   applied: bool, textAfter: string, diagnosticsAfter: [...]
 * `want` says which optional observations this client must have made.
 */
function check(obs, want = {}) {
  const pos = positions();
  const results = [];
  const t = (name, fn) => {
    try {
      const detail = fn();
      results.push({ name, ok: detail === true || detail === undefined, detail: detail === true ? '' : detail });
    } catch (e) {
      results.push({ name, ok: false, detail: String(e && e.message ? e.message : e) });
    }
  };
  const diags = obs.diagnostics || [];
  const at = (list, code, p) => list.find((d) => d.code === code && d.range.start.line === p.line);
  const brief = (list) => JSON.stringify(list.map((d) => `${d.range.start.line + 1}:${d.code}`));

  t('diagnostics: every code the demo shows, from source "ownership"', () => {
    const missing = EXPECTED_CODES.filter((c) => !diags.some((d) => d.code === c));
    if (missing.length) return `missing ${missing.join(', ')}; got ${brief(diags)}`;
    const foreign = diags.filter((d) => d.source !== 'ownership');
    if (foreign.length) return `source is not "ownership": ${brief(foreign)}`;
  });
  t('diagnostics: each reported once (no duplicates)', () => {
    if (!diags.length) return 'no diagnostics';
    const keys = diags.map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1}:${d.code}`);
    const dup = keys.filter((k, i) => keys.indexOf(k) !== i);
    if (dup.length) return `duplicated: ${JSON.stringify(dup)}`;
  });
  t('diagnostics: use-after-move on `title` with the related note "value moved here"', () => {
    const d = at(diags, 'use-after-move', pos.useTitle);
    if (!d) return `none at line ${pos.useTitle.line + 1}; got ${brief(diags)}`;
    if (d.range.start.character !== pos.useTitle.character) return `starts at column ${d.range.start.character + 1}`;
    if (!/moved/.test(d.message) || !d.message.includes('title')) return `message: ${d.message}`;
    const note = (d.related || []).find((r) => /moved here/.test(r.message));
    if (!note) return `related: ${JSON.stringify(d.related)}`;
    if (note.line !== pos.move.line) return `note on line ${note.line + 1}, move is on ${pos.move.line + 1}`;
  });
  t('diagnostics: severities (unique_ptr use-after-move error, leak warning)', () => {
    const e = at(diags, 'use-after-move', pos.useW);
    const w = at(diags, 'leak', pos.leakDecl);
    if (!e || e.severity !== 1) return `use-after-move of w: ${JSON.stringify(e)}`;
    if (!w || w.severity !== 2) return `leak: ${JSON.stringify(w)}`;
  });
  if (want.href) {
    t('diagnostics: codeDescription links to the code\'s page', () => {
      if (!diags.length) return 'no diagnostics';
      const bad = diags.filter((d) => !d.href || !d.href.includes(d.code));
      if (bad.length) return `no fitting href: ${JSON.stringify(bad.map((d) => [d.code, d.href]))}`;
    });
  }
  const hovers = obs.hovers || [];
  t('hover: moved-from string shows "moved (line N)"', () => {
    const h = hovers[0] || '';
    if (!h.includes(`moved (line ${pos.move.line + 1})`)) return `hover was: ${JSON.stringify(h)}`;
  });
  t('hover: borrowed vector shows "borrowed shared by first"', () => {
    const h = hovers[1] || '';
    if (!/borrowed shared by `?first`?/.test(h)) return `hover was: ${JSON.stringify(h)}`;
  });
  t('hover: [[owner]] pointer shows "owned"', () => {
    const h = hovers[2] || '';
    if (!/\bowned\b/.test(h)) return `hover was: ${JSON.stringify(h)}`;
  });
  if (want.stateCommand) {
    t('command: show ownership state at the cursor', () => {
      const h = obs.stateCommand || '';
      if (!h.includes(`moved (line ${pos.move.line + 1})`)) return `shown: ${JSON.stringify(h)}`;
    });
  }
  if (want.inlayHints) {
    t('inlay hints: where a borrow ends and where an owner moves', () => {
      const labels = obs.inlayHints || [];
      if (!labels.some((l) => /borrow/.test(l)) || !labels.some((l) => /moved/.test(l)))
        return `labels: ${JSON.stringify(labels)}`;
    });
  }
  if (want.highlights) {
    t('document highlights of the borrow `first`: taken and conflicting (Write), used later (Read)', () => {
      const hs = obs.highlights || [];
      const has = (kind, line) => hs.some((h) => h.kind === kind && h.line === line);
      const borrowLine = pos.borrow.line;
      if (!has(3, borrowLine) || !has(3, pos.pushV.line) || !has(2, pos.borrowUse.line))
        return `highlights: ${JSON.stringify(hs)}`;
    });
  }
  const actions = obs.actions || [];
  t('code action: preferred quick-fix "copy instead of move" for the use-after-move', () => {
    const a = actions.find((x) => x.isPreferred && x.kind === 'quickfix' && x.hasEdit);
    if (!a) return `actions: ${JSON.stringify(actions)}`;
    if (!/copy/.test(a.title) || !a.diagnostics.includes('use-after-move')) return `preferred: ${JSON.stringify(a)}`;
  });
  t('apply: the edit replaces std::move(title) with a copy', () => {
    if (!obs.applied) return 'the edit was not applied';
    const lines = (obs.textAfter || '').split('\n');
    if (!lines[pos.move.line] || !lines[pos.move.line].includes(pos.fixedText))
      return `line ${pos.move.line + 1} is now ${JSON.stringify(lines[pos.move.line])}`;
  });
  t('cleared: the fixed diagnostic is gone, the others stay', () => {
    const after = obs.diagnosticsAfter || [];
    if (at(after, 'use-after-move', pos.useTitle)) return `still there: ${brief(after)}`;
    if (!after.some((d) => d.code === 'dangling') || !at(after, 'use-after-move', pos.useW))
      return `other diagnostics vanished too: ${brief(after)}`;
  });
  return results;
}

/** Prints one line per check and the closing `N passed, N failed`; returns the number failed. */
function report(label, results, extra = []) {
  const all = [...results, ...extra];
  for (const r of all) console.log(`${r.ok ? 'ok  ' : 'FAIL'} ${label}: ${r.name}${r.ok ? '' : ` -- ${r.detail}`}`);
  const failed = all.filter((r) => !r.ok).length;
  console.log(`${all.length - failed} passed, ${failed} failed`);
  return failed;
}

module.exports = { REPO, DEMO, makeWorkspace, positions, check, report, EXPECTED_CODES };
