import { join } from 'node:path';
import type { Principal } from '@rapport/platform-nest';

/** Who may be picked on the sign-in page in embedded mode (the all-in-one passes its development people). */
export type DevPerson = Omit<Principal, 'kind'>;

export interface DashboardOptions {
  /** The built web app (`npm run build:dashboard`); by default `dist/dashboard` beside this compiled module. */
  readonly root?: string;
  /** Development people offered on the sign-in page; tokens are issued only in embedded mode with dev tokens on. */
  readonly devPeople?: readonly DevPerson[];
  /**
   * The live stream (`/app/events`, ADR 0014): on by default, following the services' topics on the platform's bus.
   * `false` leaves the pages polling. `groupId`: one consumer group per instance that serves the stream.
   */
  /**
   * Sign-in with the identity provider in the browser (authorization code + PKCE, ADR 0014), when OIDC_ISSUER is set:
   * the dashboard's public client. Unset: DASHBOARD_OIDC_CLIENT_ID (and DASHBOARD_OIDC_SCOPE) from the environment.
   */
  readonly oidc?: { readonly clientId: string; readonly scope?: string };
  readonly live?: false | { readonly groupId?: string; readonly keepAliveMs?: number; readonly staleAfterMs?: number };
}

export const DASHBOARD_OPTIONS = Symbol('rapport:dashboard-options');

/** dist/libs/dashboard/server/src → dist/dashboard. */
export const defaultDashboardRoot = (): string => join(__dirname, '..', '..', '..', '..', 'dashboard');

/** Development tokens for the dashboard live shorter than the CLI's: a working day. */
export const DEV_SIGN_IN_LIFETIME = '8h';

/** The dashboard's OIDC client: the options', else the environment's (DASHBOARD_OIDC_CLIENT_ID, DASHBOARD_OIDC_SCOPE). */
export function oidcClientOf(options: DashboardOptions, env: NodeJS.ProcessEnv = process.env): { readonly clientId: string; readonly scope: string } | null {
  const clientId = options.oidc?.clientId ?? env['DASHBOARD_OIDC_CLIENT_ID']?.trim();
  if (!clientId) return null;
  return { clientId, scope: options.oidc?.scope ?? (env['DASHBOARD_OIDC_SCOPE']?.trim() || 'openid profile') };
}
