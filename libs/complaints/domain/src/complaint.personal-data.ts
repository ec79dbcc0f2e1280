import { declarePersonalData } from '@rapport/platform-eventsourcing';
import type { ReferenceReserved } from './complaint-reference';
import type { ComplaintEvent } from './complaint.events';

type Declared = Record<(ComplaintEvent | ReferenceReserved)['type'], readonly string[]>;

/**
 * A5: what the customer said, and what was said to or about her, is her personal data: every event of a
 * complaint carries `customerId` (the subject), and the platform's EncryptingEventStore seals these fields
 * with her key and shreds them on erasure. Every event type is listed, so a new one is a compile error until
 * someone decides. Ids, categories, amounts and times stay clear: the SLA board and trends need them.
 */
export const complaintPersonalData: Declared = declarePersonalData({
  'complaints.complaint-received.v1': ['description', 'remedySought'],
  'complaints.complaint-acknowledged.v1': ['message'],
  'complaints.handling-step-recorded.v1': ['note'],
  'complaints.customer-awaited.v1': ['question'],
  'complaints.customer-replied.v1': ['summary'],
  'complaints.complaint-transferred.v1': ['reason'],
  'complaints.root-cause-recorded.v1': ['detail'],
  'complaints.concession-approved.v1': ['reason'],
  'complaints.concession-granted.v1': ['description'],
  'complaints.resolution-proposed.v1': ['resolution'],
  'complaints.resolution-confirmed.v1': ['comment'],
  'complaints.complaint-reopened.v1': ['reason'],
  'complaints.sla-breached.v1': [],
  'complaints.complaint-escalated.v1': [],
  'complaints.deadlines-changed.v1': [],
  'complaints.reference-reserved.v1': [],
});
