/** RFC 7643 §2.3 data types. */
export type AttributeType =
  | 'string'
  | 'boolean'
  | 'decimal'
  | 'integer'
  | 'dateTime'
  | 'reference'
  | 'complex'
  | 'binary';

/** RFC 7643 §7 attribute characteristics. */
export type Mutability = 'readOnly' | 'readWrite' | 'immutable' | 'writeOnly';
export type Returned = 'always' | 'never' | 'default' | 'request';
export type Uniqueness = 'none' | 'server' | 'global';

export interface AttributeDef {
  readonly name: string;
  readonly type: AttributeType;
  readonly multiValued: boolean;
  readonly description: string;
  readonly required: boolean;
  readonly caseExact: boolean;
  readonly mutability: Mutability;
  readonly returned: Returned;
  readonly uniqueness: Uniqueness;
  readonly canonicalValues?: readonly string[];
  readonly referenceTypes?: readonly string[];
  /** Present exactly when `type` is `complex`. */
  readonly subAttributes?: readonly AttributeDef[];
}

export interface SchemaDef {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly attributes: readonly AttributeDef[];
}

type Options = Partial<Omit<AttributeDef, 'name' | 'type' | 'subAttributes'>>;

const defaults = {
  multiValued: false,
  description: '',
  required: false,
  caseExact: false,
  mutability: 'readWrite',
  returned: 'default',
  uniqueness: 'none',
} as const satisfies Omit<AttributeDef, 'name' | 'type'>;

/** Builds a simple attribute with RFC 7643 §2.2 defaults for everything not given. */
export function attr(
  name: string,
  type: Exclude<AttributeType, 'complex'>,
  options: Options = {},
): AttributeDef {
  return { ...defaults, ...options, name, type };
}

export function complex(
  name: string,
  subAttributes: readonly AttributeDef[],
  options: Options = {},
): AttributeDef {
  return { ...defaults, ...options, name, type: 'complex', subAttributes };
}

/** The value/display/type/primary shape RFC 7643 uses for most multi-valued attributes. */
export function multiValued(
  name: string,
  description: string,
  types: readonly string[],
  valueType: 'string' | 'reference' | 'binary' = 'string',
  valueOptions: Options = {},
): AttributeDef {
  return complex(
    name,
    [
      attr('value', valueType, { description: `The ${name} value.`, ...valueOptions }),
      attr('display', 'string', {
        description: 'A human-readable name, primarily used for display purposes.',
      }),
      attr('type', 'string', {
        description: 'A label indicating the function of this value.',
        canonicalValues: types,
      }),
      attr('primary', 'boolean', { description: 'Indicates the primary or preferred value.' }),
    ],
    { multiValued: true, description },
  );
}
