import type { CommandContext } from '@rapport/platform-eventsourcing';
import type { ServiceHost } from '@rapport/platform-nest';
import type { GatePolicy } from '@rapport/sales-gating-domain';
import type { GateCommands } from '../gate-commands';
import { GATES_PROJECTION } from '../read-models/gates.projection';
import type { SalesGatingQueries } from '../sales-gating-queries';

const PAGE = 1_000;

/**
 * G7: puts a policy version in force, then decides every gate again under it; each gate that changes records
 * a gate-changed event naming the version. Re-running with the same command id redoes nothing twice.
 */
export async function putPolicyAndReEvaluate(
  commands: GateCommands,
  queries: SalesGatingQueries,
  host: ServiceHost,
  policy: GatePolicy,
  reason: string,
  context: CommandContext,
): Promise<{ version: string; reEvaluated: number; changed: number }> {
  await commands.putPolicy(policy, context.actor.id, reason, context);
  let reEvaluated = 0;
  let changed = 0;
  let last = 0;
  for (let after: string | undefined; ; ) {
    const ids = await queries.customerIds(after, PAGE);
    for (const id of ids) {
      const result = await commands.reEvaluate(id, policy, { ...context, commandId: `${context.commandId}/re-evaluate/${id}` });
      reEvaluated += 1;
      if (result.events.length > 0) {
        changed += 1;
        last = Math.max(last, result.events.at(-1)!.metadata.globalPosition);
      }
    }
    if (ids.length < PAGE) break;
    after = ids.at(-1);
  }
  if (last > 0) await host.runner(GATES_PROJECTION).waitFor(last, 30_000);
  return { version: policy.version, reEvaluated, changed };
}
