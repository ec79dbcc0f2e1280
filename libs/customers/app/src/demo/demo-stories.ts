import { normalizeEmail, normalizePhone } from '@rapport/customers-domain';
import { phoneOf } from './demo-data';
import { MANAGER, type DemoWorld, type Persona } from './demo-world';

interface WinBackLines {
  readonly signals: readonly string[];
  readonly why: readonly string[];
  readonly stay: readonly string[];
}

/** C11 as a rep works it: the signal, the six steps a few days apart, and an outcome (about half won back). */
export async function runWinBack(world: DemoWorld, p: Persona, lines: WinBackLines): Promise<void> {
  const r = world.random;
  const id = p.id!;
  const worth = r.chance(0.75);
  const steps = [
    { type: 'signal-leaving' as const, signal: r.pick(lines.signals) },
    { type: 'gather-win-back-background' as const, background: `${p.purchases} purchases; ${p.contacts} contacts logged; no open complaints` },
    {
      type: 'reach-decision-maker' as const,
      decisionMaker: `${r.pick(['Lee', 'Chen', 'Wang', 'Müller', 'Garcia'])} ${p.last}`,
      title: r.pick(['CFO', 'Owner', 'Head of Purchasing']),
      rank: r.chance(0.8) ? ('decision-maker' as const) : ('highest-reachable' as const),
      notes: null,
      contactId: `${id}-win-back-2`,
      channel: r.pick(['call', 'visit', 'meeting'] as const),
      direction: 'outbound' as const,
    },
    { type: 'record-leaving-answers' as const, whyLeaving: r.pick(lines.why), whatWouldMakeStay: r.pick(lines.stay) },
    // A person as the root cause would hand the win-back to another rep; the demo's stories keep to the others.
    r.chance(0.5)
      ? { type: 'classify-root-cause' as const, kind: 'systemic' as const, cause: r.pick(['price', 'support-model', 'product'] as const), notes: null }
      : { type: 'classify-root-cause' as const, kind: 'specific' as const, cause: r.pick(['incident', 'customer-change'] as const), notes: null },
    { type: 'decide-win-back-worth' as const, worthIt: worth, reason: worth ? 'a profitable account' : 'margins too thin to fight for' },
  ];
  for (const body of steps) {
    await world.byOwner('win-back step', id, body);
    world.clock.advance(r.int(1, 4) * 86_400_000);
  }
  const concession = r.chance(0.3) ? '10% off the next order' : null;
  if (worth) {
    const followUp = { type: 'follow-up-win-back' as const, whatChanged: 'a named account manager and a price freeze', concession, contactId: `${id}-win-back-6`, channel: 'call' as const, direction: 'outbound' as const };
    await world.byOwner('win-back step', id, followUp);
  }
  // Most win-backs fail: the customer has usually decided before the rep hears of it.
  const won = worth && r.chance(0.35);
  await world.byOwner(won ? 'won back' : 'lost', id, { type: 'close-win-back', outcome: won ? 'won-back' : 'lost', reason: won ? 'renewed for a year' : 'signed with a competitor' });
}

/**
 * C2: the same people registered twice before anyone noticed (different phone and email, so C1 could not
 * catch them), then merged by a manager; one merge turns out wrong and is undone.
 */
export async function mergeDuplicates(world: DemoWorld, personas: readonly Persona[]): Promise<void> {
  const originals = personas.filter((p) => p.id).slice(3, 7);
  for (const [n, original] of originals.entries()) {
    const other = { id: n % 2 === 0 ? 'rep-ben' : 'rep-cy', roles: ['rep'] };
    const copy = await world.attempt('duplicate registered', () =>
      world.services.registration.register(
        { name: `${original.first[0]}. ${original.last}`, phone: normalizePhone(phoneOf(8_000 + original.index)) ?? null, email: normalizeEmail(`${original.first}@${original.last}-home.example`.toLowerCase()) },
        world.context(other),
      ),
    );
    if (!copy) continue;
    // Conflicting fields keep the survivor's value: the older record is the better-kept one.
    const merge = await world.attempt('merged', () =>
      world.services.merges.merge(
        { survivorId: original.id!, mergedId: copy.customerId, fieldWinners: { name: 'survivor', phone: 'survivor', email: 'survivor' }, reason: 'same person, registered twice' },
        world.context(MANAGER, 'same person, registered twice'),
      ),
    );
    if (merge && n === originals.length - 1) {
      await world.attempt('unmerged', () => world.services.merges.unmerge(original.id!, copy.customerId, 'namesakes, not the same person', world.context(MANAGER, 'namesakes')));
    }
  }
}
