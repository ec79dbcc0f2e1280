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
  readonly live?: false | { readonly groupId?: string; readonly keepAliveMs?: number; readonly staleAfterMs?: number };
}

export const DASHBOARD_OPTIONS = Symbol('rapport:dashboard-options');

/** dist/libs/dashboard/server/src → dist/dashboard. */
export const defaultDashboardRoot = (): string => join(__dirname, '..', '..', '..', '..', 'dashboard');

/** Development tokens for the dashboard live shorter than the CLI's: a working day. */
export const DEV_SIGN_IN_LIFETIME = '8h';
