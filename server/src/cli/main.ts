/**
 * `sms-schedule`: the command line (SPEC §8). Errors are one line on stderr and exit code 2;
 * set SMS_SCHEDULE_DEBUG=1 to see a stack trace for an internal error.
 */
import { Command, CommanderError, Option } from 'commander';
import { runCheck } from './commands/check';
import { runCliverify } from './commands/cliverify';
import { collectSmsVersion, runImport } from './commands/import';
import { runTokenDecode, runTokenEncode } from './commands/token';
import { parseChoice, parseFromFlag, parseIntegerFlag } from './options';
import { errorLine, ExitCode, UsageError } from './usageError';
import packageJson from '../../../package.json';

const out = (text: string) => process.stdout.write(text);
const err = (text: string) => process.stderr.write(text);

const ROOT_HELP_FOOTER = `
Examples:
  sms-schedule check examples/lab.sms.yaml
  sms-schedule check site/*.sms.yaml --format json
  sms-schedule cliverify examples/lab.sms.yaml --write
  sms-schedule token decode 00811A9E081A2000 --format text

Exit codes: 0 no errors and no interruptions, 1 check found interruptions, 2 invalid input or usage.
Microsoft documents the interruption (Q283130) and Cliverify (Q246040); when a verify pass starts and how
long it lasts are this tool's model, and every report says which is which.`;

function program(setExit: (code: number) => void, readStdin: () => Promise<string>): Command {
  const root = new Command('sms-schedule')
    .description('Check SMS 2.0 software-distribution schedules for CCIM verify-cycle interruptions (Q283130).')
    .version(packageJson.version)
    // Commander's own error lines are replaced by one `sms-schedule: …` line (see usageFailure).
    .configureOutput({ writeOut: out, writeErr: err, outputError: () => undefined })
    .exitOverride(usageFailure('sms-schedule'))
    .addHelpText('after', ROOT_HELP_FOOTER);

  root
    .command('check')
    .description('validate documents and simulate verify-cycle interruptions; exit 0 clean, 1 interruptions, 2 invalid')
    .argument('<files...>', '*.sms.yaml documents')
    .addOption(
      new Option('--format <format>', 'text or json')
        .argParser(parseChoice('--format', ['text', 'json'] as const))
        .default('text'),
    )
    .option('--from <datetime>', 'horizon start, UTC (e.g. 2001-03-01T00:00); overrides simulation.from', parseFromFlag)
    .option(
      '--days <n>',
      'horizon length in days (1..3660); overrides simulation.days',
      parseIntegerFlag('--days', 1, 3660),
    )
    .option(
      '--default-run-minutes <n>',
      'run time assumed for estimatedRunMinutes: unknown (default 120)',
      parseIntegerFlag('--default-run-minutes', 1, 1440),
    )
    .option('--exit-zero', 'exit 0 even when interruptions are found (invalid input still exits 2)')
    .option('--no-color', 'never colour the text report')
    .exitOverride(usageFailure('sms-schedule check'))
    .action((files: string[], opts) => {
      const color = opts.color !== false && Boolean(process.stdout.isTTY) && !process.env.NO_COLOR;
      setExit(runCheck(files, { ...opts, color }, out, err));
    });

  root
    .command('cliverify')
    .description('print the Cliverify settings to enter on each site server (Q246040) and the advertisements to resend')
    .argument('<file>', 'an *.sms.yaml document')
    .addOption(
      new Option('--format <format>', 'markdown or json')
        .argParser(parseChoice('--format', ['markdown', 'json'] as const))
        .default('markdown'),
    )
    .option('--from <datetime>', 'horizon start, UTC', parseFromFlag)
    .option('--days <n>', 'horizon length in days (1..3660)', parseIntegerFlag('--days', 1, 3660))
    .option('--write', 'write NAME.cliverify.md beside the document instead of printing')
    .option('--force', 'with --write: overwrite a file sms-schedule did not generate')
    .exitOverride(usageFailure('sms-schedule cliverify'))
    .action((file: string, opts) => setExit(runCliverify(file, opts, out, err)));

  root
    .command('import')
    .description('turn an SMS site export (JSON, written by exporters/export-sms-site.vbs) into an *.sms.yaml document')
    .argument('<export>', 'the export file (format sms-schedule-export)')
    .option('-o, --output <file>', 'write the document to FILE instead of stdout')
    .option('--force', 'with -o: overwrite an existing file')
    .option('--readable', 'write tokens as at/every/weekly/... where that is exact')
    .option('--time-zone <zone>', 'IANA time zone of the clients (default UTC, with a comment)')
    .option(
      '--sms-version <code=version>',
      'service-pack level of a site, e.g. LAB="2.0 SP3" (repeatable)',
      collectSmsVersion,
    )
    .exitOverride(usageFailure('sms-schedule import'))
    .action((file: string, opts) => setExit(runImport(file, opts, out, err)));

  const token = root
    .command('token')
    .description('decode or encode SMS schedule tokens (the 16-hex-digit SMS_ST_* strings)')
    .exitOverride(usageFailure('sms-schedule token'));
  token
    .command('decode')
    .description('decode a 16-hex-digit token (or several concatenated) to JSON, or to words with --format text')
    .argument('<token>')
    .addOption(
      new Option('--format <format>', 'json or text')
        .argParser(parseChoice('--format', ['json', 'text'] as const))
        .default('json'),
    )
    .exitOverride(usageFailure('sms-schedule token decode'))
    .action((value: string, opts: { format: 'json' | 'text' }) => setExit(runTokenDecode(value, opts.format, out)));
  token
    .command('encode')
    .description('encode the JSON schedule on stdin (the shape `token decode` prints) to a token')
    .exitOverride(usageFailure('sms-schedule token encode'))
    .action(async () => setExit(runTokenEncode(await readStdin(), out)));
  return root;
}

/**
 * Commander reports a parse error (unknown option or command, missing argument) through this
 * callback: help and version pass through, anything else becomes one `sms-schedule: …` line.
 */
function usageFailure(commandPath: string): (error: CommanderError) => never {
  return (error) => {
    if (error.exitCode === 0 || error.code === 'commander.help' || error.code === 'commander.version') throw error;
    const message = error.message
      .replace(/^error: /, '')
      .replace(/\n\(Did you mean/, ' (did you mean')
      .replace(/\s*\n\s*/g, ' ')
      .replace(/\.$/, '');
    throw new UsageError(`${message}; see '${commandPath} --help'`);
  };
}

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

export async function main(argv: readonly string[]): Promise<number> {
  let exitCode: number = ExitCode.ok;
  try {
    await program(
      (code) => (exitCode = code),
      () => readAll(process.stdin),
    ).parseAsync(argv as string[], { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version are successes; help printed for a missing subcommand is a usage error.
      return error.exitCode === 0 || error.code === 'commander.helpDisplayed' || error.code === 'commander.version'
        ? ExitCode.ok
        : ExitCode.invalid;
    }
    if (error instanceof UsageError) {
      err(errorLine(error.message));
      return ExitCode.invalid;
    }
    err(`sms-schedule: internal error: ${error instanceof Error ? error.message : String(error)}\n`);
    if (process.env.SMS_SCHEDULE_DEBUG && error instanceof Error) err(`${error.stack ?? ''}\n`);
    return ExitCode.invalid;
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => (process.exitCode = code),
    () => (process.exitCode = ExitCode.invalid),
  );
}
