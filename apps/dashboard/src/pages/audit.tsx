import { useState, type FormEvent } from 'react';
import { query, useQuery } from '../api';
import { Empty, Loaded, Page, Panel, Updated, text, when } from '../ui';
import { AsOfView } from './audit-as-of';

interface Hit {
  readonly id: string;
  readonly name: string | null;
  readonly company: string | null;
  readonly ownerId: string | null;
}
interface AuditItem {
  readonly service: string;
  readonly position: number;
  readonly eventId: string;
  readonly type: string;
  readonly at: string;
  readonly actor: { readonly id: string } | null;
  readonly via: string | null;
  readonly reason: string | null;
  readonly erasedFields: readonly string[];
}

function CustomerSearch({ chosen }: { readonly chosen: (hit: Hit) => void }) {
  const [typed, setTyped] = useState('');
  const [q, setQ] = useState('');
  // The search term travels in the API request (recorded there as a personal read), never in this page's address.
  const [hits] = useQuery<{ items: readonly Hit[] }>(q ? query('/api/v1/customers', { q, limit: 10 }) : null);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setQ(typed.trim());
  };
  return (
    <>
      <form className="inline" onSubmit={submit} role="search">
        <div className="field">
          <label htmlFor="customer-search">Customer name, phone, email or id</label>
          <input id="customer-search" value={typed} onChange={(e) => setTyped(e.target.value)} autoComplete="off" minLength={2} required aria-describedby="customer-search-hint" />
          <span id="customer-search-hint" className="muted small">at least 2 characters</span>
        </div>
        <button type="submit">Find</button>
      </form>
      {q ? (
        <Loaded
          load={hits}
          what="customers"
          render={(h) =>
            h.items.length === 0 ? <Empty>No customer matches.</Empty> : (
              <ul>
                {h.items.map((c) => (
                  <li key={c.id}>
                    <button type="button" className="link-button" onClick={() => chosen(c)}>
                      {text(c.name)}{c.company ? `, ${c.company}` : ''} <span className="small">(owner {text(c.ownerId)})</span>
                    </button>
                  </li>
                ))}
              </ul>
            )
          }
        />
      ) : null}
    </>
  );
}

function History({ customerId }: { readonly customerId: string }) {
  const [service, setService] = useState('');
  const [history] = useQuery<{ items: readonly AuditItem[] }>(query(`/api/v1/audit/customers/${encodeURIComponent(customerId)}/history`, { service }));
  return (
    <Panel title="History across services">
      <div className="field">
        <label htmlFor="service">Service</label>
        <select id="service" value={service} onChange={(e) => setService(e.target.value)}>
          <option value="">all</option>
          {['customers', 'scheduler', 'feedback', 'complaints', 'sales-gating'].map((s) => <option key={s}>{s}</option>)}
        </select>
      </div>
      <Loaded
        load={history}
        what="the history"
        render={(h) =>
          h.items.length === 0 ? <Empty>Nothing recorded.</Empty> : (
            <table>
              <caption>{h.items.length} events, in the order they were recorded</caption>
              <thead>
                <tr>
                  <th scope="col">When</th>
                  <th scope="col">Service</th>
                  <th scope="col">Event</th>
                  <th scope="col">Actor</th>
                  <th scope="col">Via / reason</th>
                </tr>
              </thead>
              <tbody>
                {h.items.map((e) => (
                  <tr key={`${e.service}-${e.eventId}`}>
                    <td>{when(e.at)}</td>
                    <td>{e.service}</td>
                    <td>{e.type}{e.erasedFields.length ? ` (erased: ${e.erasedFields.join(', ')})` : ''}</td>
                    <td>{e.actor?.id ?? '—'}</td>
                    <td>{text(e.via)}{e.reason ? ` — ${e.reason}` : ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      />
      <Updated load={history} />
    </Panel>
  );
}

export function AuditPage() {
  const [customer, setCustomer] = useState<Hit | null>(null);
  return (
    <Page title="Customer history">
      <Panel title="Find a customer">
        <CustomerSearch chosen={setCustomer} />
      </Panel>
      {customer ? (
        <>
          <h2 className="selected">{text(customer.name)}{customer.company ? `, ${customer.company}` : ''}</h2>
          <AsOfView key={`as-of-${customer.id}`} customerId={customer.id} />
          <History key={`history-${customer.id}`} customerId={customer.id} />
        </>
      ) : null}
    </Page>
  );
}
