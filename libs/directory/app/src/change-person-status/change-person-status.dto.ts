import { Reason } from '../http/directory-dto.helpers';

export class ChangePersonStatusDto {
  @Reason()
  reason!: string;
}
