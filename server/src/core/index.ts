/**
 * The one entry point of the core for the CLI and the language server (they import nothing
 * else from core). Each area adds its exports under its own comment line.
 */

// Navigation over ids (issue 12): definition, references, highlights, rename, workspace symbols
export { symbolAt, definition, references, highlights, workspaceSymbols } from './ide/navigation';
export type { NavigationSource, IdAt, Highlight, HighlightKind, IdDeclarationSymbol } from './ide/navigation';
export { prepareRename, rename } from './ide/rename';
export type { RenamePlace, RenameResult } from './ide/rename';
export type { IdKind, IdRole, IdOccurrence, IdSymbol } from './ide/idIndex';
