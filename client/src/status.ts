/** A status-bar item shown while a simulation request is in flight (nested requests are counted). */
import * as vscode from 'vscode';

export class SimulationStatus implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('smsSchedule.simulation', vscode.StatusBarAlignment.Left);
  private running = 0;

  constructor() {
    this.item.name = 'SMS Schedule simulation';
    this.item.text = '$(sync~spin) SMS: simulating…';
    this.item.tooltip = 'Simulating verify-cycle interruptions';
  }

  async track<T>(work: Promise<T>): Promise<T> {
    this.running += 1;
    this.item.show();
    try {
      return await work;
    } finally {
      this.running -= 1;
      if (this.running === 0) this.item.hide();
    }
  }

  dispose(): void {
    this.item.dispose();
  }
}
