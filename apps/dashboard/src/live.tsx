import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { ApiError, callApi } from './api';
import { useSession } from './session';

/** What `GET /app/events` says changed: which service's topic, the event type, opaque ids. Never the data itself. */
export interface Notice {
  readonly topic: 'customers' | 'complaints' | 'feedback' | 'sales-gating' | 'scheduler';
  readonly type: string;
  readonly customerId?: string;
  readonly complaintId?: string;
}

/** `resync`: notices may have been missed (the server restarted, or we were away too long): read everything again. */
export type LiveSignal = Notice | 'resync';

/** connecting: asking for a ticket or opening; live: the stream is open; down: pages poll until it is back; off: no stream here. */
export type LiveStatus = 'connecting' | 'live' | 'down' | 'off';

interface LiveValue {
  readonly status: LiveStatus;
  readonly subscribe: (listener: (signal: LiveSignal) => void) => () => void;
}

const Live = createContext<LiveValue>({ status: 'off', subscribe: () => () => undefined });

const FIRST_RETRY_MS = 1_000;
const MAX_RETRY_MS = 15_000;

/**
 * One live stream per signed-in tab (ADR 0014). EventSource cannot send the bearer token, so each connection
 * starts with a single-use ticket from `POST /app/events/tickets`; because a ticket opens one stream only, a
 * dropped stream is reopened here (new ticket, the last notice's id as `lastEventId`), not by EventSource itself.
 */
export function LiveProvider({ children }: { readonly children: ReactNode }) {
  const { token, signOut } = useSession();
  const [status, setStatus] = useState<LiveStatus>('connecting');
  const listeners = useRef(new Set<(signal: LiveSignal) => void>());

  useEffect(() => {
    if (!token) return;
    const emit = (signal: LiveSignal) => {
      for (const listener of [...listeners.current]) listener(signal);
    };
    let source: EventSource | null = null;
    let retry: number | undefined;
    let delay = FIRST_RETRY_MS;
    let lastEventId: string | null = null;
    let stopped = false;

    const again = (ms: number) => {
      setStatus('down');
      retry = window.setTimeout(connect, ms);
      delay = Math.min(delay * 2, MAX_RETRY_MS);
    };
    async function connect() {
      if (stopped) return;
      setStatus((s) => (s === 'live' ? 'down' : s));
      let ticket: string;
      try {
        ticket = (await callApi<{ ticket: string }>(token!, '/app/events/tickets', { method: 'POST' })).ticket;
      } catch (error) {
        if (stopped) return;
        if (error instanceof ApiError && error.status === 401) return signOut('Your session has expired: sign in again.');
        // No stream in this installation (a static server in front of the API): the pages keep polling.
        if (error instanceof ApiError && (error.status === 404 || error.status === 403)) return setStatus('off');
        return again(delay);
      }
      if (stopped) return;
      const url = `/app/events?ticket=${encodeURIComponent(ticket)}${lastEventId ? `&lastEventId=${encodeURIComponent(lastEventId)}` : ''}`;
      const resumed = lastEventId !== null;
      source = new EventSource(url);
      source.onopen = () => {
        delay = FIRST_RETRY_MS;
        setStatus('live');
        // The first connection: whatever changed between the pages' first reads and now was not sent to anyone.
        if (!resumed) emit('resync');
      };
      source.addEventListener('change', (event) => {
        const message = event as MessageEvent<string>;
        if (message.lastEventId) lastEventId = message.lastEventId;
        try {
          emit(JSON.parse(message.data) as Notice);
        } catch {
          emit('resync');
        }
      });
      source.addEventListener('resync', () => emit('resync'));
      source.onerror = () => {
        // Closed by the server (token expiry, restart) or the network: reopen with a new ticket, never the used one.
        source?.close();
        source = null;
        if (!stopped) again(delay);
      };
    }

    void connect();
    return () => {
      stopped = true;
      window.clearTimeout(retry);
      source?.close();
    };
  }, [token, signOut]);

  const subscribe = useCallback((listener: (signal: LiveSignal) => void) => {
    listeners.current.add(listener);
    return () => void listeners.current.delete(listener);
  }, []);
  const value = useMemo<LiveValue>(() => ({ status, subscribe }), [status, subscribe]);
  return <Live.Provider value={value}>{children}</Live.Provider>;
}

export function useLive(): LiveValue {
  return useContext(Live);
}

/** The header's word on the stream, for everyone (a polite live region). */
export function LiveIndicator() {
  const { status } = useLive();
  const text: Record<LiveStatus, string> = {
    connecting: 'Connecting to live updates…',
    live: 'Live updates on',
    down: 'Live updates interrupted: refreshing every few seconds',
    off: 'Refreshing every few seconds',
  };
  return (
    <span className={`live-status live-status-${status}`} role="status">
      {text[status]}
    </span>
  );
}
