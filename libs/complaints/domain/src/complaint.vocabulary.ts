/** K1: the ways a complaint arrives, what it is about, how bad it is. */
export const COMPLAINT_CHANNELS = ['phone', 'email', 'web', 'in-person', 'social'] as const;
export type ComplaintChannel = (typeof COMPLAINT_CHANNELS)[number];

export const COMPLAINT_CATEGORIES = ['product', 'price', 'service', 'delivery', 'billing', 'staff'] as const;
export type ComplaintCategory = (typeof COMPLAINT_CATEGORIES)[number];

export const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** K4: specific (a person, an incident), systemic (price, support model, product) or the customer's own doing. */
export const ROOT_CAUSE_KINDS = ['specific', 'systemic', 'customer-caused'] as const;
export type RootCauseKind = (typeof ROOT_CAUSE_KINDS)[number];

/** Where the complaint came in: a rep over HTTP, an integrator's topic (helpdesk, call centre), a win-back (C11). */
export type IntakeSource = 'rep' | 'integrator' | 'win-back';

export type ComplaintStatus = 'none' | 'received' | 'acknowledged' | 'waiting-on-customer' | 'resolution-proposed' | 'closed';

/** The people a command is about, as the directory says at that moment (D1): the use case looks them up. */
export interface Standing {
  readonly known: boolean;
  readonly active: boolean;
  readonly teamId: string | null;
  readonly managerId: string | null;
}
