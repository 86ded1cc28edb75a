// The GraphQL API schema graph-node generates from a subgraph schema (graph/src/schema/api.rs):
// entity and interface types with collection arguments on their list fields, `<T>_orderBy` enums
// with one-level `parent__child` values, `<T>_filter` inputs with every filter suffix per type,
// child filters, `and`/`or`, `_change_block`, and singular/plural root fields plus `_meta`.
import { queryFieldNames } from '../naming.js';
import type { EntityType, FieldDef, InterfaceType, SubgraphSchema } from '../schema.js';

/** What a key of a `<T>_filter` input means. */
export interface FilterKey {
  /** The filtered field, or null for `and`, `or`, `_change_block`. */
  field: FieldDef | null;
  op: string;
}

/** The generated API: SDL plus lookup tables the executor needs. */
export interface ApiSchema {
  sdl: string;
  /** Filter input keys per entity/interface type name. */
  filterKeys: Map<string, Map<string, FilterKey>>;
  /** Root query field name → [entity or interface type, plural?]. */
  rootFields: Map<string, { type: string; plural: boolean }>;
}

const OPS_BY_SCALAR: Record<string, string[]> = {
  Boolean: ['', 'not', 'in', 'not_in'],
  Bytes: ['', 'not', 'gt', 'lt', 'gte', 'lte', 'in', 'not_in', 'contains', 'not_contains'],
  ID: ['', 'not', 'gt', 'lt', 'gte', 'lte', 'in', 'not_in'],
  BigInt: ['', 'not', 'gt', 'lt', 'gte', 'lte', 'in', 'not_in'],
  BigDecimal: ['', 'not', 'gt', 'lt', 'gte', 'lte', 'in', 'not_in'],
  Int: ['', 'not', 'gt', 'lt', 'gte', 'lte', 'in', 'not_in'],
  Int8: ['', 'not', 'gt', 'lt', 'gte', 'lte', 'in', 'not_in'],
  Timestamp: ['', 'not', 'gt', 'lt', 'gte', 'lte', 'in', 'not_in'],
  String: [
    '',
    'not',
    'gt',
    'lt',
    'gte',
    'lte',
    'in',
    'not_in',
    'contains',
    'contains_nocase',
    'not_contains',
    'not_contains_nocase',
    'starts_with',
    'starts_with_nocase',
    'not_starts_with',
    'not_starts_with_nocase',
    'ends_with',
    'ends_with_nocase',
    'not_ends_with',
    'not_ends_with_nocase',
  ],
};

const META_SDL = `
scalar BigDecimal
scalar BigInt
scalar Bytes
"""
8 bytes signed integer
"""
scalar Int8
"""
A string representation of microseconds UNIX timestamp (16 digits)
"""
scalar Timestamp

"The type for the top-level _meta field"
type _Meta_ {
  """
  Information about a specific subgraph block. The hash of the block
  will be null if the _meta field has a block constraint that asks for
  a block number. It will be filled if the _meta field has no block constraint
  and therefore asks for the latest  block
  """
  block: _Block_!
  "The deployment ID"
  deployment: String!
  "If \`true\`, the subgraph encountered indexing errors at some past block"
  hasIndexingErrors: Boolean!
}

input BlockChangedFilter {
  number_gte: Int!
}

"The block at which the query should be executed."
input Block_height {
  "Value containing a block hash"
  hash: Bytes
  "Value containing a block number"
  number: Int
  """
  Value containing the minimum block number.
  In the case of \`number_gte\`, the query will be executed on the latest block only if
  the subgraph has progressed to or past the minimum block number.
  Defaults to the latest block when omitted.
  """
  number_gte: Int
}

type _Block_ {
  "The hash of the block"
  hash: Bytes
  "The block number"
  number: Int!
  "Integer representation of the timestamp stored in blocks for the chain"
  timestamp: Int
  "The hash of the parent block"
  parentHash: Bytes
}

enum _SubgraphErrorPolicy_ {
  "Data will be returned even if the subgraph has indexing errors"
  allow
  "If the subgraph has indexing errors, data will be omitted. The default."
  deny
}

"Defines the order direction, either ascending or descending"
enum OrderDirection {
  asc
  desc
}
`;

function typeRef(f: FieldDef): string {
  return f.typeString;
}

/** Builds the API schema of a subgraph. */
export function buildApiSchema(schema: SubgraphSchema): ApiSchema {
  const parts: string[] = [META_SDL];
  const filterKeys = new Map<string, Map<string, FilterKey>>();
  const rootFields = new Map<string, { type: string; plural: boolean }>();
  const isEntityLike = (name: string) => schema.entities.has(name) || schema.interfaces.has(name);

  for (const [name, values] of schema.enums)
    parts.push(`enum ${name} {\n${values.map((v) => `  ${v}`).join('\n')}\n}`);

  const fieldSdl = (f: FieldDef): string => {
    if (f.list && isEntityLike(f.baseType)) {
      return `  ${f.name}(skip: Int = 0, first: Int = 100, orderBy: ${f.baseType}_orderBy, orderDirection: OrderDirection, where: ${f.baseType}_filter): ${typeRef(f)}`;
    }
    return `  ${f.name}: ${typeRef(f)}`;
  };

  const idScalarOf = (typeName: string): string => {
    const t = schema.objectOrInterface(typeName)!;
    return t.idType === 'Int8' ? 'Int' : 'String';
  };

  const orderByValues = (fields: FieldDef[]): string[] => {
    const values: string[] = [];
    for (const f of fields) {
      values.push(f.name);
      if (!f.list && isEntityLike(f.baseType)) {
        const child = schema.objectOrInterface(f.baseType)!;
        for (const cf of child.fields) {
          if (cf.list || isEntityLike(cf.baseType)) continue;
          values.push(`${f.name}__${cf.name}`);
        }
      }
    }
    return values;
  };

  const filterFields = (typeName: string, fields: FieldDef[]): string[] => {
    const keys = new Map<string, FilterKey>();
    const out: string[] = [];
    const add = (key: string, type: string, field: FieldDef | null, op: string) => {
      keys.set(key, { field, op });
      out.push(`  ${key}: ${type}`);
    };
    for (const f of fields) {
      const entityLike = isEntityLike(f.baseType);
      if (f.list) {
        let input: string | null = null;
        let nocase = false;
        if (entityLike) {
          if (f.derivedFrom === undefined) {
            input = idScalarOf(f.baseType);
            nocase = schema.objectOrInterface(f.baseType)!.idType === 'String';
          }
        } else {
          input = f.baseType;
          nocase = f.baseType === 'String';
        }
        if (input) {
          const ops = nocase
            ? ['', 'not', 'contains', 'contains_nocase', 'not_contains', 'not_contains_nocase']
            : ['', 'not', 'contains', 'not_contains'];
          for (const op of ops) add(op ? `${f.name}_${op}` : f.name, `[${input}!]`, f, op);
        }
        if (entityLike) add(`${f.name}_`, `${f.baseType}_filter`, f, 'child');
      } else if (entityLike) {
        if (f.derivedFrom === undefined) {
          const scalar = idScalarOf(f.baseType);
          for (const op of OPS_BY_SCALAR[scalar]!) {
            add(
              op ? `${f.name}_${op}` : f.name,
              op === 'in' || op === 'not_in' ? `[${scalar}!]` : scalar,
              f,
              op,
            );
          }
        }
        add(`${f.name}_`, `${f.baseType}_filter`, f, 'child');
      } else if (f.kind === 'enum') {
        for (const op of ['', 'not', 'in', 'not_in']) {
          add(
            op ? `${f.name}_${op}` : f.name,
            op === 'in' || op === 'not_in' ? `[${f.baseType}!]` : f.baseType,
            f,
            op,
          );
        }
      } else {
        const ops = OPS_BY_SCALAR[f.baseType] ?? ['', 'not'];
        for (const op of ops) {
          add(
            op ? `${f.name}_${op}` : f.name,
            op === 'in' || op === 'not_in' ? `[${f.baseType}!]` : f.baseType,
            f,
            op,
          );
        }
      }
    }
    add('_change_block', 'BlockChangedFilter', null, 'change_block');
    add('and', `[${typeName}_filter]`, null, 'and');
    add('or', `[${typeName}_filter]`, null, 'or');
    filterKeys.set(typeName, keys);
    return out;
  };

  const addType = (t: EntityType | InterfaceType, kind: 'type' | 'interface') => {
    const impl =
      kind === 'type' && (t as EntityType).interfaces.length > 0
        ? ` implements ${(t as EntityType).interfaces.join(' & ')}`
        : '';
    parts.push(`${kind} ${t.name}${impl} {\n${t.fields.map(fieldSdl).join('\n')}\n}`);
    parts.push(
      `enum ${t.name}_orderBy {\n${orderByValues(t.fields)
        .map((v) => `  ${v}`)
        .join('\n')}\n}`,
    );
    parts.push(`input ${t.name}_filter {\n${filterFields(t.name, t.fields).join('\n')}\n}`);
  };
  for (const t of schema.entities.values()) addType(t, 'type');
  for (const t of schema.interfaces.values()) addType(t, 'interface');

  const query: string[] = [];
  for (const name of [...schema.entities.keys(), ...schema.interfaces.keys()]) {
    const { singular, plural } = queryFieldNames(name);
    rootFields.set(singular, { type: name, plural: false });
    rootFields.set(plural, { type: name, plural: true });
    query.push(
      `  ${singular}(id: ID!, "The block at which the query should be executed. Can either be a \`{ hash: Bytes }\` value containing a block hash, a \`{ number: Int }\` containing the block number, or a \`{ number_gte: Int }\` containing the minimum block number. In the case of \`number_gte\`, the query will be executed on the latest block only if the subgraph has progressed to or past the minimum block number. Defaults to the latest block when omitted." block: Block_height, "Set to \`allow\` to receive data even if the subgraph has skipped over errors while syncing." subgraphError: _SubgraphErrorPolicy_! = deny): ${name}`,
    );
    query.push(
      `  ${plural}(skip: Int = 0, first: Int = 100, orderBy: ${name}_orderBy, orderDirection: OrderDirection, where: ${name}_filter, block: Block_height, subgraphError: _SubgraphErrorPolicy_! = deny): [${name}!]!`,
    );
  }
  query.push(`  "Access to subgraph metadata"\n  _meta(block: Block_height): _Meta_`);
  parts.push(`type Query {\n${query.join('\n')}\n}`);
  return { sdl: parts.join('\n\n'), filterKeys, rootFields };
}
