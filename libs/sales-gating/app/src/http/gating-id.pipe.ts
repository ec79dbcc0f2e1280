import { Injectable, type ArgumentMetadata, type PipeTransform } from '@nestjs/common';
import { RequestValidationError } from '@rapport/platform-nest';
import { ID_PATTERN } from './gate-access';

/** Path ids (customer ids as the customers service published them): anything else is a 400 naming the parameter. */
@Injectable()
export class GatingIdPipe implements PipeTransform<string, string> {
  transform(value: string, metadata: ArgumentMetadata): string {
    if (typeof value !== 'string' || !ID_PATTERN.test(value)) {
      throw new RequestValidationError([{ field: metadata.data ?? 'id', messages: [`${metadata.data ?? 'id'} must be 1-100 letters, digits, . _ : -`] }]);
    }
    return value;
  }
}
