/**
 * Entry point of the language server (bundled to dist/server.js). `createConnection` picks the
 * transport from the command line: `--stdio` for other editors and tests, node IPC when VS Code
 * starts it.
 */
import { setFlagsFromString } from 'node:v8';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { describeError } from './safety';
import { startServer } from './server';

// The `yaml` parser reads `process.env.LOG_TOKENS` once per token; on Node's live environment
// object that read costs about a fifth of a large parse. A plain copy answers the same, fast.
// (Side effect: variables set inside the server no longer reach native code; we set none.)
process.env = { ...process.env };

// While a large document is read, V8 lets the heap grow by up to 4 × before collecting, and the
// process keeps that memory. Growing by 10% at a time: peak RSS on 10,000 advertisements about
// 340 → 280 MB, for about 5% more time to open 2,000 (LSP sessions as in `npm run bench`).
setFlagsFromString('--heap-growing-percent=10');
// The young generation stays at the size it has once the server is loaded (4 MB semi-spaces)
// instead of doubling up to 16 MB while a document is read (most of what is read lives on):
// peak RSS at 2,000 advertisements ~155 → ~130 MB, at 10,000 ~266 → ~250 MB. Opening 2,000 costs
// about 8% more in a long session (326 → 354 ms, medians of nine bench-like opens each; in a
// fresh process it was faster, ~515 → ~470 ms): the open target keeps a wide margin.
setFlagsFromString('--semi-space-growth-factor=1');

const connection = createConnection(ProposedFeatures.all);

// A bug must cost one answer, never the session: log and keep serving.
process.on('unhandledRejection', (reason) => {
  connection.console.error(`sms-schedule: unhandled rejection: ${describeError(reason)}`);
});
process.on('uncaughtException', (error) => {
  connection.console.error(`sms-schedule: uncaught exception: ${describeError(error)}`);
});

startServer(connection);
connection.listen();
