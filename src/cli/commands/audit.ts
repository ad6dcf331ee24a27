import { Command } from 'commander';
import { AppError } from '../../errors/app-error.ts';
import { listAudit } from '../../service/audit.ts';
import type { AuditActor } from '../../store/port.ts';
import { databaseOption, requireTenant, withService } from '../database-option.ts';

/** `token:okta`, `admin:alice`; a name that already says its kind (`cli:root`) is shown as it is. */
const actorLabel = ({ kind, name }: AuditActor) => (name.startsWith(`${kind}:`) ? name : `${kind}:${name}`);

function count(name: string, value: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < 0) throw new AppError('invalidValue', `${name} must be a whole number`);
  return n;
}

export function auditCommand(): Command {
  const audit = new Command('audit').description(
    "a tenant's audit trail: who changed which resource or credential",
  );

  audit
    .command('list')
    .description(
      'changes in commit order: seq, time, actor, action, resource or credential, version (- for a credential)',
    )
    .requiredOption('--tenant <tenant>', 'tenant id')
    .option('--after <seq>', 'only changes after this seq', '0')
    .option('--limit <n>', 'at most this many', '100')
    .option('--json', 'print JSON')
    .addOption(databaseOption())
    .action(
      async (options: { tenant: string; after: string; limit: string; json?: boolean }, command: Command) => {
        const after = count('--after', options.after);
        const limit = count('--limit', options.limit);
        const events = await withService(command, async (deps) =>
          listAudit(deps, (await requireTenant(deps, options.tenant)).id, after, limit),
        );
        if (options.json) {
          console.log(JSON.stringify(events, null, 2));
          return;
        }
        console.log(['SEQ', 'AT', 'ACTOR', 'ACTION', 'RESOURCE', 'VERSION'].join('\t'));
        for (const e of events) {
          const resource = `${e.resourceType}/${e.resourceId}`;
          console.log([e.seq, e.at, actorLabel(e.actor), e.action, resource, e.version ?? '-'].join('\t'));
        }
      },
    );

  return audit;
}
