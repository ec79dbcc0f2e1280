/** Calendar arithmetic (UTC, ISO-8601): the platform core's, shared by every context's deciders. */
export { DAY_MS, addDays, addMonths, maxIso, minIso } from '@rapport/platform-eventsourcing';
