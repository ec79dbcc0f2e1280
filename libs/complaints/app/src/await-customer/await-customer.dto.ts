import { Text } from '../http/dto-helpers';

export class AwaitCustomerDto {
  @Text('What the customer is asked (the SLA clocks pause until she answers, K3)', 4_000, 'Could you send a photo of the damage?') question!: string;
}
