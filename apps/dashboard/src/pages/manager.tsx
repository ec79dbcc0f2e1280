import { useState } from 'react';
import { from, LIVE_MS, query, useQuery } from '../api';
import { useSession } from '../session';
import { CustomerLink, Empty, Loaded, Page, Panel, Updated, day, text, when } from '../ui';

interface Reclaimable {
  readonly asOf: string;
  readonly policyVersion: string;
  readonly total: number;
  readonly items: readonly { readonly customerId: string; readonly ownerId: string; readonly name?: string | null; readonly lastContactAt?: string | null; readonly reclaimableNow?: boolean; readonly reclaimableAt?: string | null }[];
}
interface Overdue {
  readonly teamId: string;
  readonly asOf: string;
  readonly count: number;
  readonly byOwner: readonly { readonly ownerId: string; readonly count: number; readonly oldestDueAt: string }[];
}

export function ReclaimablePage() {
  const { person } = useSession();
  const [team, setTeam] = useState(person?.team ?? '');
  const [reclaimable] = useQuery<Reclaimable>(query('/api/v1/customers/reclaimable', { limit: 100, withinDays: 14 }), { everyMs: LIVE_MS, live: from('customers') });
  const [overdue] = useQuery<Overdue>(team ? query('/api/v1/scheduler/overdue', { teamId: team }) : null, { everyMs: LIVE_MS, live: from('customers', 'scheduler') });
  return (
    <Page title="Reclaimable customers and rep workload">
      <div className="grid">
        <Panel title="Reclaimable now or within 14 days" live>
          <Loaded
            load={reclaimable}
            what="reclaimable customers"
            render={(r) =>
              r.items.length === 0 ? <Empty>No customer is reclaimable (policy {r.policyVersion}).</Empty> : (
                <table>
                  <caption>{r.total} customers, longest neglected first (policy {r.policyVersion})</caption>
                  <thead>
                    <tr>
                      <th scope="col">Customer</th>
                      <th scope="col">Owner</th>
                      <th scope="col">Last contact</th>
                      <th scope="col">Reclaimable</th>
                    </tr>
                  </thead>
                  <tbody>
                    {r.items.map((c) => (
                      <tr key={c.customerId}>
                        <td><CustomerLink id={c.customerId} label={c.name} /></td>
                        <td>{c.ownerId}</td>
                        <td>{when(c.lastContactAt)}</td>
                        <td>{c.reclaimableNow ? 'now' : day(c.reclaimableAt)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )
            }
          />
          <Updated load={reclaimable} />
        </Panel>
        <Panel title="Overdue follow-ups by rep" live>
          <div className="field">
            <label htmlFor="team">Team</label>
            <input id="team" value={team} onChange={(e) => setTeam(e.target.value.trim())} />
          </div>
          {team ? (
            <Loaded
              load={overdue}
              what="the team's workload"
              render={(o) =>
                o.byOwner.length === 0 ? <Empty>No overdue follow-up in team {o.teamId}.</Empty> : (
                  <table>
                    <caption>{o.count} overdue follow-ups in team {o.teamId}</caption>
                    <thead>
                      <tr>
                        <th scope="col">Rep</th>
                        <th scope="col" className="num">Overdue</th>
                        <th scope="col">Oldest due</th>
                      </tr>
                    </thead>
                    <tbody>
                      {o.byOwner.map((r) => (
                        <tr key={r.ownerId}>
                          <td>{r.ownerId}</td>
                          <td className="num">{r.count}</td>
                          <td>{day(r.oldestDueAt)}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                )
              }
            />
          ) : <Empty>Name a team.</Empty>}
        </Panel>
      </div>
    </Page>
  );
}

interface Duplicates {
  readonly items: readonly {
    readonly id: string;
    readonly matchedOn: string;
    readonly existingCustomerId: string;
    readonly existingOwnerId: string;
    readonly attemptedBy: string;
    readonly attemptedAt: string;
    readonly attempt: { readonly name?: string | null };
  }[];
}

export function DuplicatesPage() {
  const [duplicates] = useQuery<Duplicates>(query('/api/v1/customers/duplicates', { limit: 100 }), { everyMs: LIVE_MS });
  return (
    <Page title="Duplicates">
      <Panel title="Refused registrations of existing customers" live>
        <Loaded
          load={duplicates}
          what="duplicates"
          render={(d) =>
            d.items.length === 0 ? <Empty>No refused registration.</Empty> : (
              <table>
                <caption>{d.items.length} attempts, newest first</caption>
                <thead>
                  <tr>
                    <th scope="col">When</th>
                    <th scope="col">Tried by</th>
                    <th scope="col">Name given</th>
                    <th scope="col">Matched on</th>
                    <th scope="col">Existing customer</th>
                    <th scope="col">Their owner</th>
                  </tr>
                </thead>
                <tbody>
                  {d.items.map((x) => (
                    <tr key={x.id}>
                      <td>{when(x.attemptedAt)}</td>
                      <td>{x.attemptedBy}</td>
                      <td>{text(x.attempt.name)}</td>
                      <td>{x.matchedOn}</td>
                      <td><CustomerLink id={x.existingCustomerId} /></td>
                      <td>{x.existingOwnerId}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )
          }
        />
        <Updated load={duplicates} />
      </Panel>
    </Page>
  );
}
