// VS Code entry point: starts ownership-lsp for C/C++ files, passes settings, and registers the commands.
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import {
  DidChangeConfigurationNotification,
  DocumentHighlight,
  DocumentHighlightKind,
  DocumentHighlightRequest,
  Executable,
  HoverRequest,
  LanguageClient,
  LanguageClientOptions,
  ServerOptions,
  State,
  TextDocumentPositionParams,
  TransportKind,
  vsdiag,
} from 'vscode-languageclient/node';
import { runSelfTestIfRequested, seen } from './selftest';

const SECTION = 'ownership';
let client: LanguageClient | undefined;
let output: vscode.OutputChannel;
let starting: Promise<void> | undefined;

function expandVars(value: string, folder?: vscode.WorkspaceFolder): string {
  const ws = folder?.uri.fsPath ?? vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? '';
  return value
    .replace(/\$\{workspaceFolder\}/g, ws)
    .replace(/\$\{userHome\}/g, process.env.HOME ?? '')
    .replace(/^~(?=\/|$)/, process.env.HOME ?? '~');
}

function isExecutable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

/** Where the server binary is, and every place that was tried (for the error message). */
export function findServer(): { path?: string; tried: string[] } {
  const cfg = vscode.workspace.getConfiguration(SECTION);
  const tried: string[] = [];
  const configured = (cfg.get<string>('server.path') ?? '').trim();
  if (configured) {
    const p = expandVars(configured);
    tried.push(p);
    return isExecutable(p) ? { path: p, tried } : { tried };
  }
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    const p = path.join(dir, 'ownership-lsp');
    if (isExecutable(p)) return { path: p, tried };
  }
  tried.push('ownership-lsp on PATH');
  for (const folder of vscode.workspace.workspaceFolders ?? []) {
    const p = path.join(folder.uri.fsPath, 'build', 'ownership-lsp');
    tried.push(p);
    if (isExecutable(p)) return { path: p, tried };
  }
  return { tried };
}

/** The settings the server reads, as initializationOptions and under `ownership` in didChangeConfiguration. */
export function serverSettings(): Record<string, unknown> {
  const cfg = vscode.workspace.getConfiguration(SECTION);
  const dir = (cfg.get<string>('compileCommandsDir') ?? '').trim();
  const settings: Record<string, unknown> = {
    fallbackFlags: cfg.get<string[]>('fallbackFlags') ?? ['-std=c++20'],
    severity: cfg.get<Record<string, string>>('severity') ?? {},
    inlayHints: cfg.get<boolean>('inlayHints') ?? true,
  };
  if (dir) settings.compileCommandsDir = expandVars(dir);
  return settings;
}

async function reportMissingServer(tried: string[]): Promise<void> {
  const msg =
    'Ownership: the ownership-lsp server was not found (tried: ' +
    tried.join(', ') +
    '). Build it in the ownership-lsp checkout with `scripts/build.sh` (it produces build/ownership-lsp), ' +
    'then set "ownership.server.path" to that file or put it on PATH.';
  output.appendLine(msg);
  const choice = await vscode.window.showErrorMessage(msg, 'Open Settings', 'Show Output');
  if (choice === 'Open Settings') {
    await vscode.commands.executeCommand('workbench.action.openSettings', 'ownership.server.path');
  } else if (choice === 'Show Output') {
    output.show(true);
  }
}

async function startClient(context: vscode.ExtensionContext): Promise<void> {
  const found = findServer();
  if (!found.path) {
    void reportMissingServer(found.tried);
    return;
  }
  const cfg = vscode.workspace.getConfiguration(SECTION);
  const args = (cfg.get<string[]>('server.extraArgs') ?? []).map((a) => expandVars(a));
  const run: Executable = { command: found.path, args, transport: TransportKind.stdio };
  const serverOptions: ServerOptions = { run, debug: run };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'cpp' },
      { scheme: 'file', language: 'c' },
      { scheme: 'untitled', language: 'cpp' },
      { scheme: 'untitled', language: 'c' },
    ],
    initializationOptions: serverSettings(),
    outputChannel: output,
    traceOutputChannel: output,
    middleware: {
      // The server both publishes diagnostics and answers pull requests; the client would
      // show each diagnostic twice (one collection per model). Keep the pushed ones.
      provideDiagnostics: () => ({ kind: vsdiag.DocumentDiagnosticReportKind.full, items: [] }),
      provideWorkspaceDiagnostics: () => ({ items: [] }),
      // The code actions as this client hands them to VS Code (the self-test reads them:
      // vscode.executeCodeActionProvider drops each action's diagnostics).
      provideCodeActions: async (document, range, context, token, next) => {
        const actions = await next(document, range, context, token);
        seen.codeActions = actions ?? undefined;
        return actions;
      },
      workspace: {
        // Answer workspace/configuration for `ownership` with the same shape as initializationOptions.
        configuration: (params) =>
          params.items.map((item) =>
            item.section === SECTION
              ? serverSettings()
              : item.section
                ? vscode.workspace.getConfiguration().get(item.section) ?? null
                : null,
          ),
      },
    },
  };
  output.appendLine(`Starting ${found.path} ${args.join(' ')}`.trim());
  client = new LanguageClient(SECTION, 'Ownership', serverOptions, clientOptions);
  try {
    await client.start();
  } catch (e) {
    output.appendLine(`Ownership: the server failed to start: ${e}`);
    void vscode.window.showErrorMessage(
      `Ownership: ${found.path} failed to start (${e}). See the Ownership output for details.`,
    );
  }
  context.subscriptions.push({ dispose: () => void client?.stop() });
}

async function stopClient(): Promise<void> {
  const c = client;
  client = undefined;
  if (c && c.state !== State.Stopped) {
    try {
      await c.stop(5000);
    } catch (e) {
      output.appendLine(`Ownership: stopping the server: ${e}`);
    }
  }
}

async function restart(context: vscode.ExtensionContext): Promise<void> {
  output.appendLine('Restarting the server');
  await stopClient();
  starting = startClient(context);
  await starting;
}

function markdownToPlain(md: string): string {
  return md
    .replace(/\*\*|__|`/g, '')
    .replace(/^\s*[-*]\s+/gm, '• ')
    .replace(/\n{2,}/g, '\n')
    .trim();
}

/**
 * The active editor and its cursor as request parameters, once the server runs; otherwise tells
 * the user why nothing can be asked (no editor, server not running) and returns undefined.
 */
async function cursorRequestTarget(): Promise<
  { editor: vscode.TextEditor; params: TextDocumentPositionParams; server: LanguageClient } | undefined
> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) {
    void vscode.window.showInformationMessage('Ownership: open a C or C++ file and place the cursor on a variable.');
    return undefined;
  }
  if (starting) await starting;
  if (!client || client.state !== State.Running) {
    void vscode.window.showWarningMessage('Ownership: the server is not running (see the Ownership output).');
    return undefined;
  }
  const params = client.code2ProtocolConverter.asTextDocumentPositionParams(editor.document, editor.selection.active);
  return { editor, params, server: client };
}

/** Asks the server for textDocument/hover at the cursor and shows the Markdown; returns it. */
async function showOwnershipState(): Promise<string | undefined> {
  const target = await cursorRequestTarget();
  if (!target) return undefined;
  const { editor, params, server } = target;
  const hover = await server.sendRequest(HoverRequest.type, params);
  let markdown = '';
  if (hover) {
    const parts = Array.isArray(hover.contents) ? hover.contents : [hover.contents];
    markdown = parts
      .map((p) => (typeof p === 'string' ? p : 'value' in p ? p.value : ''))
      .filter((s) => s)
      .join('\n\n');
  }
  const where = `${vscode.workspace.asRelativePath(editor.document.uri)}:${editor.selection.active.line + 1}:${
    editor.selection.active.character + 1
  }`;
  if (!markdown) {
    void vscode.window.showInformationMessage(`Ownership: nothing tracked at ${where}.`);
    return '';
  }
  output.appendLine(`--- ownership state at ${where} ---`);
  output.appendLine(markdown);
  void vscode.window.showInformationMessage(markdownToPlain(markdown), 'Show Output').then((c) => {
    if (c) output.show(true);
  });
  return markdown;
}

// `ownership.showBorrows` draws with its own decorations, so that the borrows stay visible (until
// the cursor moves) even where the editor's occurrence highlighting is off; VS Code draws the same
// server answer natively on every cursor move (`editor.occurrencesHighlight`).
let borrowDecorations: Record<number, vscode.TextEditorDecorationType> | undefined;
function decorations(): Record<number, vscode.TextEditorDecorationType> {
  borrowDecorations ??= {
    [DocumentHighlightKind.Text]: vscode.window.createTextEditorDecorationType({
      backgroundColor: new vscode.ThemeColor('editor.wordHighlightTextBackground'),
    }),
    [DocumentHighlightKind.Read]: vscode.window.createTextEditorDecorationType({
      backgroundColor: new vscode.ThemeColor('editor.wordHighlightBackground'),
      border: '1px solid',
      borderColor: new vscode.ThemeColor('editor.wordHighlightBorder'),
      overviewRulerColor: new vscode.ThemeColor('editorOverviewRuler.wordHighlightForeground'),
    }),
    [DocumentHighlightKind.Write]: vscode.window.createTextEditorDecorationType({
      backgroundColor: new vscode.ThemeColor('editor.wordHighlightStrongBackground'),
      border: '1px solid',
      borderColor: new vscode.ThemeColor('editor.wordHighlightStrongBorder'),
      overviewRulerColor: new vscode.ThemeColor('editorOverviewRuler.wordHighlightStrongForeground'),
    }),
  };
  return borrowDecorations;
}

function clearBorrows(editor: vscode.TextEditor): void {
  for (const d of Object.values(decorations())) editor.setDecorations(d, []);
}

/**
 * Asks the server for textDocument/documentHighlight at the cursor and draws the borrows of the
 * variable there until the cursor moves: where a borrow is taken or conflicts (write), where a live
 * borrow is used (read). Lists them in the Ownership output; returns them.
 */
async function showBorrows(context: vscode.ExtensionContext): Promise<DocumentHighlight[] | undefined> {
  const target = await cursorRequestTarget();
  if (!target) return undefined;
  const { editor, params, server } = target;
  const found = (await server.sendRequest(DocumentHighlightRequest.type, params)) ?? [];
  clearBorrows(editor);
  const byKind = new Map<number, vscode.Range[]>();
  for (const h of found) {
    const kind = h.kind ?? DocumentHighlightKind.Text;
    byKind.set(kind, [...(byKind.get(kind) ?? []), server.protocol2CodeConverter.asRange(h.range)]);
  }
  for (const [kind, ranges] of byKind) editor.setDecorations(decorations()[kind], ranges);
  const at = editor.selection.active;
  const sub = vscode.window.onDidChangeTextEditorSelection((e) => {
    if (e.textEditor === editor && !e.selections[0].active.isEqual(at)) {
      clearBorrows(editor);
      sub.dispose();
    }
  });
  context.subscriptions.push(sub);
  const word = editor.document.getText(editor.document.getWordRangeAtPosition(at)) || 'the cursor';
  if (!found.length) {
    void vscode.window.showInformationMessage(`Ownership: no tracked variable at ${word}.`);
    return found;
  }
  const label = (k: number | undefined) =>
    k === DocumentHighlightKind.Write ? 'borrowed or conflicting' : k === DocumentHighlightKind.Read ? 'borrow used' : 'mentioned';
  output.appendLine(`--- borrows of ${word} ---`);
  for (const h of found)
    output.appendLine(
      `line ${h.range.start.line + 1}: ${label(h.kind)}: ${editor.document.getText(server.protocol2CodeConverter.asRange(h.range))}`,
    );
  const writes = found.filter((h) => h.kind === DocumentHighlightKind.Write).length;
  const reads = found.filter((h) => h.kind === DocumentHighlightKind.Read).length;
  void vscode.window.setStatusBarMessage(
    `Ownership: ${word}: ${writes} borrow or conflict site${writes === 1 ? '' : 's'}, ${reads} live use${reads === 1 ? '' : 's'}`,
    5000,
  );
  return found;
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  output = vscode.window.createOutputChannel('Ownership');
  context.subscriptions.push(output);
  context.subscriptions.push(
    vscode.commands.registerCommand('ownership.restartServer', () => restart(context)),
    vscode.commands.registerCommand('ownership.showOwnershipState', () => showOwnershipState()),
    vscode.commands.registerCommand('ownership.showBorrows', () => showBorrows(context)),
    vscode.commands.registerCommand('ownership.showOutput', () => output.show(true)),
    vscode.workspace.onDidChangeConfiguration(async (e) => {
      // The binary and its arguments need a new process; the rest goes to the server live.
      if (e.affectsConfiguration('ownership.server')) {
        await restart(context);
      } else if (e.affectsConfiguration(SECTION)) {
        if (!client) {
          await restart(context);
        } else if (client.state === State.Running) {
          await client.sendNotification(DidChangeConfigurationNotification.type, {
            settings: { [SECTION]: serverSettings() },
          });
        }
      }
    }),
  );
  starting = startClient(context);
  await starting;
  runSelfTestIfRequested(context, output);
}

export async function deactivate(): Promise<void> {
  await stopClient();
}
