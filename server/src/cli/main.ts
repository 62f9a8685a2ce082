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
import { ExitCode, UsageError } from './usageError';
import packageJson from '../../../package.json';

const out = (text: string) => process.stdout.write(text);
const err = (text: string) => process.stderr.write(text);

function program(setExit: (code: number) => void, readStdin: () => Promise<string>): Command {
  const root = new Command('sms-schedule')
    .description('Check SMS 2.0 software-distribution schedules for CCIM verify-cycle interruptions (Q283130).')
    .version(packageJson.version)
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .configureOutput({ writeOut: out, writeErr: err });

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
    .exitOverride()
    .action((files: string[], opts) => {
      const color = opts.color !== false && Boolean(process.stdout.isTTY) && !process.env.NO_COLOR;
      setExit(runCheck(files, { ...opts, color }, out));
    });

  root
    .command('cliverify')
    .description('the Cliverify settings to enter per site server (SPEC §7)')
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
    .exitOverride()
    .action((file: string, opts) => setExit(runCliverify(file, opts, out, err)));

  root
    .command('import')
    .description('turn an SMS site export (JSON, SPEC §9) into an *.sms.yaml document')
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
    .exitOverride()
    .action((file: string, opts) => setExit(runImport(file, opts, out, err)));

  const token = root.command('token').description('decode or encode SMS schedule tokens (SPEC §5)').exitOverride();
  token
    .command('decode')
    .description('decode a 16-hex-digit token (or several concatenated) to JSON, or to words with --format text')
    .argument('<token>')
    .addOption(
      new Option('--format <format>', 'json or text')
        .argParser(parseChoice('--format', ['json', 'text'] as const))
        .default('json'),
    )
    .exitOverride()
    .action((value: string, opts: { format: 'json' | 'text' }) => setExit(runTokenDecode(value, opts.format, out)));
  token
    .command('encode')
    .description('encode the JSON schedule on stdin (the shape `token decode` prints) to a token')
    .exitOverride()
    .action(async () => setExit(runTokenEncode(await readStdin(), out)));
  return root;
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
      // Help and version are successes; every other parse error is a usage error.
      return error.exitCode === 0 || error.code === 'commander.helpDisplayed' || error.code === 'commander.version'
        ? ExitCode.ok
        : ExitCode.invalid;
    }
    if (error instanceof UsageError) {
      err(`sms-schedule: ${error.message}\n`);
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
