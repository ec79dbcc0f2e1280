export const FEEDBACK_SERVICE = 'feedback';
/** The ServiceHost running feedback's projections, its relay and its copies of customers and the directory. */
export const FEEDBACK_HOST = Symbol('feedback:host');
/** The feedback policy in force (F1–F7 defaults). */
export const FEEDBACK_POLICY = Symbol('feedback:policy');
/** The secret answer links are signed with. */
export const ANSWER_TOKEN_SECRET = Symbol('feedback:answer-token-secret');
/** Limits of the public answer endpoint. */
export const ANSWER_RATE_LIMIT = Symbol('feedback:answer-rate-limit');
