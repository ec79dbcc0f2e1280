import { Text } from '../http/dto-helpers';

export class ProposeResolutionDto {
  @Text('The resolution proposed to the customer (K5: she confirms or rejects it)', 4_000, 'A new one ships today, with a voucher') resolution!: string;
}
