import { from, LIVE_MS, query, useQuery } from '../api';
import { CustomerLink, Empty, Loaded, Page, Panel, Status, Updated, when } from '../ui';

interface Deadline {
  readonly clock: 'acknowledge' | 'resolve';
  readonly state: 'running' | 'paused' | 'met';
  readonly dueAt: string | null;
  readonly businessTimeLeftMs: number | null;
  readonly breached: boolean;
}
interface ComplaintView {
  readonly complaintId: string;
  readonly reference: string;
  readonly customerId: string;
  readonly category: string;
  readonly severity: string;
  readonly status: string;
  readonly ownerId: string;
  readonly accountableId: string;
  readonly receivedAt: string;
  readonly breached: boolean;
  readonly deadlines: readonly Deadline[];
}

const hours = (ms: number | null): string => (ms === null ? '' : `${ms < 0 ? '−' : ''}${Math.floor(Math.abs(ms) / 3_600_000)} business h`);
const nextDue = (c: ComplaintView): string => c.deadlines.filter((d) => d.state !== 'met' && d.dueAt).map((d) => d.dueAt!).sort()[0] ?? '9999';

/** Breached first, then the nearest running deadline: what a manager must look at first. */
export const slaOrder = (a: ComplaintView, b: ComplaintView): number => Number(b.breached) - Number(a.breached) || nextDue(a).localeCompare(nextDue(b));

export function SlaBoardPage() {
  const [board] = useQuery<readonly ComplaintView[]>(query('/api/v1/complaints/sla-board', { limit: 200 }), { everyMs: LIVE_MS, live: from('complaints') });
  return (
    <Page title="Complaint SLA board">
      <Panel title="Open complaints, breached first" live>
        <Loaded
          load={board}
          what="the SLA board"
          render={(list) =>
            list.length === 0 ? <Empty>No open complaint.</Empty> : (
              <table>
                <caption>{list.length} complaints; {list.filter((c) => c.breached).length} breached</caption>
                <thead>
                  <tr>
                    <th scope="col">Reference</th>
                    <th scope="col">Customer</th>
                    <th scope="col">Category / severity</th>
                    <th scope="col">Status</th>
                    <th scope="col">Owner</th>
                    <th scope="col">Deadlines</th>
                  </tr>
                </thead>
                <tbody>
                  {[...list].sort(slaOrder).map((c) => (
                    <tr key={c.complaintId}>
                      <td>{c.reference} {c.breached ? <Status value="breached" /> : null}</td>
                      <td><CustomerLink id={c.customerId} /></td>
                      <td>{c.category} / {c.severity}</td>
                      <td><Status value={c.status} /></td>
                      <td>{c.ownerId}{c.accountableId !== c.ownerId ? ` (accountable: ${c.accountableId})` : ''}</td>
                      <td>
                        <ul className="small">
                          {c.deadlines.map((d) => (
                            <li key={d.clock}>
                              {d.clock}: {d.state}, due {when(d.dueAt)} {d.state === 'running' ? hours(d.businessTimeLeftMs) : ''} {d.breached ? <Status value="breached" /> : null}
                            </li>
                          ))}
                        </ul>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )
          }
        />
        <Updated load={board} />
      </Panel>
    </Page>
  );
}
