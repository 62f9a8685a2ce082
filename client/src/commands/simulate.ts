/** `smsSchedule.simulate`: ask the server for the timeline and show it in the document's panel. */
import * as vscode from 'vscode';
import type { Timeline } from '../../../server/src/shared/protocol';
import type { TimelinePanels } from '../timelinePanel';
import { targetDocumentUri } from '../documents';

export function simulateCommand(panels: TimelinePanels) {
  return async (arg?: unknown): Promise<Timeline | undefined> => {
    const uri = targetDocumentUri(arg);
    if (uri === undefined) {
      void vscode.window.showWarningMessage('Open an SMS Schedule file (*.sms.yaml) to simulate it.');
      return undefined;
    }
    try {
      const timeline = await panels.show(uri);
      if (timeline.error !== undefined)
        void vscode.window.showWarningMessage(`Simulation incomplete: ${timeline.error}`);
      return timeline;
    } catch (error) {
      void vscode.window.showErrorMessage(`Simulation failed: ${errorMessage(error)}`);
      return undefined;
    }
  };
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
