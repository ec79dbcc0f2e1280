import type { ReactNode } from 'react';
import type { Load } from './api';

const dateTime = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });
const dateOnly = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeZone: 'UTC' });

const valid = (iso: string): Date | null => {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? null : date;
};
export const when = (iso: string | null | undefined): string => {
  const date = iso ? valid(iso) : null;
  return date ? `${dateTime.format(date)} UTC` : (iso ?? '—');
};
export const day = (iso: string | null | undefined): string => {
  const date = iso ? valid(iso) : null;
  return date ? dateOnly.format(date) : (iso ?? '—');
};
export const text = (value: unknown): string => (value === null || value === undefined || value === '' ? '—' : Array.isArray(value) ? value.join(', ') : String(value));
export const shortId = (id: string): string => id.slice(0, 8);

/** A page: its heading is the first focus target after navigation (keyboard and screen-reader users land on it). */
export function Page({ title, children, actions }: { readonly title: string; readonly children: ReactNode; readonly actions?: ReactNode }) {
  return (
    <section aria-labelledby="page-title">
      <header className="page-head">
        <h1 id="page-title" tabIndex={-1}>
          {title}
        </h1>
        {actions}
      </header>
      {children}
    </section>
  );
}

export function Panel({ title, children, live }: { readonly title: string; readonly children: ReactNode; readonly live?: boolean }) {
  const id = `panel-${title.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
  return (
    <section className="panel" aria-labelledby={id}>
      <h2 id={id}>
        {title}
        {live ? <span className="live-badge">live</span> : null}
      </h2>
      {children}
    </section>
  );
}

/** Renders a query's state; `render` gets the data once it is there. */
export function Loaded<T>({ load, render, what }: { readonly load: Load<T>; readonly render: (data: T) => ReactNode; readonly what: string }) {
  switch (load.status) {
    case 'loading':
      return <p className="muted" role="status">Loading {what}…</p>;
    case 'unavailable':
      return <p className="notice" role="status">{what[0]?.toUpperCase() + what.slice(1)}: not available in this installation.</p>;
    case 'forbidden':
      return <p className="notice" role="status">Your role may not see {what}.</p>;
    case 'error':
      return <p className="error" role="alert">Could not read {what}: {load.message}</p>;
    case 'ok':
      return <>{render(load.data)}</>;
  }
}

export function Updated({ load }: { readonly load: Load<unknown> }) {
  return load.status === 'ok' ? <p className="muted small">Updated {load.at.toLocaleTimeString('en-GB')}</p> : null;
}

export function Empty({ children }: { readonly children: ReactNode }) {
  return <p className="muted">{children}</p>;
}

export function CustomerLink({ id, label }: { readonly id: string; readonly label?: string | null }) {
  return <a href={`#/customer/${encodeURIComponent(id)}`}>{label || `customer ${shortId(id)}`}</a>;
}

export function Status({ value }: { readonly value: string }) {
  return <span className={`tag tag-${value.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`}>{value}</span>;
}
