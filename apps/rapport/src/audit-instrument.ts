// First import of audit-main.ts: tracing must patch http and express before they are loaded.
import { startTracing } from '@rapport/platform-observability';

startTracing('rapport-audit');
