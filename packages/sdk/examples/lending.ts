import { formatPusd, healthFactorAfter, parsePusd, previewBorrow, type PlazaClient } from '@plaza/sdk';
import { formatUnits } from 'viem';

// Lending: a lender supplies pUSD to the HRBR market; a KYC'd holder posts HRBR shares, previews a borrow as it
// would type it (health factor and the hub's refusal, if any), borrows, lets the rent repay the loan, and later
// repays everything by shares.
export async function lendingExample(lender: PlazaClient, borrower: PlazaClient) {
  await (await lender.lending.supply({ market: 'HRBR', assets: parsePusd('50000') })).supply.wait();

  const me = borrower.walletClient!.account!.address;
  await (
    await borrower.lending.supplyCollateral({ market: 'HRBR', assets: parsePusd('100') })
  ).supplyCollateral.wait();
  const { snapshot } = await borrower.lending.position('HRBR', me);
  const preview = previewBorrow(snapshot, parsePusd('5000'));
  console.log(
    'health factor after the borrow',
    formatUnits(preview.healthFactor!, 18),
    preview.refusal ?? 'ok',
  );
  console.log(
    'if I also add 10 shares',
    healthFactorAfter(snapshot, { collateral: parsePusd('10'), borrow: parsePusd('5000') }),
  );

  const borrow = await borrower.lending.borrow({ market: 'HRBR', assets: parsePusd('5000') });
  await borrow.wait();
  await (await borrower.lending.setAutoRepay({ market: 'HRBR', enabled: true })).wait();

  const market = await borrower.lending.market('HRBR');
  const position = await borrower.lending.position('HRBR', me);
  console.log(
    `debt ${formatPusd(position.debt)} pUSD at ${formatUnits(market.borrowApy * 100n, 18)}% APY;`,
    `liquidated below ${formatPusd(position.liquidationPrice / 10n ** 18n)} pUSD per share`,
  );
  const { repay } = await borrower.lending.repay({ market: 'HRBR', all: true });
  await repay.wait();
  return { preview, borrowed: borrow.result, position, market, repaid: repay.result };
}
