import { from, LIVE_MS, useQuery } from '../api';
import { CustomerLink, Empty, Loaded, Page, Panel, Status, Updated, when } from '../ui';

interface Reason {
  readonly rule: string;
  readonly code: string;
  readonly text: string;
}
interface Decision {
  readonly status: string;
  readonly reasons: readonly Reason[];
  readonly policyVersion: string;
  readonly decidedAt: string;
  readonly nextChangeAt: string | null;
}
export interface Gate {
  readonly customerId: string;
  readonly ownerId: string;
  readonly decision: Decision;
  readonly latestNps: number | null;
  readonly share: number | null;
}
interface GateList {
  readonly items: readonly { readonly customerId: string; readonly ownerId: string; readonly decision: Decision }[];
}

export function GateReasons({ gate }: { readonly gate: Pick<Gate, 'decision'> & Partial<Gate> }) {
  const d = gate.decision;
  return (
    <div>
      <p>
        <Status value={d.status} /> <span className="muted small">decided {when(d.decidedAt)} under {d.policyVersion}</span>
      </p>
      <ul>
        {d.reasons.map((r) => (
          <li key={`${r.rule}-${r.code}`}>
            <strong>{r.rule}</strong>: {r.text}
          </li>
        ))}
      </ul>
      {d.nextChangeAt ? <p className="small">May change from {when(d.nextChangeAt)}.</p> : null}
      {gate.latestNps !== undefined ? <p className="small">Latest NPS answer: {gate.latestNps ?? '—'}; share of wallet: {gate.share === null || gate.share === undefined ? '—' : `${Math.round(gate.share * 100)} %`}</p> : null}
    </div>
  );
}

function GateTable({ list, caption }: { readonly list: GateList; readonly caption: string }) {
  if (list.items.length === 0) return <Empty>No customers {caption.toLowerCase()}.</Empty>;
  return (
    <table>
      <caption>{caption}: {list.items.length}</caption>
      <thead>
        <tr>
          <th scope="col">Customer</th>
          <th scope="col">Gate</th>
          <th scope="col">Reasons</th>
        </tr>
      </thead>
      <tbody>
        {list.items.map((g) => (
          <tr key={g.customerId}>
            <td><CustomerLink id={g.customerId} /></td>
            <td><Status value={g.decision.status} /></td>
            <td>{g.decision.reasons.map((r) => `${r.rule}: ${r.text}`).join('; ')}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function MyGatesPage() {
  const [holds] = useQuery<GateList>('/api/v1/sales-gating/holds', { everyMs: LIVE_MS, live: from('sales-gating') });
  const [targets] = useQuery<GateList>('/api/v1/sales-gating/targets', { everyMs: LIVE_MS, live: from('sales-gating') });
  return (
    <Page title="My gates">
      <div className="grid">
        <Panel title="Hold or fix first" live>
          <Loaded load={holds} what="held customers" render={(l) => <GateTable list={l} caption="On hold or fix first" />} />
        </Panel>
        <Panel title="Targets" live>
          <Loaded load={targets} what="targets" render={(l) => <GateTable list={l} caption="Worth a sales attempt" />} />
        </Panel>
      </div>
      <Updated load={holds} />
    </Page>
  );
}

interface GateMap {
  readonly asOf: string;
  readonly byStatus: Record<string, number>;
  readonly cells: readonly { readonly nps: string; readonly share: string; readonly customers: number }[];
}

const NPS_ROWS = ['promoter', 'passive', 'detractor', 'none'] as const;
const SHARE_COLUMNS = ['high', 'low', 'unknown'] as const;

export function GateMapPage() {
  const [map] = useQuery<GateMap>('/api/v1/sales-gating/map', { everyMs: LIVE_MS, live: from('sales-gating') });
  return (
    <Page title="NPS × share-of-wallet map">
      <Loaded
        load={map}
        what="the gate map"
        render={(m) => {
          const max = Math.max(1, ...m.cells.map((c) => c.customers));
          const count = (nps: string, share: string) => m.cells.find((c) => c.nps === nps && c.share === share)?.customers ?? 0;
          return (
            <div className="grid">
              <Panel title="Customers by NPS answer and share of wallet" live>
                <table className="heat">
                  <caption>Rows: latest NPS answer; columns: share of wallet</caption>
                  <thead>
                    <tr>
                      <th scope="col">NPS \ share</th>
                      {SHARE_COLUMNS.map((s) => <th scope="col" key={s}>{s}</th>)}
                    </tr>
                  </thead>
                  <tbody>
                    {NPS_ROWS.map((n) => (
                      <tr key={n}>
                        <th scope="row">{n}</th>
                        {SHARE_COLUMNS.map((s) => {
                          const value = count(n, s);
                          // Light blues only, so the dark text keeps its contrast in every cell.
                          const lightness = 97 - Math.round((value / max) * 22);
                          return <td key={s} style={{ background: `hsl(210 70% ${lightness}%)` }}>{value}</td>;
                        })}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </Panel>
              <Panel title="Gates by status" live>
                <table>
                  <caption>As of {when(m.asOf)}</caption>
                  <tbody>
                    {Object.entries(m.byStatus).map(([status, n]) => (
                      <tr key={status}>
                        <th scope="row"><Status value={status} /></th>
                        <td className="num">{n}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </Panel>
            </div>
          );
        }}
      />
      <Updated load={map} />
    </Page>
  );
}
