/**
 * The one entry point of the core for the CLI and the language server: they import nothing from
 * core except this file. Each area adds its exports under its own comment line.
 */

// Tokens, SMS version scope, resend guidance (SPEC §5 v1.1, §6 v1.1; Q271181, Q283130, Q226922)
export { decodeTokens, encodeSchedules } from './tokens/codec';
export type { TokenDecodeResult } from './tokens/codec';
export { schedulesFromJson, schedulesToJson } from './tokens/json';
export type { TokenJson } from './tokens/json';
export { formatUnusedBits, unusedBitsNote } from './tokens/unusedBits';
export { describeSchedule } from './model/describe';
export type { Schedule } from './model/types';
export { isUnconfirmedSmsVersion, unconfirmedVersionNote } from './semantics/smsVersionScope';
export { resendGuidance } from './cliverify/resendGuidance';
