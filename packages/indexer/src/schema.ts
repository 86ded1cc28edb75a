// The subgraph's input schema (schema.graphql): entity types, interfaces, enums and the store value
// type of every field, following graph-node's `InputSchema`.
import {
  Kind,
  parse,
  type ConstDirectiveNode,
  type FieldDefinitionNode,
  type ObjectTypeDefinitionNode,
  type TypeNode,
} from 'graphql';
import type { ValueType } from './values.js';

/** Id types graph-node supports. */
export type IdType = 'String' | 'Bytes' | 'Int8';

const SCALARS: Record<string, ValueType> = {
  ID: 'String',
  String: 'String',
  Bytes: 'Bytes',
  BigInt: 'BigInt',
  BigDecimal: 'BigDecimal',
  Int: 'Int',
  Int8: 'Int8',
  Boolean: 'Boolean',
  Timestamp: 'Timestamp',
};

/** A field of an entity type or interface. */
export interface FieldDef {
  name: string;
  /** The named (innermost) GraphQL type, e.g. `BigInt`, `Account`, `Kind`. */
  baseType: string;
  /** The GraphQL type as written, e.g. `[String!]!` (used in graph-node's error texts). */
  typeString: string;
  list: boolean;
  nonNull: boolean;
  /** What the base type is. `reference` covers entity and interface types. */
  kind: 'scalar' | 'enum' | 'reference';
  /** The store value type: scalars map directly, enums are `String`, references the target's id type. */
  valueType: ValueType;
  /** For `@derivedFrom(field: …)`: the field on the referenced type that points back. */
  derivedFrom?: string;
}

/** An `@entity` object type. */
export interface EntityType {
  name: string;
  fields: FieldDef[];
  fieldMap: Map<string, FieldDef>;
  immutable: boolean;
  idType: IdType;
  interfaces: string[];
}

/** A GraphQL interface implemented by entity types. */
export interface InterfaceType {
  name: string;
  fields: FieldDef[];
  fieldMap: Map<string, FieldDef>;
  implementers: string[];
  idType: IdType;
}

/** The parsed subgraph schema. */
export class SubgraphSchema {
  readonly entities = new Map<string, EntityType>();
  readonly interfaces = new Map<string, InterfaceType>();
  readonly enums = new Map<string, string[]>();

  constructor(readonly source: string) {
    const doc = parse(source);
    const objects: ObjectTypeDefinitionNode[] = [];
    const interfaceNodes: { name: string; fields: readonly FieldDefinitionNode[] }[] = [];
    for (const def of doc.definitions) {
      if (def.kind === Kind.OBJECT_TYPE_DEFINITION) {
        if (def.name.value === '_Schema_') continue; // fulltext declarations: not supported, see README
        const entity = def.directives?.find((d) => d.name.value === 'entity');
        if (def.directives?.some((d) => d.name.value === 'aggregation')) {
          throw new Error(`type ${def.name.value}: @aggregation is not supported by @plaza/indexer`);
        }
        if (!entity) throw new Error(`type ${def.name.value} must be annotated with @entity`);
        if (boolArg(entity, 'timeseries')) {
          throw new Error(`type ${def.name.value}: timeseries entities are not supported by @plaza/indexer`);
        }
        objects.push(def);
      } else if (def.kind === Kind.INTERFACE_TYPE_DEFINITION) {
        interfaceNodes.push({ name: def.name.value, fields: def.fields ?? [] });
      } else if (def.kind === Kind.ENUM_TYPE_DEFINITION) {
        this.enums.set(
          def.name.value,
          (def.values ?? []).map((v) => v.name.value),
        );
      }
    }
    // Id types first: references take the referenced type's id type.
    const idTypes = new Map<string, IdType>();
    for (const obj of objects) {
      const id = obj.fields?.find((f) => f.name.value === 'id');
      if (!id) throw new Error(`type ${obj.name.value} has no id field`);
      const t = namedType(id.type);
      const idType: IdType | undefined =
        t === 'ID' || t === 'String' ? 'String' : t === 'Bytes' ? 'Bytes' : t === 'Int8' ? 'Int8' : undefined;
      if (!idType) throw new Error(`type ${obj.name.value}: the id field must be ID, String, Bytes or Int8`);
      idTypes.set(obj.name.value, idType);
    }
    const implementers = new Map<string, string[]>();
    for (const obj of objects) {
      for (const i of obj.interfaces ?? []) {
        const list = implementers.get(i.name.value) ?? [];
        list.push(obj.name.value);
        implementers.set(i.name.value, list);
      }
    }
    for (const i of interfaceNodes) {
      const impls = implementers.get(i.name) ?? [];
      idTypes.set(i.name, impls.length > 0 ? idTypes.get(impls[0]!)! : 'String');
    }
    const field = (owner: string, f: FieldDefinitionNode): FieldDef => {
      const baseType = namedType(f.type);
      const scalar = SCALARS[baseType];
      let kind: FieldDef['kind'];
      let valueType: ValueType;
      if (scalar) {
        kind = 'scalar';
        valueType = scalar;
      } else if (this.enums.has(baseType)) {
        kind = 'enum';
        valueType = 'String';
      } else if (idTypes.has(baseType)) {
        kind = 'reference';
        valueType = idTypes.get(baseType)!;
      } else {
        throw new Error(`${owner}.${f.name.value}: unknown type ${baseType}`);
      }
      const derived = f.directives?.find((d) => d.name.value === 'derivedFrom');
      const def: FieldDef = {
        name: f.name.value,
        baseType,
        typeString: typeString(f.type),
        list: isList(f.type),
        nonNull: f.type.kind === Kind.NON_NULL_TYPE,
        kind,
        valueType,
      };
      if (derived) {
        const arg = derived.arguments?.find((a) => a.name.value === 'field');
        if (!arg || arg.value.kind !== Kind.STRING)
          throw new Error(`${owner}.${def.name}: @derivedFrom needs field`);
        def.derivedFrom = arg.value.value;
      }
      return def;
    };
    for (const obj of objects) {
      const fields = (obj.fields ?? []).map((f) => field(obj.name.value, f));
      this.entities.set(obj.name.value, {
        name: obj.name.value,
        fields,
        fieldMap: new Map(fields.map((f) => [f.name, f])),
        immutable:
          boolArg(
            obj.directives!.find((d) => d.name.value === 'entity')!,
            'immutable',
          ) ?? false,
        idType: idTypes.get(obj.name.value)!,
        interfaces: (obj.interfaces ?? []).map((i) => i.name.value),
      });
    }
    for (const i of interfaceNodes) {
      const fields = i.fields.map((f) => field(i.name, f));
      this.interfaces.set(i.name, {
        name: i.name,
        fields,
        fieldMap: new Map(fields.map((f) => [f.name, f])),
        implementers: implementers.get(i.name) ?? [],
        idType: idTypes.get(i.name)!,
      });
    }
    // Validate @derivedFrom targets.
    for (const t of [...this.entities.values(), ...this.interfaces.values()]) {
      for (const f of t.fields) {
        if (f.derivedFrom === undefined) continue;
        const target = this.objectOrInterface(f.baseType);
        if (!target?.fieldMap.has(f.derivedFrom)) {
          throw new Error(
            `${t.name}.${f.name}: @derivedFrom field ${f.baseType}.${f.derivedFrom} does not exist`,
          );
        }
      }
    }
  }

  entity(name: string): EntityType | undefined {
    return this.entities.get(name);
  }

  objectOrInterface(name: string): EntityType | InterfaceType | undefined {
    return this.entities.get(name) ?? this.interfaces.get(name);
  }

  /** The concrete entity types behind an entity or interface name. */
  concreteTypes(name: string): EntityType[] {
    const e = this.entities.get(name);
    if (e) return [e];
    return (this.interfaces.get(name)?.implementers ?? []).map((n) => this.entities.get(n)!);
  }
}

function namedType(t: TypeNode): string {
  return t.kind === Kind.NAMED_TYPE ? t.name.value : namedType(t.type);
}

function isList(t: TypeNode): boolean {
  if (t.kind === Kind.NON_NULL_TYPE) return isList(t.type);
  return t.kind === Kind.LIST_TYPE;
}

function typeString(t: TypeNode): string {
  if (t.kind === Kind.NAMED_TYPE) return t.name.value;
  if (t.kind === Kind.LIST_TYPE) return `[${typeString(t.type)}]`;
  return `${typeString(t.type)}!`;
}

function boolArg(d: ConstDirectiveNode, name: string): boolean | undefined {
  const arg = d.arguments?.find((a) => a.name.value === name);
  if (!arg) return undefined;
  if (arg.value.kind !== Kind.BOOLEAN) throw new Error(`@${d.name.value}(${name}:) must be a boolean`);
  return arg.value.value;
}
