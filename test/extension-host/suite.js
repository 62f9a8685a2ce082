// @ts-check
/**
 * Extension-host suite: runs INSIDE a real VS Code (or code-server) extension host, loaded through
 * `--extensionTestsPath=<repo>/test/extension-host/suite.js` with `--extensionDevelopmentPath=<repo>`
 * (dist/ built first). VS Code calls `run()`; the result {passed, failed, failures} is written as
 * JSON to $SMS_TEST_RESULT (default: <workspace folder or os tmpdir>/.sms-test-result.json), and
 * `run()` rejects when a check failed so the host's exit code says so too.
 * Plain CommonJS so it needs no build step; the example path can be overridden with $SMS_EXAMPLE.
 */
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const vscode = require('vscode');

const EXTENSION_ID = 'sms-schedule-author.sms-schedule-author';
const DIAGNOSTIC_DEADLINE_MS = Number(process.env.SMS_TEST_DEADLINE_MS ?? 60_000);
const EXAMPLE = process.env.SMS_EXAMPLE ?? path.resolve(__dirname, '../../examples/lab.sms.yaml');

/** Resolves with the document's diagnostics once `predicate` holds; rejects after the deadline. */
function waitForDiagnostics(uri, predicate, deadlineMs = DIAGNOSTIC_DEADLINE_MS) {
  return new Promise((resolve, reject) => {
    const check = () => {
      const diagnostics = vscode.languages.getDiagnostics(uri);
      if (!predicate(diagnostics)) return false;
      cleanup();
      resolve(diagnostics);
      return true;
    };
    const subscription = vscode.languages.onDidChangeDiagnostics((event) => {
      if (event.uris.some((changed) => changed.toString() === uri.toString())) check();
    });
    const timer = setTimeout(() => {
      cleanup();
      const seen = vscode.languages.getDiagnostics(uri).map((d) => String(codeOf(d)));
      reject(new Error(`no matching diagnostics within ${deadlineMs} ms (seen: ${seen.join(', ') || 'none'})`));
    }, deadlineMs);
    const cleanup = () => {
      clearTimeout(timer);
      subscription.dispose();
    };
    check();
  });
}

/** Diagnostic codes may be plain or `{ value, target }`. */
function codeOf(diagnostic) {
  const code = diagnostic.code;
  return typeof code === 'object' && code !== null ? code.value : code;
}

function positionOf(document, text) {
  const offset = document.getText().indexOf(text);
  assert.ok(offset >= 0, `"${text}" not found in ${document.uri.fsPath}`);
  return document.positionAt(offset);
}

function hoverText(hovers) {
  return hovers
    .flatMap((hover) => hover.contents)
    .map((content) => (typeof content === 'string' ? content : content.value))
    .join('\n');
}

async function run() {
  /** @type {{ name: string, error: string }[]} */
  const failures = [];
  let passed = 0;
  const context = {};
  const check = async (name, body) => {
    try {
      await body();
      passed += 1;
      console.log(`  ✔ ${name}`);
    } catch (error) {
      failures.push({ name, error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
      console.log(`  ✘ ${name}: ${error instanceof Error ? error.message : String(error)}`);
    }
  };

  await check('the example opens as an sms-schedule document and activates the extension', async () => {
    const document = await vscode.workspace.openTextDocument(vscode.Uri.file(EXAMPLE));
    await vscode.window.showTextDocument(document);
    assert.equal(document.languageId, 'sms-schedule');
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `extension ${EXTENSION_ID} not loaded`);
    await extension.activate();
    context.document = document;
  });

  await check('contributed commands are registered', async () => {
    const commands = await vscode.commands.getCommands(true);
    for (const id of ['smsSchedule.simulate', 'smsSchedule.generateCliverify', 'smsSchedule.decodeToken', 'smsSchedule.reveal']) {
      assert.ok(commands.includes(id), `${id} missing`);
    }
  });

  await check('a verify-interrupts-run warning arrives from the server', async () => {
    assert.ok(context.document, 'document not opened');
    const diagnostics = await waitForDiagnostics(context.document.uri, (all) =>
      all.some((d) => codeOf(d) === 'verify-interrupts-run'),
    );
    const interruption = diagnostics.find((d) => codeOf(d) === 'verify-interrupts-run');
    assert.ok(interruption);
    assert.equal(interruption.source, 'sms-schedule');
    assert.equal(interruption.severity, vscode.DiagnosticSeverity.Warning);
    assert.ok(
      diagnostics.some((d) => codeOf(d) === 'event-not-simulated'),
      'the logon assignment should be reported as event-not-simulated',
    );
    context.interruption = interruption;
  });

  await check('the interruption offers the two quick fixes (disable, change interval)', async () => {
    assert.ok(context.interruption, 'no interruption diagnostic');
    /** @type {vscode.CodeAction[]} */
    const actions =
      (await vscode.commands.executeCommand(
        'vscode.executeCodeActionProvider',
        context.document.uri,
        context.interruption.range,
        vscode.CodeActionKind.QuickFix.value,
      )) ?? [];
    const titles = actions.map((action) => action.title);
    assert.ok(titles.some((t) => /disable the verify cycle/i.test(t)), `no "disable" fix among ${JSON.stringify(titles)}`);
    assert.ok(titles.some((t) => /verify interval/i.test(t)), `no "interval" fix among ${JSON.stringify(titles)}`);
  });

  await check('hovering an assignment explains it', async () => {
    assert.ok(context.document, 'document not opened');
    const position = positionOf(context.document, 'every: { days: 1 }');
    /** @type {vscode.Hover[]} */
    const hovers = (await vscode.commands.executeCommand('vscode.executeHoverProvider', context.document.uri, position)) ?? [];
    assert.ok(hoverText(hovers).trim().length > 0, 'empty hover');
  });

  await check('smsSchedule.simulate returns the timeline and opens the panel', async () => {
    assert.ok(context.document, 'document not opened');
    const timeline = await vscode.commands.executeCommand('smsSchedule.simulate', context.document.uri);
    assert.ok(timeline && typeof timeline === 'object', 'no timeline returned');
    assert.equal(timeline.error, undefined);
    // lab.sms.yaml has two advertisements, each to one collection.
    assert.equal(timeline.rows.length, 2);
    assert.ok(timeline.summary.interruptions > 0, 'expected interruptions in the example');
  });

  await check('smsSchedule.decodeToken decodes a token given as argument', async () => {
    // SPEC §5: 00811A9E081A2000 = weekly, Monday, every week, start 2012-01-01 04:00.
    const result = await vscode.commands.executeCommand('smsSchedule.decodeToken', '00811A9E081A2000');
    assert.ok(result && result.ok === true, `decode failed: ${JSON.stringify(result)}`);
    assert.match(result.description, /mon/i);
    const invalid = await vscode.commands.executeCommand('smsSchedule.decodeToken', '00811A9E081A20');
    assert.ok(invalid && invalid.ok === false, 'a 14-digit token must be rejected');
  });

  const result = { passed, failed: failures.length, failures };
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? os.tmpdir();
  const target = process.env.SMS_TEST_RESULT ?? path.join(folder, '.sms-test-result.json');
  fs.writeFileSync(target, `${JSON.stringify(result, null, 2)}\n`);
  console.log(`extension-host suite: ${passed} passed, ${failures.length} failed → ${target}`);
  if (failures.length > 0) throw new Error(`${failures.length} extension-host check(s) failed`);
}

module.exports = { run };
