import { useState, type FormEvent } from 'react';
import { callApi, LIVE_MS, useQuery, type Load } from '../api';
import { useSession } from '../session';
import { Empty, Loaded, Page, Panel, Status, Updated, shortId, text, when } from '../ui';
import { GateReasons, type Gate } from './gating';

interface Card {
  readonly id: string;
  readonly name: string | null;
  readonly company: string | null;
  readonly phone: string | null;
  readonly email: string | null;
  readonly role: string | null;
  readonly ownerId: string | null;
  readonly stage: string | null;
  readonly grade: string | null;
  readonly tier: string | null;
  readonly needs: string | null;
  readonly preferences: string | null;
  readonly lastContactAt: string | null;
  readonly nextStep: string | null;
  readonly nextFollowUpAt: string | null;
  readonly reclaimStatus: string | null;
  readonly status: string;
}
interface HistoryEntry {
  readonly position: number;
  readonly type: string;
  readonly at: string;
  readonly actor: { readonly id: string } | null;
  readonly reason: string | null;
  readonly data: Record<string, unknown>;
}
interface Complaint {
  readonly complaintId: string;
  readonly reference: string;
  readonly category: string;
  readonly severity: string;
  readonly status: string;
  readonly receivedAt: string;
  readonly breached: boolean;
}
interface Survey {
  readonly id: string;
  readonly status: string;
  readonly trigger: string;
  readonly channel: string;
  readonly requestedAt: string;
  readonly score?: number | null;
}

/** One line of the timeline, whichever service it comes from. */
interface Moment {
  readonly at: string;
  readonly service: string;
  readonly what: string;
  readonly who: string;
}

const eventName = (type: string): string => type.replace(/^[a-z-]+\./, '').replace(/\.v\d+$/, '').replace(/-/g, ' ');

function timeline(history: Load<{ items: readonly HistoryEntry[] }>, complaints: Load<{ complaints: readonly Complaint[] }>, feedback: Load<{ surveys: readonly Survey[] }>): Moment[] {
  const moments: Moment[] = [];
  if (history.status === 'ok')
    for (const e of history.data.items) {
      const detail = e.type.endsWith('contact-logged.v1') ? ` (${text(e.data['channel'])}, ${text(e.data['outcome'])})` : '';
      moments.push({ at: e.at, service: 'customers', what: eventName(e.type) + detail, who: e.actor?.id ?? '—' });
    }
  if (complaints.status === 'ok')
    for (const c of complaints.data.complaints) moments.push({ at: c.receivedAt, service: 'complaints', what: `complaint ${c.reference} received (${c.category}, ${c.severity}) — ${c.status}`, who: '—' });
  if (feedback.status === 'ok')
    for (const s of feedback.data.surveys) {
      const answer = s.score !== undefined && s.score !== null ? `, answered ${s.score}` : '';
      moments.push({ at: s.requestedAt, service: 'feedback', what: `survey (${s.trigger}, ${s.channel}): ${s.status}${answer}`, who: '—' });
    }
  return moments.sort((a, b) => b.at.localeCompare(a.at));
}

const CHANNELS = ['call', 'visit', 'email', 'message', 'meeting', 'event', 'gift'] as const;
const OUTCOMES = ['reached', 'no-answer', 'rejected', 'interested', 'not-now', 'purchased'] as const;

function LogContact({ customerId, logged }: { readonly customerId: string; readonly logged: () => void }) {
  const { token } = useSession();
  const [channel, setChannel] = useState<string>('call');
  const [direction, setDirection] = useState<string>('outbound');
  const [outcome, setOutcome] = useState<string>('reached');
  const [notes, setNotes] = useState('');
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!token) return;
    setBusy(true);
    try {
      await callApi(token, `/api/v1/customers/${encodeURIComponent(customerId)}/contacts`, {
        method: 'POST',
        headers: { 'Idempotency-Key': crypto.randomUUID() },
        body: JSON.stringify({ channel, direction, outcome, ...(notes.trim() ? { notes: notes.trim() } : {}) }),
      });
      setMessage({ ok: true, text: 'Contact logged.' });
      setNotes('');
      logged();
    } catch (error) {
      setMessage({ ok: false, text: `Not logged: ${error instanceof Error ? error.message : String(error)}` });
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="inline" onSubmit={submit} aria-label="Log a contact">
      <div className="field">
        <label htmlFor="channel">Channel</label>
        <select id="channel" value={channel} onChange={(e) => setChannel(e.target.value)}>
          {CHANNELS.map((c) => <option key={c}>{c}</option>)}
        </select>
      </div>
      <div className="field">
        <label htmlFor="direction">Direction</label>
        <select id="direction" value={direction} onChange={(e) => setDirection(e.target.value)}>
          <option>outbound</option>
          <option>inbound</option>
        </select>
      </div>
      <div className="field">
        <label htmlFor="outcome">Outcome</label>
        <select id="outcome" value={outcome} onChange={(e) => setOutcome(e.target.value)}>
          {OUTCOMES.map((o) => <option key={o}>{o}</option>)}
        </select>
      </div>
      <div className="field">
        <label htmlFor="notes">Notes</label>
        <input id="notes" value={notes} onChange={(e) => setNotes(e.target.value)} maxLength={4000} />
      </div>
      <button type="submit" disabled={busy}>Log contact</button>
      <p role="status" className={message?.ok ? 'ok' : 'error'}>{message?.text ?? ''}</p>
    </form>
  );
}

/** K3: the owner's first reply to the customer; the complaint then shows as acknowledged on every board. */
function Acknowledge({ complaint, done }: { readonly complaint: Complaint; readonly done: () => void }) {
  const { token } = useSession();
  const [message, setMessage] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const field = `ack-${complaint.complaintId}`;
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!token) return;
    try {
      await callApi(token, `/api/v1/complaints/${encodeURIComponent(complaint.complaintId)}/acknowledgement`, {
        method: 'POST',
        headers: { 'Idempotency-Key': crypto.randomUUID() },
        body: JSON.stringify({ message: message.trim() }),
      });
      setProblem(null);
      done();
    } catch (error) {
      setProblem(`Not acknowledged: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
  return (
    <form className="inline" onSubmit={submit}>
      <div className="field">
        <label htmlFor={field}>Reply to the customer about {complaint.reference}</label>
        <input id={field} value={message} onChange={(e) => setMessage(e.target.value)} required maxLength={4000} />
      </div>
      <button type="submit">Acknowledge</button>
      {problem ? <p className="error" role="alert">{problem}</p> : null}
    </form>
  );
}

export function CustomerPage({ customerId }: { readonly customerId: string }) {
  const id = encodeURIComponent(customerId);
  const [card, reloadCard] = useQuery<Card>(`/api/v1/customers/${id}`, { everyMs: LIVE_MS });
  const [history, reloadHistory] = useQuery<{ items: readonly HistoryEntry[] }>(`/api/v1/customers/${id}/history`, { everyMs: LIVE_MS });
  const [gate] = useQuery<Gate>(`/api/v1/sales-gating/customers/${id}/gate`, { everyMs: LIVE_MS });
  const [complaints, reloadComplaints] = useQuery<{ complaints: readonly Complaint[] }>(`/api/v1/complaints/by-customer/${id}`, { everyMs: LIVE_MS });
  const [feedback] = useQuery<{ surveys: readonly Survey[] }>(`/api/v1/feedback/customers/${id}/history`, { everyMs: LIVE_MS });
  const moments = timeline(history, complaints, feedback);
  const title = card.status === 'ok' ? `Customer: ${card.data.name ?? shortId(customerId)}` : `Customer ${shortId(customerId)}`;

  return (
    <Page title={title}>
      <div className="grid">
        <Panel title="Card">
          <Loaded
            load={card}
            what="the card"
            render={(c) => (
              <dl className="card">
                <dt>Company</dt><dd>{text(c.company)}</dd>
                <dt>Role</dt><dd>{text(c.role)}</dd>
                <dt>Phone</dt><dd>{text(c.phone)}</dd>
                <dt>Email</dt><dd>{text(c.email)}</dd>
                <dt>Owner</dt><dd>{text(c.ownerId)}</dd>
                <dt>Stage</dt><dd>{text(c.stage)}</dd>
                <dt>Grade / tier</dt><dd>{text(c.grade)} / {text(c.tier)}</dd>
                <dt>Needs</dt><dd>{text(c.needs)}</dd>
                <dt>Preferences</dt><dd>{text(c.preferences)}</dd>
                <dt>Last contact</dt><dd>{when(c.lastContactAt)}</dd>
                <dt>Next follow-up</dt><dd>{when(c.nextFollowUpAt)}</dd>
                <dt>Reclaim</dt><dd>{text(c.reclaimStatus)}</dd>
              </dl>
            )}
          />
        </Panel>
        <Panel title="Sales gate" live>
          <Loaded load={gate} what="the sales gate" render={(g) => <GateReasons gate={g} />} />
        </Panel>
        <Panel title="Complaints" live>
          <Loaded
            load={complaints}
            what="complaints"
            render={(c) =>
              c.complaints.length === 0 ? <Empty>No complaints.</Empty> : (
                <ul>
                  {c.complaints.map((k) => (
                    <li key={k.complaintId}>
                      {k.reference} — {k.category}, {k.severity}: <Status value={k.status} /> {k.breached ? <Status value="breached" /> : null}
                      {k.status === 'received' ? <Acknowledge complaint={k} done={reloadComplaints} /> : null}
                    </li>
                  ))}
                </ul>
              )
            }
          />
        </Panel>
        <Panel title="Surveys" live>
          <Loaded
            load={feedback}
            what="surveys"
            render={(f) =>
              f.surveys.length === 0 ? <Empty>No surveys.</Empty> : (
                <ul>
                  {f.surveys.map((s) => (
                    <li key={s.id}>
                      {when(s.requestedAt)} — {s.trigger} by {s.channel}: <Status value={s.status} />
                    </li>
                  ))}
                </ul>
              )
            }
          />
        </Panel>
      </div>
      <Panel title="Log a contact">
        <LogContact customerId={customerId} logged={() => { reloadHistory(); reloadCard(); }} />
      </Panel>
      <Panel title="Timeline across services" live>
        {moments.length === 0 ? (
          <Loaded load={history} what="the history" render={() => <Empty>Nothing happened yet.</Empty>} />
        ) : (
          <table aria-describedby="timeline-count">
            <caption id="timeline-count">{moments.length} moments, newest first</caption>
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Service</th>
                <th scope="col">What</th>
                <th scope="col">Who</th>
              </tr>
            </thead>
            <tbody>
              {moments.map((m, i) => (
                <tr key={`${m.at}-${i}`}>
                  <td>{when(m.at)}</td>
                  <td>{m.service}</td>
                  <td>{m.what}</td>
                  <td>{m.who}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <Updated load={history} />
      </Panel>
    </Page>
  );
}
