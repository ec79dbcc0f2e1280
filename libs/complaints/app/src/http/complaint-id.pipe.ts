import { Injectable, type ArgumentMetadata, type PipeTransform } from '@nestjs/common';
import { declareUuidPathParameters, RequestValidationError } from '@rapport/platform-nest';

// The OpenAPI document declares these path parameters as UUIDs, as this pipe enforces.
declareUuidPathParameters('/api/v1/complaints', 'complaintId');

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Complaint ids are UUIDs; anything else is a 400 naming the parameter, like any other invalid field. */
@Injectable()
export class ComplaintIdPipe implements PipeTransform<string, string> {
  transform(value: string, metadata: ArgumentMetadata): string {
    if (typeof value !== 'string' || !UUID.test(value)) {
      throw new RequestValidationError([{ field: metadata.data ?? 'id', messages: [`${metadata.data ?? 'id'} must be a UUID`] }]);
    }
    return value.toLowerCase();
  }
}
