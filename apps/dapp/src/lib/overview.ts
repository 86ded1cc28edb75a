// The overview's figures, read live from the chain through the SDK. History (charts) comes from the subgraph's
// daily snapshots in phase B; TVL of the other modules joins as their SDK modules land.
import { createPsmModule, createPusdModule, type PlazaContext, type PsmState } from '@plaza/sdk';

export interface ProtocolStats {
  /** pUSD in circulation (wei). */
  readonly pusdSupply: bigint;
  readonly psm: PsmState;
  /** pUSD the PSM can still mint before its ceiling (wei). */
  readonly psmRoom: bigint;
  /** Block the figures were read at. */
  readonly blockNumber: bigint;
}

export async function loadProtocolStats(ctx: PlazaContext): Promise<ProtocolStats> {
  const pusd = createPusdModule(ctx);
  const psm = createPsmModule(ctx);
  const [pusdSupply, state, blockNumber] = await Promise.all([
    pusd.totalSupply(),
    psm.state(),
    ctx.publicClient.getBlockNumber(),
  ]);
  return {
    pusdSupply,
    psm: state,
    psmRoom: state.debtCeiling > state.minted ? state.debtCeiling - state.minted : 0n,
    blockNumber,
  };
}
