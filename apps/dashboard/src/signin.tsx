import { useEffect, useState, type FormEvent } from 'react';
import { useSession } from './session';

interface DevPerson {
  readonly id: string;
  readonly roles: readonly string[];
  readonly team: string | null;
}

/** Embedded mode: pick a development person. Everywhere: paste a token (npm run token, or one from OIDC). */
export function SignIn() {
  const { signIn, notice } = useSession();
  const [people, setPeople] = useState<readonly DevPerson[] | null>(null);
  const [picked, setPicked] = useState('');
  const [pasted, setPasted] = useState('');
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    fetch('/app/session/dev-people')
      .then((r) => (r.ok ? (r.json() as Promise<DevPerson[]>) : []))
      .then((list) => {
        setPeople(list);
        if (list[0]) setPicked(list[0].id);
      })
      .catch(() => setPeople([]));
  }, []);

  const asDev = async (event: FormEvent) => {
    event.preventDefault();
    const response = await fetch('/app/session/dev-token', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ personId: picked }) });
    if (!response.ok) return setProblem('Development sign-in was refused.');
    const { token } = (await response.json()) as { token: string };
    setProblem(signIn(token));
  };
  const withToken = (event: FormEvent) => {
    event.preventDefault();
    setProblem(signIn(pasted));
  };

  return (
    <main id="main" className="signin">
      <h1>Rapport dashboard</h1>
      {notice ? <p className="notice" role="status">{notice}</p> : null}
      {problem ? <p className="error" role="alert">{problem}</p> : null}
      {people && people.length > 0 ? (
        <form onSubmit={asDev} className="panel">
          <fieldset>
            <legend>Sign in as a development person</legend>
            {people.map((p) => (
              <label key={p.id} className="choice">
                <input type="radio" name="person" value={p.id} checked={picked === p.id} onChange={() => setPicked(p.id)} />
                {p.id} <span className="muted">({p.roles.join(', ')}{p.team ? `, team ${p.team}` : ''})</span>
              </label>
            ))}
          </fieldset>
          <button type="submit">Sign in</button>
        </form>
      ) : null}
      <form onSubmit={withToken} className="panel">
        <label htmlFor="token">Or paste a bearer token</label>
        <textarea id="token" rows={3} value={pasted} onChange={(e) => setPasted(e.target.value)} autoComplete="off" spellCheck={false} />
        <button type="submit">Sign in with token</button>
      </form>
    </main>
  );
}
