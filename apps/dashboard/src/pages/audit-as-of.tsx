import { useMemo, useState, type ReactNode } from 'react';
import { query, useQuery } from '../api';
import { Empty, Loaded, Panel, Status, day, text, when } from '../ui';

/** Each part of the answer names the store it was folded from and the position it stands at (A3). */
interface Standing {
  readonly service: string;
  readonly position: number;
  readonly nextPosition: number | null;
}
interface CardThen {
  readonly status: string;
  readonly mergedInto: string | null;
  readonly name: string | null;
  readonly company: string | null;
  readonly registeredAt: string;
  readonly ownerId: string;
  readonly ownerSince: string;
  readonly collaboratorIds: readonly string[];
  readonly stage: string | null;
  readonly tier: string | null;
  readonly grade: string | null;
  readonly erasedAt: string | null;
}
interface GateReason {
  readonly rule: string;
  readonly code: string;
  readonly text: string;
  readonly eventIds: readonly string[];
}
interface GateThen {
  readonly ownerId: string | null;
  readonly collaboratorIds: readonly string[];
  readonly decision: {
    readonly status: string;
    readonly reasons: readonly GateReason[];
    readonly policyVersion: string;
    readonly decidedAt: string;
    readonly nextChangeAt: string | null;
  } | null;
  readonly latestNps: number | null;
  readonly share: number | null;
  readonly openComplaints: readonly string[];
  readonly counts: {
    readonly followUpsSincePurchase: number;
    readonly rejectionsInRow: number;
    readonly salesAttemptsLast30Days: number;
    readonly surveysLast30Days: number;
    readonly lastSalesAttemptAt: string | null;
    readonly snoozedUntil: string | null;
  };
}
interface ComplaintThen {
  readonly complaintId: string;
  readonly reference: string;
  readonly category: string;
  readonly severity: string;
  readonly status: string;
  readonly open: boolean;
  readonly ownerId: string;
  readonly receivedAt: string;
  readonly closedAt: string | null;
  readonly breached: boolean;
}
interface NpsAnswer {
  readonly surveyId: string;
  readonly answeredAt: string;
  readonly score: number;
  readonly category: string;
  readonly categories: readonly string[];
}
interface AuditAsOf {
  readonly customerId: string;
  readonly asOf: string;
  readonly card: Standing & { readonly card: CardThen | null };
  readonly gate: Standing & { readonly gate: GateThen | null };
  readonly complaints: Standing & { readonly complaints: readonly ComplaintThen[] };
  readonly nps: Standing & { readonly category: string | null; readonly answers: readonly NpsAnswer[]; readonly surveys: readonly { readonly status: string }[] };
}

const todayUtc = (): string => new Date().toISOString().slice(0, 10);

/**
 * The instant asked about: the chosen time on the chosen day (UTC), or without a time the end of that day — for
 * today, now (the API answers 422 for a moment in the future). Computed once per choice, so a re-render does not
 * move it.
 */
function instant(date: string, time: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return null;
  if (time) return `${date}T${time.length === 5 ? `${time}:00` : time}Z`;
  const endOfDay = new Date(`${date}T23:59:59.999Z`);
  const now = new Date();
  return (endOfDay > now ? now : endOfDay).toISOString();
}

function Part({ id, title, standing, children }: { readonly id: string; readonly title: string; readonly standing: Standing; readonly children: ReactNode }) {
  return (
    <section className="part" aria-labelledby={`as-of-${id}`}>
      <h3 id={`as-of-${id}`}>{title}</h3>
      {children}
      <p className="muted small standing">
        Stands at position {standing.position} of the {standing.service} store
        {standing.position === 0 ? ' (nothing of hers recorded by then)' : ''};{' '}
        {standing.nextPosition === null ? 'nothing of hers recorded after it yet.' : `her next event there, after this moment, is at ${standing.nextPosition}.`}
      </p>
    </section>
  );
}

function Row({ term, children }: { readonly term: string; readonly children: ReactNode }) {
  return (
    <div style={{ display: 'contents' }}>
      <dt>{term}</dt>
      <dd>{children}</dd>
    </div>
  );
}

function CardThenPart({ part }: { readonly part: AuditAsOf['card'] }) {
  const c = part.card;
  return (
    <Part id="card" title="Card and owner" standing={part}>
      {c === null ? <Empty>She was not registered yet.</Empty> : (
        <dl className="card" aria-label="Card as it stood">
          <Row term="Owner"><strong>{c.ownerId}</strong> <span className="muted small">since {when(c.ownerSince)}</span></Row>
          <Row term="Collaborators">{c.collaboratorIds.length ? c.collaboratorIds.join(', ') : '—'}</Row>
          <Row term="Name">{text(c.name)}</Row>
          <Row term="Company">{text(c.company)}</Row>
          <Row term="Status">{c.status}{c.mergedInto ? ` into ${c.mergedInto}` : ''}</Row>
          <Row term="Registered">{when(c.registeredAt)}</Row>
          <Row term="Stage">{text(c.stage)}</Row>
          <Row term="Grade">{text(c.grade)}</Row>
          <Row term="Tier">{text(c.tier)}</Row>
          {c.erasedAt ? <Row term="Erased">{when(c.erasedAt)}</Row> : null}
        </dl>
      )}
    </Part>
  );
}

function GateThenPart({ part }: { readonly part: AuditAsOf['gate'] }) {
  const g = part.gate;
  const d = g?.decision ?? null;
  return (
    <Part id="gate" title="Sales gate" standing={part}>
      {g === null ? <Empty>Sales gating had heard nothing of her yet.</Empty> : (
        <>
          <p>
            {d ? <Status value={d.status} /> : <span className="muted">No gate decided yet.</span>}{' '}
            <span className="small">owner in gating: <strong>{text(g.ownerId)}</strong></span>
          </p>
          {d ? (
            <>
              <p className="muted small">Decided {when(d.decidedAt)} under {d.policyVersion}{d.nextChangeAt ? `; could change from ${when(d.nextChangeAt)}` : ''}.</p>
              <table className="reasons">
                <caption>Why: {d.reasons.length} {d.reasons.length === 1 ? 'reason' : 'reasons'}</caption>
                <thead>
                  <tr>
                    <th scope="col">Rule</th>
                    <th scope="col">Reason</th>
                    <th scope="col">Events behind it</th>
                  </tr>
                </thead>
                <tbody>
                  {d.reasons.map((r) => (
                    <tr key={`${r.rule}-${r.code}`}>
                      <td><strong>{r.rule}</strong></td>
                      <td>{r.text} <span className="muted small">({r.code})</span></td>
                      <td className="event-ids">{r.eventIds.length === 0 ? '—' : r.eventIds.map((id) => <code key={id}>{id}</code>)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          ) : null}
          <p className="small">
            Latest NPS answer: {text(g.latestNps)}; share of wallet: {g.share === null ? '—' : `${Math.round(g.share * 100)} %`}; open complaints: {g.openComplaints.length};
            sales attempts in the 30 days before: {g.counts.salesAttemptsLast30Days}; rejections in a row: {g.counts.rejectionsInRow}
            {g.counts.snoozedUntil ? `; snoozed until ${day(g.counts.snoozedUntil)}` : ''}.
          </p>
        </>
      )}
    </Part>
  );
}

function ComplaintsThenPart({ part }: { readonly part: AuditAsOf['complaints'] }) {
  const list = part.complaints;
  const open = list.filter((k) => k.open).length;
  return (
    <Part id="complaints" title="Complaints" standing={part}>
      {list.length === 0 ? <Empty>No complaint received by then.</Empty> : (
        <table>
          <caption>{list.length} received by then: {open} open, {list.length - open} closed</caption>
          <thead>
            <tr>
              <th scope="col">Reference</th>
              <th scope="col">Category</th>
              <th scope="col">Stage then</th>
              <th scope="col">Open</th>
              <th scope="col">Received</th>
              <th scope="col">SLA</th>
            </tr>
          </thead>
          <tbody>
            {list.map((k) => (
              <tr key={k.complaintId}>
                <td>{k.reference}</td>
                <td>{k.category}, {k.severity}</td>
                <td><Status value={k.status} /></td>
                <td>{k.open ? 'open' : `closed ${day(k.closedAt)}`}</td>
                <td>{day(k.receivedAt)}</td>
                <td>{k.breached ? <Status value="breached" /> : 'met or running'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Part>
  );
}

function NpsThenPart({ part }: { readonly part: AuditAsOf['nps'] }) {
  const answers = part.answers;
  const pending = part.surveys.filter((s) => s.status === 'sent').length;
  return (
    <Part id="nps" title="NPS" standing={part}>
      <p className="small">
        Latest category: {part.category ? <Status value={part.category} /> : '—'}; {part.surveys.length} {part.surveys.length === 1 ? 'survey' : 'surveys'} by then, {pending} awaiting her answer.
      </p>
      {answers.length === 0 ? <Empty>No answer by then.</Empty> : (
        <table>
          <caption>{answers.length} {answers.length === 1 ? 'answer' : 'answers'}, oldest first</caption>
          <thead>
            <tr>
              <th scope="col">Answered</th>
              <th scope="col" className="num">Score</th>
              <th scope="col">Category</th>
              <th scope="col">About</th>
            </tr>
          </thead>
          <tbody>
            {answers.map((a) => (
              <tr key={a.surveyId}>
                <td>{day(a.answeredAt)}</td>
                <td className="num">{a.score}</td>
                <td>{a.category}</td>
                <td>{text(a.categories)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Part>
  );
}

/** A3: her card with its owner, the sales gate with every reason, complaints and NPS as they stood at a moment. */
export function AsOfView({ customerId }: { readonly customerId: string }) {
  const [date, setDate] = useState(todayUtc);
  const [time, setTime] = useState('');
  const at = useMemo(() => instant(date, time), [date, time]);
  const [asOf] = useQuery<AuditAsOf>(at ? query(`/api/v1/audit/customers/${encodeURIComponent(customerId)}/as-of`, { at }) : null);
  return (
    <Panel title="As it stood at a moment">
      <fieldset className="inline-fields">
        <legend>The moment (UTC)</legend>
        <p className="muted small">Her card and owner, the sales gate with its reasons, complaints and NPS as they stood then.</p>
        <div className="field">
          <label htmlFor="as-of-date">Date</label>
          <input id="as-of-date" type="date" value={date} max={todayUtc()} required onChange={(e) => setDate(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="as-of-time">Time (optional)</label>
          <input id="as-of-time" type="time" value={time} onChange={(e) => setTime(e.target.value)} aria-describedby="as-of-time-hint" />
          <span id="as-of-time-hint" className="muted small">empty: the end of that day (for today: now)</span>
        </div>
      </fieldset>
      {at === null ? <Empty>Pick a date.</Empty> : asOf.status === 'unavailable' ? (
        <p className="notice" role="status">No service has recorded anything of this customer (or the audit service is not available in this installation).</p>
      ) : (
        <Loaded
          load={asOf}
          what="her records as of that moment"
          render={(a) => (
            <div aria-live="polite">
              <p>
                As it stood at <time dateTime={a.asOf}>{when(a.asOf)}</time>
                <span className="muted small"> ({a.asOf})</span>
              </p>
              <div className="parts">
                <CardThenPart part={a.card} />
                <GateThenPart part={a.gate} />
                <ComplaintsThenPart part={a.complaints} />
                <NpsThenPart part={a.nps} />
              </div>
            </div>
          )}
        />
      )}
    </Panel>
  );
}
