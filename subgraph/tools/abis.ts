// The ABIs the subgraph uses, read from @plaza/abi (generated from the forge artifacts of contracts/src).
import * as plazaAbi from '@plaza/abi';

/** An ABI item as @plaza/abi exports it (the JSON of solc's ABI). */
export interface AbiItem {
  readonly type: string;
  readonly name?: string;
  readonly inputs?: readonly AbiParameter[];
  readonly anonymous?: boolean;
}

export interface AbiParameter {
  readonly name: string;
  readonly type: string;
  readonly indexed?: boolean;
  readonly components?: readonly AbiParameter[];
}

/** `PlazaUSD` → `plazaUsdAbi` (the export naming of @plaza/abi). */
function exportName(contractName: string): string {
  const words = contractName.match(/[A-Z]+(?![a-z])|[A-Z]?[a-z]+|\d+/g) ?? [contractName];
  return `${words.map((w, i) => (i === 0 ? w.toLowerCase() : w[0]!.toUpperCase() + w.slice(1).toLowerCase())).join('')}Abi`;
}

/** The ABI of a contract of `contracts/src`, or an error naming what @plaza/abi has. */
export function abiOf(contractName: string): readonly AbiItem[] {
  const abi = (plazaAbi as unknown as Record<string, unknown>)[exportName(contractName)];
  if (!Array.isArray(abi)) {
    throw new Error(
      `@plaza/abi has no ABI for ${contractName} (known: ${plazaAbi.contractNames.join(', ')}). Build it first: npm run build -w @plaza/abi`,
    );
  }
  return abi as readonly AbiItem[];
}

function canonicalType(param: AbiParameter): string {
  if (param.type.startsWith('tuple')) {
    return `(${(param.components ?? []).map(canonicalType).join(',')})${param.type.slice('tuple'.length)}`;
  }
  return param.type;
}

/**
 * The event signature graph-cli expects in `eventHandlers`: `Transfer(indexed address,indexed address,uint256)`,
 * tuples spelled out (`CreateMarket(indexed bytes32,(address,address,address,address,uint256,bytes32),…)`).
 */
export function eventSignature(event: AbiItem): string {
  const inputs = (event.inputs ?? []).map((p) => `${p.indexed ? 'indexed ' : ''}${canonicalType(p)}`);
  return `${event.name}(${inputs.join(',')})`;
}

/** The events of a contract's ABI. */
export function eventsOf(contractName: string): AbiItem[] {
  return abiOf(contractName).filter((item) => item.type === 'event');
}
