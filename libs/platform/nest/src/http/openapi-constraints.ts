import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { getMetadataStorage } from 'class-validator';

interface Constraint {
  readonly type: string;
  readonly name?: string;
  readonly propertyName: string;
  readonly constraints?: readonly unknown[];
  readonly each?: boolean;
}

type Apply = (schema: SchemaObject, constraints: readonly unknown[]) => void;

const number = (value: unknown): number | undefined => (typeof value === 'number' && Number.isFinite(value) ? value : undefined);

/** class-validator rules the document can state exactly. What it cannot (a real phone number, a business rule) stays a 400/422. */
const RULES: Readonly<Record<string, Apply>> = {
  isString: (s) => void (s.type ??= 'string'),
  isBoolean: (s) => void (s.type = 'boolean'),
  isInt: (s) => void (s.type = 'integer'),
  isNumber: (s) => void (s.type ??= 'number'),
  isLength: (s, [min, max]) => {
    if (number(min) !== undefined) s.minLength = number(min);
    if (number(max) !== undefined) s.maxLength = number(max);
  },
  minLength: (s, [min]) => void (s.minLength = number(min)),
  maxLength: (s, [max]) => void (s.maxLength = number(max)),
  min: (s, [min]) => void (s.minimum = number(min)),
  max: (s, [max]) => void (s.maximum = number(max)),
  isPositive: (s) => {
    s.minimum = 0;
    s.exclusiveMinimum = true;
  },
  isIn: (s, [values]) => void (Array.isArray(values) && (s.enum = [...values])),
  isEnum: (s, [entity]) => void (entity && typeof entity === 'object' && (s.enum = Object.values(entity))),
  isUUID: (s) => void (s.format = 'uuid'),
  isEmail: (s) => void (s.format ??= 'email'),
  matches: (s, [pattern]) => void (pattern instanceof RegExp && !s.pattern && (s.pattern = pattern.source)),
  arrayNotEmpty: (s) => void (s.minItems = Math.max(1, s.minItems ?? 0)),
  arrayMinSize: (s, [min]) => void (s.minItems = number(min)),
  arrayMaxSize: (s, [max]) => void (s.maxItems = number(max)),
};

const isSchema = (value: unknown): value is SchemaObject => typeof value === 'object' && value !== null && !('$ref' in value);

/**
 * States every validated input class's rules in its schema, so the document says what the validation pipe
 * enforces: lengths, ranges, enums, patterns, formats, array sizes; optional fields (which accept null) as
 * nullable; and, since unknown properties are refused, `additionalProperties: false`. Read from class-validator's
 * own metadata, so a new DTO of any service is documented as it is validated, with no decorator to repeat.
 */
export function addValidationConstraints(schemas: Record<string, unknown>): void {
  const storage = getMetadataStorage() as unknown as { validationMetadatas: Map<{ name: string }, Constraint[]> };
  for (const [target, metadata] of storage.validationMetadatas) {
    const schema = schemas[target.name];
    if (!isSchema(schema) || !schema.properties) continue;
    schema.additionalProperties = false;
    for (const constraint of metadata) {
      const property = schema.properties[constraint.propertyName];
      if (!isSchema(property)) continue;
      if (constraint.type === 'conditionalValidation' && constraint.name === 'isOptional') {
        property.nullable = true;
        continue;
      }
      const apply = constraint.type === 'customValidation' && constraint.name ? RULES[constraint.name] : undefined;
      if (!apply) continue;
      const into = constraint.each ? property.items : property;
      if (isSchema(into)) apply(into, constraint.constraints ?? []);
    }
  }
}
