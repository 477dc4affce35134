// Self-test mode (tests/editors): when OWNERSHIP_SELFTEST_PLAN names a plan file, drives the real extension host through the VS Code API and writes what it observed as JSON.
import * as fs from 'fs';
import * as vscode from 'vscode';

interface Pos {
  line: number;
  character: number;
}

interface Plan {
  file: string; // the C++ file to open (a scratch copy: the fix is applied to it)
  out: string; // where to write the observations
  hovers: Pos[]; // hover positions; the first also runs ownership.showOwnershipState
  fix: Pos & { code: string }; // the diagnostic whose preferred quick-fix is applied
  borrow?: Pos; // document highlights (VS Code's own provider call, then ownership.showBorrows) here
  timeoutMs?: number;
}

interface ObservedDiagnostic {
  code: string;
  href?: string;
  source?: string;
  severity: number; // LSP numbering: 1 error .. 4 hint
  message: string;
  range: { start: Pos; end: Pos };
  related: { message: string; line: number; character: number; uri: string }[];
}

/** What the language client handed to VS Code most recently (filled by its middleware). */
export const seen: { codeActions?: (vscode.Command | vscode.CodeAction)[] } = {};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function pos(p: vscode.Position): Pos {
  return { line: p.line, character: p.character };
}

function observe(uri: vscode.Uri): ObservedDiagnostic[] {
  return vscode.languages
    .getDiagnostics(uri)
    .filter((d) => d.source === 'ownership')
    .map((d) => {
      const code = typeof d.code === 'object' && d.code ? d.code : { value: d.code, target: undefined };
      return {
        code: String(code.value ?? ''),
        href: code.target?.toString(),
        source: d.source,
        severity: d.severity + 1,
        message: d.message,
        range: { start: pos(d.range.start), end: pos(d.range.end) },
        related: (d.relatedInformation ?? []).map((r) => ({
          message: r.message,
          line: r.location.range.start.line,
          character: r.location.range.start.character,
          uri: r.location.uri.toString(),
        })),
      };
    });
}

async function waitFor<T>(what: string, timeoutMs: number, probe: () => T | undefined): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = probe();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(100);
  }
}

function hoverText(hovers: vscode.Hover[] | undefined): string {
  const parts: string[] = [];
  for (const h of hovers ?? []) {
    for (const c of h.contents) {
      if (typeof c === 'string') parts.push(c);
      else if ('value' in c) parts.push(c.value);
    }
  }
  return parts.join('\n\n');
}

async function run(plan: Plan, output: vscode.OutputChannel): Promise<Record<string, unknown>> {
  const timeout = plan.timeoutMs ?? 60000;
  const result: Record<string, unknown> = { vscodeVersion: vscode.version };
  const uri = vscode.Uri.file(plan.file);
  const doc = await vscode.workspace.openTextDocument(uri);
  const editor = await vscode.window.showTextDocument(doc, { preview: false });

  const diags = await waitFor('ownership diagnostics', timeout, () => {
    const d = observe(uri);
    return d.length ? d : undefined;
  });
  await sleep(300);
  result.diagnostics = observe(uri);
  output.appendLine(`self-test: ${diags.length} diagnostics`);

  const hovers: string[] = [];
  for (const h of plan.hovers) {
    const got = await vscode.commands.executeCommand<vscode.Hover[]>(
      'vscode.executeHoverProvider',
      uri,
      new vscode.Position(h.line, h.character),
    );
    hovers.push(hoverText(got));
  }
  result.hovers = hovers;

  // The command a user runs: the state at the cursor.
  if (plan.hovers.length) {
    const p = new vscode.Position(plan.hovers[0].line, plan.hovers[0].character);
    editor.selection = new vscode.Selection(p, p);
    result.stateCommand = await vscode.commands.executeCommand<string>('ownership.showOwnershipState');
  }

  const hints = await vscode.commands.executeCommand<vscode.InlayHint[]>(
    'vscode.executeInlayHintProvider',
    uri,
    new vscode.Range(0, 0, doc.lineCount, 0),
  );
  result.inlayHints = (hints ?? []).map((h) =>
    typeof h.label === 'string' ? h.label : h.label.map((p) => p.value).join(''),
  );

  // Document highlights as VS Code asks for them on a cursor move (LSP numbering: 1 text, 2 read,
  // 3 write), and the command that draws them.
  if (plan.borrow) {
    const at = new vscode.Position(plan.borrow.line, plan.borrow.character);
    const hs =
      (await vscode.commands.executeCommand<vscode.DocumentHighlight[]>('vscode.executeDocumentHighlights', uri, at)) ??
      [];
    result.highlights = hs.map((h) => ({ kind: (h.kind ?? 0) + 1, line: h.range.start.line, character: h.range.start.character }));
    editor.selection = new vscode.Selection(at, at);
    const drawn = await vscode.commands.executeCommand<unknown[]>('ownership.showBorrows');
    result.borrowsCommand = Array.isArray(drawn) ? drawn.length : -1;
  }

  const target = vscode.languages
    .getDiagnostics(uri)
    .find((d) => d.source === 'ownership' && d.range.contains(new vscode.Position(plan.fix.line, plan.fix.character)));
  if (!target) throw new Error(`no ownership diagnostic at ${plan.fix.line}:${plan.fix.character}`);
  const actions =
    (await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>(
      'vscode.executeCodeActionProvider',
      uri,
      target.range,
    )) ?? [];
  const ours = actions.filter((a): a is vscode.CodeAction => 'edit' in a || 'kind' in a);
  // executeCodeActionProvider drops each action's diagnostics: take them from what the client
  // gave VS Code for the same request.
  const fromClient = (seen.codeActions ?? []).filter((a): a is vscode.CodeAction => 'kind' in a || 'edit' in a);
  result.actions = ours.map((a) => ({
    title: a.title,
    kind: a.kind?.value,
    isPreferred: !!a.isPreferred,
    diagnostics: (fromClient.find((c) => c.title === a.title)?.diagnostics ?? []).map((d) =>
      String(typeof d.code === 'object' ? d.code.value : d.code),
    ),
    hasEdit: !!a.edit,
  }));
  const chosen =
    ours.find((a) => a.isPreferred && a.edit && a.kind?.value === 'quickfix') ?? ours.find((a) => a.edit);
  if (!chosen?.edit) throw new Error('no quick-fix with an edit');
  result.applied = await vscode.workspace.applyEdit(chosen.edit);
  result.appliedTitle = chosen.title;
  result.textAfter = doc.getText();

  // The fixed diagnostic must go away (the server re-checks the edited text).
  const fixedLine = target.range.start.line;
  const code = plan.fix.code;
  try {
    await waitFor('the fixed diagnostic to clear', timeout, () =>
      observe(uri).some((d) => d.code === code && d.range.start.line === fixedLine) ? undefined : true,
    );
  } catch (e) {
    result.clearError = String(e);
  }
  await sleep(300);
  result.diagnosticsAfter = observe(uri);

  // Leave the scratch file as it was and close it.
  await vscode.commands.executeCommand('workbench.action.files.revert');
  await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  return result;
}

export function runSelfTestIfRequested(context: vscode.ExtensionContext, output: vscode.OutputChannel): void {
  const planFile = process.env.OWNERSHIP_SELFTEST_PLAN;
  if (!planFile || context.globalState.get('ownership.selfTestRan') === planFile) return;
  void context.globalState.update('ownership.selfTestRan', planFile);
  let plan: Plan;
  try {
    plan = JSON.parse(fs.readFileSync(planFile, 'utf8')) as Plan;
  } catch (e) {
    output.appendLine(`self-test: cannot read ${planFile}: ${e}`);
    return;
  }
  output.appendLine(`self-test: running ${planFile}`);
  void run(plan, output).then(
    (r) => writeAtomically(plan.out, { ok: true, ...r }),
    (e) => {
      output.appendLine(`self-test failed: ${e}`);
      writeAtomically(plan.out, { ok: false, error: String(e) });
    },
  );
}

function writeAtomically(file: string, data: unknown): void {
  fs.writeFileSync(file + '.tmp', JSON.stringify(data, null, 2));
  fs.renameSync(file + '.tmp', file);
}
