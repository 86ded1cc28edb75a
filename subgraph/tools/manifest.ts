// Renders subgraph.yaml from an address book (a @plaza/abi `Deployment`): the network, one data source per
// deployed contract (addresses and start blocks from the book) and the LoyaltyPoints template.
import { getAddress } from 'viem';
import type { Deployment } from '@plaza/abi';
import { eventSignature, eventsOf } from './abis.js';
import { sources, type SourceSpec } from './sources.js';

/** graph-cli 0.98's spec version and graph-ts 0.38's mapping API version. */
export const SPEC_VERSION = '1.0.0';
export const API_VERSION = '0.0.9';

/** Paths the manifest refers to, relative to the manifest's directory. */
export interface ManifestPaths {
  readonly schema: string;
  /** The mapping of every data source and template (all handlers are exported from one module). */
  readonly mapping: (source: SourceSpec, dataSourceName: string) => string;
  readonly abi: (abiName: string, source: SourceSpec, dataSourceName: string) => string;
}

/** Source layout (subgraph/): `graph codegen` and `graph build` read this. */
export const sourcePaths: ManifestPaths = {
  schema: './schema.graphql',
  mapping: () => './src/mapping.ts',
  abi: (name) => `./abis/${name}.json`,
};

/** A data source of the rendered manifest. */
export interface RenderedSource {
  readonly name: string;
  readonly abi: string;
  readonly address?: string;
  readonly startBlock?: number;
  readonly template: boolean;
}

/** Every event of the source's ABI must have a handler, and every handler an event: else an error. */
export function checkCoverage(source: SourceSpec): void {
  const events = eventsOf(source.abi).map((e) => e.name!);
  const missing = events.filter((e) => !(e in source.handlers));
  const extra = Object.keys(source.handlers).filter((h) => !events.includes(h));
  if (missing.length > 0 || extra.length > 0) {
    throw new Error(
      `${source.abi}: ${missing.length ? `events without a handler: ${missing.join(', ')}` : ''}${
        missing.length && extra.length ? '; ' : ''
      }${extra.length ? `handlers for events the ABI does not have: ${extra.join(', ')}` : ''} (subgraph/tools/sources.ts)`,
    );
  }
}

/** The data sources a deployment gets: one per contract the address book holds, plus the templates. */
export function dataSourcesFor(deployment: Deployment): RenderedSource[] {
  const rendered: RenderedSource[] = [];
  for (const source of sources) {
    if (source.template) {
      rendered.push({ name: source.dataSourceName(source.abi), abi: source.abi, template: true });
      continue;
    }
    for (const [name, contract] of Object.entries(deployment.contracts).sort(([a], [b]) =>
      a.localeCompare(b),
    )) {
      if (!source.contracts(name)) continue;
      rendered.push({
        name: source.dataSourceName(name),
        abi: source.abi,
        address: getAddress(contract.address).toLowerCase(),
        startBlock: contract.block,
        template: false,
      });
    }
  }
  return rendered;
}

function specOf(abi: string): SourceSpec {
  const spec = sources.find((s) => s.abi === abi);
  if (!spec) throw new Error(`no source spec for ${abi}`);
  return spec;
}

/** YAML scalar: quoted unless it is a plain identifier-like word. */
function scalar(value: string | number): string {
  if (typeof value === 'number') return String(value);
  return /^[A-Za-z_][\w./-]*$/.test(value) && !/^(true|false|null|yes|no|on|off)$/i.test(value)
    ? value
    : `'${value.replace(/'/g, "''")}'`;
}

/**
 * Renders the manifest for `deployment` with the given file layout: the source layout for graph-cli, or a build
 * directory's (see prepare.ts).
 */
export function renderManifest(
  deployment: Deployment,
  paths: ManifestPaths = sourcePaths,
  description = 'Plaza: pUSD, the PSM, compliance, fees, NAV oracle, RWA assets, lending, savings, PayFi, loyalty points, advances and liquidity incentives.',
): string {
  for (const source of sources) checkCoverage(source);
  const lines: string[] = [
    `specVersion: ${SPEC_VERSION}`,
    `description: ${scalar(description)}`,
    'schema:',
    `  file: ${scalar(paths.schema)}`,
  ];
  const rendered = dataSourcesFor(deployment);
  const block = (source: RenderedSource, indent: string): string[] => {
    const spec = specOf(source.abi);
    const abis = [spec.abi, ...(spec.callAbis ?? [])];
    const out = [
      `${indent}- kind: ethereum/contract`,
      `${indent}  name: ${scalar(source.name)}`,
      `${indent}  network: ${scalar(deployment.network)}`,
      `${indent}  source:`,
    ];
    if (!source.template) out.push(`${indent}    address: '${source.address}'`);
    out.push(`${indent}    abi: ${scalar(spec.abi)}`);
    if (!source.template) out.push(`${indent}    startBlock: ${source.startBlock}`);
    out.push(
      `${indent}  mapping:`,
      `${indent}    kind: ethereum/events`,
      `${indent}    apiVersion: ${API_VERSION}`,
      `${indent}    language: wasm/assemblyscript`,
      `${indent}    entities:`,
      ...spec.entities.map((e) => `${indent}      - ${e}`),
      `${indent}    abis:`,
      ...abis.flatMap((name) => [
        `${indent}      - name: ${scalar(name)}`,
        `${indent}        file: ${scalar(paths.abi(name, spec, source.name))}`,
      ]),
      `${indent}    eventHandlers:`,
      ...eventsOf(spec.abi).flatMap((event) => [
        `${indent}      - event: ${scalar(eventSignature(event))}`,
        `${indent}        handler: ${spec.handlers[event.name!]}`,
      ]),
      `${indent}    file: ${scalar(paths.mapping(spec, source.name))}`,
    );
    return out;
  };
  const dataSources = rendered.filter((s) => !s.template);
  const templates = rendered.filter((s) => s.template);
  lines.push('dataSources:', ...dataSources.flatMap((s) => block(s, '  ')));
  if (dataSources.length === 0) lines.splice(lines.length - 1, 1, 'dataSources: []');
  if (templates.length > 0) lines.push('templates:', ...templates.flatMap((s) => block(s, '  ')));
  return `${lines.join('\n')}\n`;
}
