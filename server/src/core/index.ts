/** The core's one entry point for the CLI and the language server. */

// What-if on the verify cycle (the timeline panel)
export { checkWhatIf, siteVerifyCycles, whatIfEdits, withVerifyCycles } from './ide/whatIf';
export type { SiteVerifyCycle, VerifyCycleOverride, VerifyCycleOverrides, WhatIfCheck } from './ide/whatIf';
