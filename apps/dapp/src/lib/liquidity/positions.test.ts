import { describe, expect, it } from 'vitest';
// Only the fields rewardTotals reads; the loader itself runs against the chain in e2e/flows/liquidity.e2e.ts.
import type { PositionView, ProgramView } from './positions';
import { rewardTotals, sumEarned } from './positions';

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

describe('sumEarned', () => {
  it('adds what a program paid (claimed) and credited across stakes, ignoring other programs', () => {
    const stakes = [
      { programId: '0xAA', claimed: 5n, credited: 0n },
      { programId: '0xaa', claimed: 1n, credited: 2n },
      { programId: '0xbb', claimed: 100n, credited: 100n },
    ] as const;
    expect(sumEarned(stakes, '0xaa')).toBe(8n);
    expect(sumEarned(stakes, '0xcc')).toBe(0n);
  });
});
