export const SALES_GATING_SERVICE = 'sales-gating';
/** The ServiceHost running the gating projections and its relay to `rapport.sales-gating.v1`. */
export const SALES_GATING_HOST = Symbol('sales-gating:host');
