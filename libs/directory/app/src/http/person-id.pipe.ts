import { Injectable, type ArgumentMetadata, type PipeTransform } from '@nestjs/common';
import { RequestValidationError } from '@rapport/platform-nest';
import { DIRECTORY_ID } from './directory-dto.helpers';

/** A person or team id in a path: a 400 naming the parameter, never a lookup of garbage. */
@Injectable()
export class PersonIdPipe implements PipeTransform<string, string> {
  transform(value: string, metadata: ArgumentMetadata): string {
    if (!DIRECTORY_ID.test(value)) throw new RequestValidationError([{ field: metadata.data ?? 'id', messages: [`${metadata.data ?? 'id'} is not a directory id`] }]);
    return value;
  }
}
