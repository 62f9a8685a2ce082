/**
 * Entry point of the language server (bundled to dist/server.js). `createConnection` picks the
 * transport from the command line: `--stdio` for other editors and tests, node IPC when VS Code
 * starts it.
 */
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { describeError } from './safety';
import { startServer } from './server';

// The `yaml` parser reads `process.env.LOG_TOKENS` once per token; on Node's live environment
// object that read costs about a fifth of a large parse. A plain copy answers the same, fast.
// (Side effect: variables set inside the server no longer reach native code; we set none.)
process.env = { ...process.env };

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
