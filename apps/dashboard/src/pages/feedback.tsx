import { useState } from 'react';
import { from, LIVE_MS, query, useQuery } from '../api';
import { CustomerLink, Empty, Loaded, Page, Panel, Status, Updated, day, when } from '../ui';

interface Nps {
  readonly count: number;
  readonly nps: number | null;
  readonly marginOfError: number | null;
  readonly promoters: number;
  readonly passives: number;
  readonly detractors: number;
  readonly likelyBiased: boolean;
}
interface Board {
  readonly asOf: string;
  readonly period: string;
  readonly dimension: string;
  readonly overall: Nps;
  readonly segments: readonly (Nps & { readonly value: string })[];
}
type TrendPoint = Nps & { readonly period: string };

const DIMENSIONS = ['overall', 'tier', 'grade', 'stage', 'owner', 'team', 'industry'] as const;
const score = (n: Nps): string => (n.nps === null ? '—' : `${n.nps}${n.marginOfError === null ? '' : ` ± ${n.marginOfError}`}`);

/** NPS per period as bars with their margin of error; an accessible table carries the same figures. */
function TrendChart({ points }: { readonly points: readonly TrendPoint[] }) {
  const width = 640;
  const height = 200;
  const step = width / Math.max(points.length, 1);
  const y = (v: number) => height / 2 - (v / 100) * (height / 2 - 10);
  return (
    <svg viewBox={`0 0 ${width} ${height}`} width="100%" role="img" aria-label="NPS per period with margins of error; the figures are in the table below">
      <line x1={0} x2={width} y1={height / 2} y2={height / 2} stroke="#4d5560" />
      {points.map((p, i) =>
        p.nps === null ? null : (
          <g key={p.period}>
            <rect className="bar" x={i * step + step * 0.2} width={step * 0.6} y={Math.min(y(p.nps), height / 2)} height={Math.abs(y(p.nps) - height / 2)} />
            {p.marginOfError !== null ? <line x1={i * step + step / 2} x2={i * step + step / 2} y1={y(Math.min(100, p.nps + p.marginOfError))} y2={y(Math.max(-100, p.nps - p.marginOfError))} stroke="#1b1f24" /> : null}
          </g>
        ),
      )}
    </svg>
  );
}

export function NpsPage() {
  const [dimension, setDimension] = useState<string>('tier');
  const [interval, setInterval] = useState<string>('month');
  const [board] = useQuery<Board>(query('/api/v1/feedback/nps', { dimension }), { everyMs: LIVE_MS * 4, live: from('feedback') });
  const [trend] = useQuery<readonly TrendPoint[]>(query('/api/v1/feedback/nps/trend', { interval, periods: interval === 'month' ? 12 : 26 }), { everyMs: LIVE_MS * 4, live: from('feedback') });
  return (
    <Page title="Net Promoter Score">
      <div className="grid">
        <Panel title="By segment">
          <div className="field">
            <label htmlFor="dimension">Segment by</label>
            <select id="dimension" value={dimension} onChange={(e) => setDimension(e.target.value)}>
              {DIMENSIONS.map((d) => <option key={d}>{d}</option>)}
            </select>
          </div>
          <Loaded
            load={board}
            what="the NPS board"
            render={(b) => (
              <table>
                <caption>NPS with its 95 % margin of error, {b.period}, as of {when(b.asOf)}</caption>
                <thead>
                  <tr>
                    <th scope="col">{b.dimension}</th>
                    <th scope="col" className="num">NPS</th>
                    <th scope="col" className="num">Answers</th>
                    <th scope="col" className="num">Promoters / passives / detractors</th>
                    <th scope="col">Note</th>
                  </tr>
                </thead>
                <tbody>
                  {[{ ...b.overall, value: 'all customers' }, ...b.segments].map((s) => (
                    <tr key={s.value}>
                      <th scope="row">{s.value}</th>
                      <td className="num">{score(s)}</td>
                      <td className="num">{s.count}</td>
                      <td className="num">{s.promoters} / {s.passives} / {s.detractors}</td>
                      <td>{s.likelyBiased ? 'likely biased survey' : s.count === 0 ? 'no answers yet' : ''}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          />
        </Panel>
        <Panel title="Trend">
          <div className="field">
            <label htmlFor="interval">Period</label>
            <select id="interval" value={interval} onChange={(e) => setInterval(e.target.value)}>
              <option value="month">month</option>
              <option value="week">week</option>
            </select>
          </div>
          <Loaded
            load={trend}
            what="the NPS trend"
            render={(t) =>
              t.length === 0 ? <Empty>No answers in these periods yet.</Empty> : (
                <>
                  <TrendChart points={t} />
                  <table>
                    <caption>NPS per {interval}</caption>
                    <thead>
                      <tr><th scope="col">Period</th><th scope="col" className="num">NPS</th><th scope="col" className="num">Answers</th></tr>
                    </thead>
                    <tbody>
                      {t.map((p) => <tr key={p.period}><td>{p.period}</td><td className="num">{score(p)}</td><td className="num">{p.count}</td></tr>)}
                    </tbody>
                  </table>
                </>
              )
            }
          />
        </Panel>
      </div>
      <Updated load={board} />
    </Page>
  );
}

interface DetractorItem {
  readonly loopId: string;
  readonly customerId: string;
  readonly ownerId: string;
  readonly score: number;
  readonly categories: readonly string[];
  readonly openedAt: string;
  readonly dueAt: string;
  readonly hoursLeft: number;
  readonly overdue: boolean;
  readonly stepsDone: readonly string[];
  readonly stepsMissing: readonly string[];
  readonly escalatedTo: string | null;
}

export function DetractorsPage() {
  const [queue] = useQuery<readonly DetractorItem[]>('/api/v1/feedback/detractors', { everyMs: LIVE_MS, live: from('feedback') });
  return (
    <Page title="Detractor queue">
      <Panel title="Open detractor loops" live>
        <Loaded
          load={queue}
          what="the detractor queue"
          render={(q) =>
            q.length === 0 ? <Empty>No open detractor loop.</Empty> : (
              <table>
                <caption>{q.length} open loops, most urgent first</caption>
                <thead>
                  <tr>
                    <th scope="col">Customer</th>
                    <th scope="col">Owner</th>
                    <th scope="col" className="num">Score</th>
                    <th scope="col">Due</th>
                    <th scope="col">Loop status</th>
                    <th scope="col">Missing steps</th>
                  </tr>
                </thead>
                <tbody>
                  {q.map((d) => (
                    <tr key={d.loopId}>
                      <td><CustomerLink id={d.customerId} /></td>
                      <td>{d.ownerId}{d.escalatedTo ? ` → ${d.escalatedTo}` : ''}</td>
                      <td className="num">{d.score}</td>
                      <td>{day(d.dueAt)} ({Math.round(d.hoursLeft)} h)</td>
                      <td>{d.overdue ? <Status value="overdue" /> : <Status value="open" />} {d.stepsDone.join(', ')}</td>
                      <td>{d.stepsMissing.join(', ') || '—'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )
          }
        />
        <Updated load={queue} />
      </Panel>
    </Page>
  );
}
