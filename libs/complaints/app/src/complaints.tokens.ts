export const COMPLAINTS_SERVICE = 'complaints';
/** The ServiceHost running the complaints projections, its relay and its directory copy. */
export const COMPLAINTS_HOST = Symbol('complaints:host');
/** The complaint policy in force (K3 SLA targets, K6 threshold, K7 windows). */
export const COMPLAINT_POLICY = Symbol('complaints:policy');
