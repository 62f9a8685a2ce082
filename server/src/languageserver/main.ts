/**
 * Entry point of the language server (bundled to dist/server.js). `createConnection` picks the
 * transport from the command line: `--stdio` for other editors and tests, node IPC when VS Code
 * starts it.
 */
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { describeError } from './safety';
import { startServer } from './server';

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
