/** `smsSchedule.decodeToken`: decode SMS_ST_* schedule tokens (16 hex digits each) through the server. */
import * as vscode from 'vscode';
import type { DecodeTokenResult, ServerApi } from '../languageClient';
import { errorMessage } from './simulate';

const TOKEN_PATTERN = /^(?:[0-9A-Fa-f]{16})+$/;

/** Input-box validation: undefined when valid, else the reason. */
export function validateToken(value: string): string | undefined {
  const token = value.trim();
  if (token.length === 0) return 'Enter a schedule token, e.g. 00811A9E081A2000.';
  if (!/^[0-9A-Fa-f]*$/.test(token)) return 'A schedule token has hexadecimal digits only.';
  if (!TOKEN_PATTERN.test(token))
    return `A schedule token has 16 hex digits per schedule; this one has ${token.length}.`;
  return undefined;
}

export function decodeTokenCommand(server: ServerApi) {
  return async (arg?: unknown): Promise<DecodeTokenResult | undefined> => {
    const token =
      typeof arg === 'string'
        ? arg.trim()
        : (
            await vscode.window.showInputBox({
              title: 'Decode Schedule Token',
              prompt: 'SMS schedule token (16 hex digits per schedule; several may be concatenated)',
              placeHolder: '00811A9E081A2000',
              validateInput: validateToken,
            })
          )?.trim();
    if (token === undefined) return undefined;
    try {
      const result = await server.decodeToken(token);
      if (result.ok) void offerJson(result.description, result.json);
      else void vscode.window.showErrorMessage(`Invalid schedule token: ${result.reason}`);
      return result;
    } catch (error) {
      void vscode.window.showErrorMessage(`Decoding failed: ${errorMessage(error)}`);
      return undefined;
    }
  };
}

async function offerJson(description: string, json: unknown): Promise<void> {
  const choice = await vscode.window.showInformationMessage(description, 'Open as JSON');
  if (choice !== 'Open as JSON') return;
  const document = await vscode.workspace.openTextDocument({
    language: 'json',
    content: JSON.stringify(json, null, 2),
  });
  await vscode.window.showTextDocument(document);
}
