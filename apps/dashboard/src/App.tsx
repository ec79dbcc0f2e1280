import { useEffect, useState, type ReactNode } from 'react';
import { AuditPage } from './pages/audit';
import { CustomerPage } from './pages/customer';
import { DetractorsPage, NpsPage } from './pages/feedback';
import { GateMapPage, MyGatesPage } from './pages/gating';
import { DuplicatesPage, ReclaimablePage } from './pages/manager';
import { BookPage, TasksPage } from './pages/rep';
import { SlaBoardPage } from './pages/complaints';
import { LiveIndicator, LiveProvider } from './live';
import { useSession, type Person } from './session';
import { SignIn } from './signin';

interface Route {
  readonly path: string;
  readonly label: string;
  readonly roles: readonly string[];
  readonly page: () => ReactNode;
}

/** Hash routes: only page names and opaque customer ids, never names, phones or searches. */
const ROUTES: readonly Route[] = [
  { path: 'book', label: 'My book', roles: ['rep'], page: () => <BookPage /> },
  { path: 'tasks', label: 'My tasks', roles: ['rep'], page: () => <TasksPage /> },
  { path: 'gates', label: 'My gates', roles: ['rep'], page: () => <MyGatesPage /> },
  { path: 'reclaimable', label: 'Reclaimable & workload', roles: ['manager'], page: () => <ReclaimablePage /> },
  { path: 'duplicates', label: 'Duplicates', roles: ['manager'], page: () => <DuplicatesPage /> },
  { path: 'nps', label: 'NPS', roles: ['manager'], page: () => <NpsPage /> },
  { path: 'detractors', label: 'Detractor queue', roles: ['manager'], page: () => <DetractorsPage /> },
  { path: 'sla', label: 'Complaint SLA board', roles: ['manager'], page: () => <SlaBoardPage /> },
  { path: 'map', label: 'NPS × share map', roles: ['manager'], page: () => <GateMapPage /> },
  { path: 'audit', label: 'Customer history', roles: ['auditor'], page: () => <AuditPage /> },
];

const routesOf = (person: Person): Route[] => ROUTES.filter((r) => r.roles.some((role) => person.roles.includes(role)));

function useHash(): string {
  const [hash, setHash] = useState(() => window.location.hash);
  useEffect(() => {
    const changed = () => setHash(window.location.hash);
    window.addEventListener('hashchange', changed);
    return () => window.removeEventListener('hashchange', changed);
  }, []);
  return hash.replace(/^#\/?/, '');
}

export function App() {
  const { person, signOut } = useSession();
  const hash = useHash();
  useEffect(() => {
    // Move focus to the new page's heading, so keyboard and screen-reader users know the page changed.
    document.getElementById('page-title')?.focus();
  }, [hash]);
  if (!person) return <SignIn />;

  const mine = routesOf(person);
  const [name, ...rest] = hash.split('/');
  const customerId = name === 'customer' && rest[0] ? decodeURIComponent(rest[0]) : null;
  const route = mine.find((r) => r.path === name) ?? (customerId ? null : mine[0]);

  return (
    <LiveProvider>
      <a className="skip" href="#main" onClick={(e) => { e.preventDefault(); document.getElementById('main')?.focus(); }}>
        Skip to content
      </a>
      <header className="top">
        <span className="brand">Rapport</span>
        <nav aria-label="Pages">
          <ul>
            {mine.map((r) => (
              <li key={r.path}>
                <a href={`#/${r.path}`} aria-current={route?.path === r.path ? 'page' : undefined}>
                  {r.label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <LiveIndicator />
        <span className="who">
          {person.id} <span className="muted">({person.roles.join(', ')})</span>
          <button type="button" className="link" onClick={() => signOut()}>
            Sign out
          </button>
        </span>
      </header>
      <main id="main" tabIndex={-1}>
        {customerId ? <CustomerPage key={customerId} customerId={customerId} /> : route ? route.page() : <p>Your roles have no pages here yet.</p>}
      </main>
    </LiveProvider>
  );
}
