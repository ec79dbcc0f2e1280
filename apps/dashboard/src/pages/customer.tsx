import { useState, type FormEvent } from 'react';
import { callApi, LIVE_MS, useQuery, type Load } from '../api';
import type { Notice } from '../live';
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

/** Posts one command on a complaint; a refusal (403 not the owner, 409 not in that state…) is shown as the API words it. */
function useComplaintCommand(complaint: Complaint, done: () => void) {
  const { token } = useSession();
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const run = async (path: string, body: Record<string, unknown>, refused: string) => {
    if (!token) return;
    setBusy(true);
    try {
      await callApi(token, `/api/v1/complaints/${encodeURIComponent(complaint.complaintId)}/${path}`, {
        method: 'POST',
        headers: { 'Idempotency-Key': crypto.randomUUID() },
        body: JSON.stringify(body),
      });
      setProblem(null);
      done();
    } catch (error) {
      setProblem(`${refused}: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      setBusy(false);
    }
  };
  return { problem, setProblem, busy, run };
}

/** K5: the owner (or a manager) proposes how the complaint is resolved; only the customer's word then closes it. */
function ProposeResolution({ complaint, done }: { readonly complaint: Complaint; readonly done: () => void }) {
  const [resolution, setResolution] = useState('');
  const { problem, busy, run } = useComplaintCommand(complaint, done);
  const field = `resolution-${complaint.complaintId}`;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void run('resolution', { resolution: resolution.trim() }, 'Not proposed');
  };
  return (
    <form className="inline" onSubmit={submit}>
      <div className="field">
        <label htmlFor={field}>Resolution proposed to the customer for {complaint.reference}</label>
        <input id={field} value={resolution} onChange={(e) => setResolution(e.target.value)} required maxLength={4000} />
      </div>
      <button type="submit" disabled={busy}>Propose resolution</button>
      {problem ? <p className="error" role="alert">{problem}</p> : null}
    </form>
  );
}

/**
 * K5: closure is the customer's word. The owner, the accountable first receiver or a manager records what she
 * answered to the proposed resolution: confirmed (the complaint closes) or rejected (it reopens, same owner).
 */
function CustomerAnswer({ complaint, done }: { readonly complaint: Complaint; readonly done: () => void }) {
  const [satisfaction, setSatisfaction] = useState('');
  const [said, setSaid] = useState('');
  const { problem, setProblem, busy, run } = useComplaintCommand(complaint, done);
  const id = complaint.complaintId;
  const confirm = (event: FormEvent) => {
    event.preventDefault();
    void run('resolution/confirmation', { ...(satisfaction ? { satisfaction: Number(satisfaction) } : {}), ...(said.trim() ? { comment: said.trim() } : {}) }, 'Not recorded');
  };
  const reject = () => {
    if (!said.trim()) return setProblem('Not recorded: say why she rejects it in “What she said”.');
    void run('resolution/rejection', { reason: said.trim() }, 'Not recorded');
  };
  return (
    <form className="inline" onSubmit={confirm} aria-label={`The customer's answer about ${complaint.reference}`}>
      <p className="small muted" id={`answer-hint-${id}`}>A resolution is proposed: only the customer closes {complaint.reference}. Record her answer.</p>
      <div className="field">
        <label htmlFor={`satisfaction-${id}`}>Her satisfaction</label>
        <select id={`satisfaction-${id}`} value={satisfaction} onChange={(e) => setSatisfaction(e.target.value)}>
          <option value="">not given</option>
          {[5, 4, 3, 2, 1].map((n) => <option key={n} value={n}>{n} of 5</option>)}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`said-${id}`}>What she said</label>
        <input id={`said-${id}`} value={said} onChange={(e) => setSaid(e.target.value)} maxLength={1000} aria-describedby={`answer-hint-${id}`} />
      </div>
      <button type="submit" disabled={busy}>Customer confirmed</button>
      <button type="button" className="secondary" disabled={busy} onClick={reject}>Customer rejected</button>
      {problem ? <p className="error" role="alert">{problem}</p> : null}
    </form>
  );
}

export function CustomerPage({ customerId }: { readonly customerId: string }) {
  const id = encodeURIComponent(customerId);
  // Every part of the page follows the notices about this customer, whichever service sends them.
  const about = (topic: Notice['topic']) => (n: Notice) => n.topic === topic && n.customerId === customerId;
  const [card, reloadCard] = useQuery<Card>(`/api/v1/customers/${id}`, { everyMs: LIVE_MS, live: about('customers') });
  const [history, reloadHistory] = useQuery<{ items: readonly HistoryEntry[] }>(`/api/v1/customers/${id}/history`, { everyMs: LIVE_MS, live: about('customers') });
  const [gate] = useQuery<Gate>(`/api/v1/sales-gating/customers/${id}/gate`, { everyMs: LIVE_MS, live: about('sales-gating') });
  const [complaints, reloadComplaints] = useQuery<{ complaints: readonly Complaint[] }>(`/api/v1/complaints/by-customer/${id}`, { everyMs: LIVE_MS, live: about('complaints') });
  const [feedback] = useQuery<{ surveys: readonly Survey[] }>(`/api/v1/feedback/customers/${id}/history`, { everyMs: LIVE_MS, live: about('feedback') });
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
                      {k.status === 'acknowledged' || k.status === 'waiting-on-customer' ? <ProposeResolution complaint={k} done={reloadComplaints} /> : null}
                      {k.status === 'resolution-proposed' ? <CustomerAnswer complaint={k} done={reloadComplaints} /> : null}
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
