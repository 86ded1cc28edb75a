import { describe, expect, it } from 'vitest';
// Only the fields rewardTotals reads; the loader itself runs against the chain in e2e/flows/liquidity.e2e.ts.
import type { PositionView, ProgramView } from './positions';
import { rewardTotals } from './positions';

const program = (feeShare: boolean, symbol = 'pUSD'): ProgramView =>
  ({
    feeShare,
    rewardSymbol: symbol,
    rewardDecimals: symbol === 'USDC' ? 6 : 18,
    id: feeShare ? '0x01' : '0x02',
  }) as unknown as ProgramView;
const position = (stakes: [ProgramView, bigint][]): PositionView =>
  ({ stakes: stakes.map(([p, pending]) => ({ program: p, pending })) }) as unknown as PositionView;

describe('rewardTotals', () => {
  it('sums pending rewards per reward token, and the fee-share stream’s part', () => {
    const stream = program(true);
    const launch = program(false);
    const usdcProgram = program(false, 'USDC');
    const totals = rewardTotals([
      position([
        [stream, 3n],
        [launch, 10n],
      ]),
      position([
        [stream, 4n],
        [usdcProgram, 7n],
      ]),
      position([]),
    ]);
    expect(totals.feeShare).toBe(7n);
    expect([...totals.bySymbol]).toEqual([
      ['pUSD', { amount: 17n, decimals: 18 }],
      ['USDC', { amount: 7n, decimals: 6 }],
    ]);
  });

  it('is zero without stakes', () => {
    expect(rewardTotals([]).feeShare).toBe(0n);
    expect(rewardTotals([]).bySymbol.size).toBe(0);
  });
});
