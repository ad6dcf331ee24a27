import { Command, type CommanderError, Option } from 'commander';
import { runCheck } from '../../conformance/check.ts';
import { failed, toJson, toText } from '../../conformance/report.ts';
import { IDP_PROFILE_NAMES, PROFILE_NAMES, type ProfileName } from '../../conformance/step.ts';
import { AppError } from '../../errors/app-error.ts';
import { reportError } from '../report-error.ts';

/**
 * Exit codes: 0 every step passed, 1 a step failed, 2 the command could not run (usage, unreachable),
 * 130 interrupted before the end with no failure so far.
 */
const USAGE = 2;
const INTERRUPTED = 130;

type CheckFlags = {
  token?: string;
  profile: ProfileName | 'all';
  groups?: boolean;
  json?: boolean;
  keep?: boolean;
  timeout: string;
};

/** `10s`, `1500ms` or a bare number of seconds. */
function parseTimeout(text: string): number {
  const match = /^(\d+(?:\.\d+)?)(ms|s)?$/.exec(text.trim());
  if (!match || Number(match[1]) === 0)
    throw new AppError('usage', `invalid --timeout '${text}': use e.g. 10s or 500ms`);
  const value = Number(match[1]);
  return match[2] === 'ms' ? value : value * 1000;
}

/** The SCIM base URL as given, without a trailing slash; a query would be lost on every path. */
function parseBase(text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new AppError(
      'usage',
      `invalid URL '${text}': give the SCIM base URL, e.g. https://app.example.com/scim/v2`,
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new AppError('usage', `'${text}' is not an http(s) URL`);
  if (url.search || url.hash)
    throw new AppError(
      'usage',
      'give the base URL without a query or fragment (the entra-2020 profile adds ?aadOptscim062020 itself)',
    );
  return url.href.replace(/\/+$/, '');
}

async function check(url: string, flags: CheckFlags): Promise<number> {
  const base = parseBase(url);
  if (!flags.token) throw new AppError('usage', 'a token is needed: --token T, or SCIMITAR_CHECK_TOKEN');
  const timeoutMs = parseTimeout(flags.timeout);
  // The first Ctrl-C stops after the current step and still cleans up; a second one quits at once.
  const interrupt = new AbortController();
  const onInterrupt = () => {
    process.stderr.write(
      'scimitar check: interrupted; deleting what it created (Ctrl-C again to quit now)\n',
    );
    interrupt.abort();
  };
  process.once('SIGINT', onInterrupt);
  const report = await runCheck({
    target: { base, token: flags.token, timeoutMs },
    profiles: flags.profile === 'all' ? IDP_PROFILE_NAMES : [flags.profile],
    groups: flags.groups === true,
    keep: flags.keep === true,
    stop: interrupt.signal,
  }).finally(() => process.off('SIGINT', onInterrupt));
  process.stdout.write(flags.json ? toJson(report) : toText(report));
  return failed(report) ? 1 : report.interrupted ? INTERRUPTED : 0;
}

export function checkCommand(): Command {
  return new Command('check')
    .description(
      'replay what Okta and Entra send against a SCIM server and say what breaks; it creates users and ' +
        'groups under a unique prefix and deletes them afterwards, and talks to that URL only',
    )
    .argument('<url>', 'the SCIM base URL, e.g. https://app.example.com/scim/v2')
    .addOption(
      new Option('--token <token>', 'bearer token (sent as Authorization: Bearer)').env(
        'SCIMITAR_CHECK_TOKEN',
      ),
    )
    .addOption(
      new Option(
        '--profile <profile>',
        'which IdP to replay: okta (OIN, PATCH), okta-aiw (PUT), entra, entra-2020 (?aadOptscim062020), or all ' +
          'four; rfc checks the RFC features no IdP sends (discovery schemas, /Me, PATCH paths, /Bulk)',
      )
        .choices([...PROFILE_NAMES, 'all'])
        .default('all'),
    )
    .option('--groups', 'also replay group push and group provisioning')
    .option('--json', 'print one JSON report on stdout, for CI')
    .option('--keep', 'leave the users and groups it created')
    .option('--timeout <duration>', 'how long to wait for each answer', '10s')
    .addHelpText(
      'after',
      '\nExit status: 0 when every step passed, 1 when a step failed, 2 when the check could not run, 130\n' +
        'when interrupted (a first Ctrl-C stops after the current step and still deletes what it created).',
    )
    .exitOverride((error: CommanderError) => process.exit(error.exitCode === 0 ? 0 : USAGE))
    .action(async (url: string, flags: CheckFlags) => {
      try {
        process.exitCode = await check(url, flags);
      } catch (error) {
        process.exitCode = reportError('scimitar check', error);
      }
    });
}
