/**
 * The hover of an accept comment (SPEC §6.1): what it accepts, how many findings of the horizon
 * that is, and its reason. Accepting is this tool's convention, not an SMS setting: the hover says so.
 */
import type { ParsedDocument } from '../document/parse';
import type { SmsDocument } from '../model/types';
import { ACCEPT_KEYWORD } from './acceptComments';
import { ACCEPTABLE_CODES, describeAcceptItem, type AcceptedFindings, type CommentUsage } from './acceptance';

export interface AcceptHoverInput {
  readonly parsed: ParsedDocument;
  readonly model: SmsDocument | undefined;
  readonly accepted: AcceptedFindings;
}

/** Markdown for the accept comment on the line of `offset`, or undefined when there is none. */
export function acceptHover(input: AcceptHoverInput, offset: number): string | undefined {
  const { parsed, accepted, model } = input;
  const line = parsed.lines.positionAt(offset).line;
  const index = accepted.comments.findIndex((c) => parsed.lines.positionAt(c.span.start).line === line);
  const comment = accepted.comments[index];
  if (!comment) return undefined;
  const item = comment.item;
  const codes = item ? comment.codes.filter((c) => ACCEPTABLE_CODES.get(c)?.includes(item.kind)) : [];
  const parts = [
    `**Accepted risk** (\`${ACCEPT_KEYWORD}\`, SPEC §6.1: a convention of this tool, not an SMS setting; ` +
      'SMS still runs the verify cycle as before)',
  ];
  if (item && codes.length > 0) {
    parts.push(
      `Accepts ${codes.map((c) => `\`${c}\``).join(', ')} for ${describeAcceptItem(item, model)}` +
        `${item.kind === 'program' ? ' (every advertisement of that program)' : ''}` +
        `${item.kind === 'advertisement' ? ' (all its assignments)' : ''}.`,
    );
    parts.push(
      accepted.simulated
        ? `In the horizon: ${usageText(accepted.usageOf(index))}. Accepted findings leave the warnings, the ` +
            '`sms-schedule check` exit code and the quick-fix searches; `check` and the Cliverify file list them under "Accepted".'
        : 'Not simulated yet (the document has errors or the simulation is off): nothing counted.',
    );
  } else {
    parts.push('Accepts nothing.');
  }
  parts.push(
    comment.reason === '' ? 'No reason given: type one after ` -- `.' : `Reason: ${escapeMarkdown(comment.reason)}`,
  );
  const problems = accepted.problemsOf(index);
  if (problems.length > 0) parts.push(problems.map((p) => `- ${p.code}: ${escapeMarkdown(p.message)}`).join('\n'));
  return parts.join('\n\n');
}

function usageText(usage: CommentUsage): string {
  const counted = [
    plural(usage.interruptions, 'interruption') +
      (usage.interruptions > 0 ? ` (${usage.clientsAtRisk} client runs at risk, model estimate)` : ''),
    plural(usage.delays, 'delay'),
  ];
  if (usage.notes > 0) counted.push(plural(usage.notes, 'note'));
  if (usage.diagnostics > 0) counted.push(plural(usage.diagnostics, 'diagnostic'));
  return counted.join(', ');
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]<>#|]/g, (c) => `\\${c}`);
}
