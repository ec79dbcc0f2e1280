import type { Person } from './session';

/** Where to sign in (`GET /app/session/oidc`): present only when the installation has an identity provider. */
export interface OidcConfig {
  readonly issuer: string;
  readonly clientId: string;
  readonly scope: string;
}

/** What this tab remembers between leaving for the identity provider and coming back (sessionStorage, this tab only). */
interface PendingFlow {
  readonly state: string;
  readonly nonce: string;
  readonly verifier: string;
  readonly tokenEndpoint: string;
  readonly clientId: string;
  readonly redirectUri: string;
}

const FLOW_KEY = 'rapport.dashboard.oidc-flow';

const base64url = (bytes: Uint8Array): string => btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
const random = (bytes: number): string => base64url(crypto.getRandomValues(new Uint8Array(bytes)));
/** The app's own address is the redirect URI the identity provider must have registered for the client. */
const redirectUri = (): string => `${window.location.origin}/app/`;

export async function oidcConfig(): Promise<OidcConfig | null> {
  try {
    const response = await fetch('/app/session/oidc');
    return response.ok ? ((await response.json()) as OidcConfig) : null;
  } catch {
    return null;
  }
}

async function discover(issuer: string): Promise<{ authorization_endpoint: string; token_endpoint: string }> {
  const response = await fetch(`${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`);
  if (!response.ok) throw new Error(`the identity provider's discovery answered ${response.status}`);
  const document = (await response.json()) as { authorization_endpoint?: unknown; token_endpoint?: unknown };
  if (typeof document.authorization_endpoint !== 'string' || typeof document.token_endpoint !== 'string') throw new Error("the identity provider's discovery names no authorization or token endpoint");
  return { authorization_endpoint: document.authorization_endpoint, token_endpoint: document.token_endpoint };
}

/**
 * Authorization code with PKCE (RFC 7636, S256), as a public client: no secret in the browser. The verifier, state
 * and nonce stay in this tab's sessionStorage; the identity provider sees only the verifier's hash.
 */
export async function startOidcSignIn(config: OidcConfig): Promise<void> {
  const endpoints = await discover(config.issuer);
  const flow: PendingFlow = { state: random(16), nonce: random(16), verifier: random(32), tokenEndpoint: endpoints.token_endpoint, clientId: config.clientId, redirectUri: redirectUri() };
  const challenge = base64url(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(flow.verifier))));
  sessionStorage.setItem(FLOW_KEY, JSON.stringify(flow));
  const url = new URL(endpoints.authorization_endpoint);
  for (const [key, value] of Object.entries({
    response_type: 'code',
    client_id: config.clientId,
    redirect_uri: flow.redirectUri,
    scope: config.scope,
    state: flow.state,
    nonce: flow.nonce,
    code_challenge: challenge,
    code_challenge_method: 'S256',
  }))
    url.searchParams.set(key, value);
  window.location.assign(url.toString());
}

export type OidcReturn = { readonly token: string } | { readonly error: string } | null;

const claimsOf = (jwt: string): Record<string, unknown> => {
  try {
    return JSON.parse(atob((jwt.split('.')[1] ?? '').replace(/-/g, '+').replace(/_/g, '/'))) as Record<string, unknown>;
  } catch {
    return {};
  }
};

/**
 * Back from the identity provider (`/app/?code=…&state=…`): the code and state leave the address bar and history at
 * once; the state must be this tab's; the code is exchanged with the verifier for the access token the API verifies.
 * null: this page load is not a return from the identity provider.
 */
export async function finishOidcSignIn(): Promise<OidcReturn> {
  const params = new URLSearchParams(window.location.search);
  if (!params.has('code') && !params.has('error')) return null;
  window.history.replaceState(null, '', `${window.location.pathname}${window.location.hash}`);
  const kept = sessionStorage.getItem(FLOW_KEY);
  sessionStorage.removeItem(FLOW_KEY);
  const flow = kept ? (JSON.parse(kept) as PendingFlow) : null;
  if (params.has('error')) return { error: `The identity provider did not sign you in: ${params.get('error_description') ?? params.get('error')}` };
  if (!flow || params.get('state') !== flow.state) return { error: 'That sign-in answer was not started in this tab: sign in again.' };
  const response = await fetch(flow.tokenEndpoint, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'authorization_code', code: params.get('code') ?? '', redirect_uri: flow.redirectUri, client_id: flow.clientId, code_verifier: flow.verifier }),
  }).catch(() => null);
  if (!response || !response.ok) return { error: `The identity provider did not issue a token (${response ? response.status : 'unreachable'}): sign in again.` };
  const body = (await response.json()) as { access_token?: unknown; id_token?: unknown };
  if (typeof body.access_token !== 'string') return { error: 'The identity provider answered without an access token.' };
  // Received straight from the token endpoint over TLS (OIDC Core 3.1.3.7): the nonce ties the answer to this flow.
  if (typeof body.id_token === 'string' && claimsOf(body.id_token)['nonce'] !== flow.nonce) return { error: 'The identity provider answered for another sign-in (nonce): sign in again.' };
  return { token: body.access_token };
}

/** Who a token is as the API maps it (identity-provider roles are mapped on the server). */
export async function whoIs(token: string): Promise<Person | { readonly error: string }> {
  const response = await fetch('/app/session/me', { headers: { Authorization: `Bearer ${token}`, Accept: 'application/json, application/problem+json' } });
  const body = (await response.json().catch(() => null)) as { id?: string; roles?: string[]; team?: string | null; detail?: string } | null;
  if (!response.ok || !body || typeof body.id !== 'string' || !Array.isArray(body.roles)) return { error: `The API refused the token: ${body?.detail ?? response.status}` };
  return { id: body.id, roles: body.roles, ...(body.team ? { team: body.team } : {}) };
}
