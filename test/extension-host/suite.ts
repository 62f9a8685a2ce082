/**
 * Extension-host suite for SMS Schedule Author: runs INSIDE a real VS Code / code-server extension
 * host (`--extensionDevelopmentPath=<repo>`, dist/ built first). Run it with
 * `runExtensionHostTests('test/extension-host/suite.ts')` (test/e2e/harness/extensionHost.ts), which
 * bundles it, opens a copy of examples/ and reads the result file; runHostSuite writes
 * {passed, failed, failures} to $SMS_E2E_RESULT_FILE and throws when a case failed.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import * as vscode from 'vscode';
import { runHostSuite, type HostResult } from '../e2e/harness/hostSuite';
import type { Timeline } from '../../server/src/shared/protocol';

const EXTENSION_ID = 'sms-schedule-author.sms-schedule-author';
const DIAGNOSTIC_DEADLINE_MS = Number(process.env.SMS_TEST_DEADLINE_MS ?? 60_000);

/** The workspace copy of lab.sms.yaml (the harness opens a copy of examples/), else the repository's. */
function exampleUri(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  const inWorkspace = folder === undefined ? undefined : join(folder, 'lab.sms.yaml');
  if (inWorkspace !== undefined && existsSync(inWorkspace)) return vscode.Uri.file(inWorkspace);
  const extension = vscode.extensions.getExtension(EXTENSION_ID);
  return vscode.Uri.file(resolve(extension?.extensionPath ?? '.', 'examples/lab.sms.yaml'));
}

/** Diagnostic codes may be plain or `{ value, target }`. */
function codeOf(diagnostic: vscode.Diagnostic): string | number | undefined {
  const code = diagnostic.code;
  return typeof code === 'object' ? code.value : code;
}

/** Resolves once the document's diagnostics satisfy `predicate` (event-driven); rejects at the deadline. */
function waitForDiagnostics(
  uri: vscode.Uri,
  predicate: (diagnostics: readonly vscode.Diagnostic[]) => boolean,
  deadlineMs = DIAGNOSTIC_DEADLINE_MS,
): Promise<readonly vscode.Diagnostic[]> {
  return new Promise((resolvePromise, reject) => {
    const cleanup = () => {
      clearTimeout(timer);
      subscription.dispose();
    };
    const check = () => {
      const diagnostics = vscode.languages.getDiagnostics(uri);
      if (!predicate(diagnostics)) return;
      cleanup();
      resolvePromise(diagnostics);
    };
    const subscription = vscode.languages.onDidChangeDiagnostics((event) => {
      if (event.uris.some((changed) => changed.toString() === uri.toString())) check();
    });
    const timer = setTimeout(() => {
      cleanup();
      const seen = vscode.languages.getDiagnostics(uri).map((d) => String(codeOf(d)));
      reject(new Error(`no matching diagnostics within ${deadlineMs} ms (seen: ${seen.join(', ') || 'none'})`));
    }, deadlineMs);
    check();
  });
}

/** Resolves once a tab matches (the tab model reaches the extension host asynchronously). */
function waitForTab(predicate: (tab: vscode.Tab) => boolean, deadlineMs = DIAGNOSTIC_DEADLINE_MS): Promise<vscode.Tab> {
  return new Promise((resolvePromise, reject) => {
    const cleanup = () => {
      clearTimeout(timer);
      subscription.dispose();
    };
    const check = () => {
      const tab = vscode.window.tabGroups.all.flatMap((group) => group.tabs).find(predicate);
      if (tab === undefined) return;
      cleanup();
      resolvePromise(tab);
    };
    const subscription = vscode.window.tabGroups.onDidChangeTabs(check);
    const timer = setTimeout(() => {
      cleanup();
      const labels = vscode.window.tabGroups.all.flatMap((group) => group.tabs).map((tab) => tab.label);
      reject(new Error(`no matching tab within ${deadlineMs} ms (tabs: ${JSON.stringify(labels)})`));
    }, deadlineMs);
    check();
  });
}

function positionOf(document: vscode.TextDocument, text: string): vscode.Position {
  const offset = document.getText().indexOf(text);
  assert.ok(offset >= 0, `"${text}" not found in ${document.uri.fsPath}`);
  return document.positionAt(offset);
}

function hoverText(hovers: readonly vscode.Hover[]): string {
  return hovers
    .flatMap((hover) => hover.contents)
    .map((content) => (typeof content === 'string' ? content : content.value))
    .join('\n');
}

/** State shared by the cases, which run in order. */
const state: { document?: vscode.TextDocument; interruption?: vscode.Diagnostic } = {};

function openedDocument(): vscode.TextDocument {
  assert.ok(state.document, 'the example was not opened');
  return state.document;
}

export function run(): Promise<HostResult> {
  return runHostSuite([
    [
      'the example opens as an sms-schedule document and activates the extension',
      async () => {
        const document = await vscode.workspace.openTextDocument(exampleUri());
        await vscode.window.showTextDocument(document);
        assert.equal(document.languageId, 'sms-schedule');
        const extension = vscode.extensions.getExtension(EXTENSION_ID);
        assert.ok(extension, `extension ${EXTENSION_ID} not loaded`);
        await extension.activate();
        state.document = document;
      },
    ],
    [
      'contributed commands are registered',
      async () => {
        const commands = await vscode.commands.getCommands(true);
        for (const id of ['simulate', 'generateCliverify', 'decodeToken', 'reveal']) {
          assert.ok(commands.includes(`smsSchedule.${id}`), `smsSchedule.${id} missing`);
        }
      },
    ],
    [
      'a verify-interrupts-run warning arrives from the server',
      async () => {
        const diagnostics = await waitForDiagnostics(openedDocument().uri, (all) =>
          all.some((d) => codeOf(d) === 'verify-interrupts-run'),
        );
        const interruption = diagnostics.find((d) => codeOf(d) === 'verify-interrupts-run');
        assert.ok(interruption);
        assert.equal(interruption.source, 'sms-schedule');
        assert.equal(interruption.severity, vscode.DiagnosticSeverity.Warning);
        // lab.sms.yaml's CEN20007 has an `event: logon` assignment.
        assert.ok(
          diagnostics.some((d) => codeOf(d) === 'event-not-simulated'),
          'no event-not-simulated for logon',
        );
        state.interruption = interruption;
      },
    ],
    [
      'the interruption offers the two quick fixes (disable the cycle, change the interval)',
      async () => {
        assert.ok(state.interruption, 'no interruption diagnostic');
        const actions =
          (await vscode.commands.executeCommand<vscode.CodeAction[]>(
            'vscode.executeCodeActionProvider',
            openedDocument().uri,
            state.interruption.range,
            vscode.CodeActionKind.QuickFix.value,
          )) ?? [];
        const titles = JSON.stringify(actions.map((action) => action.title));
        assert.ok(
          actions.some((a) => /disable the verify cycle/i.test(a.title)),
          `no "disable" fix in ${titles}`,
        );
        assert.ok(
          actions.some((a) => /verify interval/i.test(a.title)),
          `no "interval" fix in ${titles}`,
        );
      },
    ],
    [
      'hovering an assignment explains it',
      async () => {
        const document = openedDocument();
        const position = positionOf(document, 'every: { days: 1 }');
        const hovers =
          (await vscode.commands.executeCommand<vscode.Hover[]>(
            'vscode.executeHoverProvider',
            document.uri,
            position,
          )) ?? [];
        assert.ok(hoverText(hovers).trim().length > 0, 'empty hover');
      },
    ],
    [
      'smsSchedule.simulate returns the timeline and opens the panel',
      async () => {
        const timeline = await vscode.commands.executeCommand<Timeline | undefined>(
          'smsSchedule.simulate',
          openedDocument().uri,
        );
        assert.ok(timeline, 'no timeline returned');
        assert.equal(timeline.error, undefined);
        // lab.sms.yaml: two advertisements, each to one collection → two rows.
        assert.equal(timeline.rows.length, 2);
        assert.ok(timeline.summary.interruptions > 0, 'expected interruptions in the example');
        await waitForTab((tab) => tab.input instanceof vscode.TabInputWebview && tab.label.startsWith('Timeline:'));
      },
    ],
    [
      'smsSchedule.decodeToken decodes a token passed as argument and rejects a short one',
      async () => {
        // SPEC §5: 00811A9E081A2000 = weekly, Monday, every week, start 2012-01-01 04:00.
        const decoded = await vscode.commands.executeCommand<{ ok: boolean; description?: string }>(
          'smsSchedule.decodeToken',
          '00811A9E081A2000',
        );
        assert.equal(decoded?.ok, true, JSON.stringify(decoded));
        assert.match(decoded?.description ?? '', /monday/i);
        const invalid = await vscode.commands.executeCommand<{ ok: boolean }>(
          'smsSchedule.decodeToken',
          '00811A9E081A20',
        );
        assert.equal(invalid?.ok, false, 'a 14-digit token must be rejected');
      },
    ],
  ]);
}
