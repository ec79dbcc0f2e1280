import { Text } from '../http/dto-helpers';

export class AcknowledgeComplaintDto {
  @Text('What the customer is told (the first reply, K3)', 4_000, 'Sorry — I have your complaint K-2026-000123 and will call you by Friday.') message!: string;
}
