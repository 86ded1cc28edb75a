// The PSM through the SDK: quotes equal the contract's previews across fuzzed amounts and fees, swaps move
// exactly the quoted amounts with the approvals they need, and what the contract would refuse is refused
// before anything is sent.
import { pegStabilityModuleAbi } from '@plaza/abi';
import {
  gemForPusdOut,
  maxBuyGem,
  parsePusd,
  parseUsdc,
  quoteBuyGem,
  quoteSellGem,
  writeContract,
  type PlazaClient,
} from '@plaza/sdk';
import fc from 'fast-check';
import type { Address } from 'viem';
import { describe, expect, it } from 'vitest';
import { accounts } from './support/accounts.js';
import { useTestChain } from './support/chain.js';

const chain = useTestChain();
const { alice, bob } = accounts;
const SEED = 0x504c415a;

/** PSM admin calls (the SDK has no admin module; the generic writeContract covers them). */
async function psmAdmin(functionName: 'setFees' | 'setDebtCeiling' | 'pause', args: readonly unknown[]) {
  const { as } = chain();
  await (
    await writeContract(as.deployer.context, {
      contract: 'PegStabilityModule',
      abi: pegStabilityModuleAbi,
      functionName,
      args,
    })
  ).wait();
}

async function nonceOf(address: Address) {
  return chain().publicClient.getTransactionCount({ address });
}

async function faucet(plaza: PlazaClient, amount: bigint) {
  await (await plaza.usdc.faucet({ to: plaza.walletClient!.account!.address, amount })).wait();
}

describe('PSM state and quotes', () => {
  it('reads the configured state', async () => {
    const { as, deployment } = chain();
    const state = await as.bob.psm.state();
    expect(state).toMatchObject({
      tin: 5n,
      tout: 10n,
      to18: 10n ** 12n,
      minted: 0n,
      debtCeiling: parsePusd('100000000'),
      paused: false,
      reserves: 0n,
      gem: deployment.contracts.MockUSDC!.address,
      feeCollector: deployment.contracts.FeeCollector!.address,
    });
  });

  it('quotes exactly what previewSellGem and previewBuyGem say, across fuzzed amounts and fees', async () => {
    const { as } = chain();
    const fees = [
      [0, 0],
      [1, 1],
      [1000, 1000],
      ...fc.sample(fc.tuple(fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 0, max: 1000 })), {
        seed: SEED,
        numRuns: 5,
      }),
    ];
    const amounts = fc.oneof(
      fc.bigInt({ min: 0n, max: 1000n }),
      fc.bigInt({ min: 0n, max: 10n ** 15n }),
      fc.bigInt({ min: 0n, max: 2n ** 90n }),
    );
    for (const [tin, tout] of fees) {
      await psmAdmin('setFees', [tin, tout]);
      const params = { tin: BigInt(tin!), tout: BigInt(tout!), to18: 10n ** 12n };
      await fc.assert(
        fc.asyncProperty(amounts, async (gemAmount) => {
          const [sell, buy] = await Promise.all([
            as.bob.psm.previewSellGem(gemAmount),
            as.bob.psm.previewBuyGem(gemAmount),
          ]);
          const localSell = quoteSellGem(gemAmount, params);
          const localBuy = quoteBuyGem(gemAmount, params);
          expect({ pusdOut: localSell.pusdOut, fee: localSell.fee }).toEqual(sell);
          expect({ pusdIn: localBuy.pusdIn, fee: localBuy.fee }).toEqual(buy);
        }),
        { seed: SEED, numRuns: 25 },
      );
      expect((await as.bob.psm.quoteSellGem(123_456789n)).pusdOut).toBe(
        quoteSellGem(123_456789n, params).pusdOut,
      );
    }
  });

  it('inverts quotes exactly: the least gem for a pUSD target, the most gem for a pUSD budget', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 1n, max: 10n ** 30n }),
        fc.integer({ min: 0, max: 1000 }),
        fc.constantFrom(1n, 10n ** 12n),
        (target, bps, to18) => {
          const params = { tin: BigInt(bps), tout: BigInt(bps), to18 };
          const gem = gemForPusdOut(target, params);
          expect(quoteSellGem(gem, params).pusdOut).toBeGreaterThanOrEqual(target);
          if (gem > 0n) expect(quoteSellGem(gem - 1n, params).pusdOut).toBeLessThan(target);
          const most = maxBuyGem(target, params);
          expect(quoteBuyGem(most, params).pusdIn).toBeLessThanOrEqual(target);
          expect(quoteBuyGem(most + 1n, params).pusdIn).toBeGreaterThan(target);
        },
      ),
      { seed: SEED, numRuns: 500 },
    );
    expect(gemForPusdOut(0n, { tin: 5n, to18: 1n })).toBe(0n);
    expect(maxBuyGem(0n, { tout: 5n, to18: 1n })).toBe(0n);
  });
});

describe('PSM swaps', () => {
  it('sellGem approves exactly what it needs, then mints the quoted pUSD and fee', async () => {
    const { as, deployment } = chain();
    await faucet(as.alice, parseUsdc('500'));
    const quote = await as.alice.psm.quoteSellGem(parseUsdc('200'));
    const { approval, swap } = await as.alice.psm.sellGem({ gemAmount: parseUsdc('200') });
    expect(approval).toBeDefined();
    expect(swap.result).toBe(quote.pusdOut);
    await swap.wait();
    expect(await as.alice.pusd.balanceOf(alice.address)).toBe(quote.pusdOut);
    expect(await as.alice.pusd.balanceOf(deployment.contracts.FeeCollector!.address)).toBe(quote.fee);
    expect(await as.alice.usdc.balanceOf(alice.address)).toBe(parseUsdc('300'));
    expect(await as.alice.usdc.allowance(alice.address, await as.alice.psm.address())).toBe(0n);
    expect((await as.alice.psm.state()).minted).toBe(quote.gross);

    // 'max' approves once for good; the next sale needs no approval.
    const first = await as.alice.psm.sellGem({
      gemAmount: parseUsdc('100'),
      approve: 'max',
      to: bob.address,
    });
    expect(first.approval).toBeDefined();
    await first.swap.wait();
    expect(await as.bob.pusd.balanceOf(bob.address)).toBe(
      (await as.bob.psm.quoteSellGem(parseUsdc('100'))).pusdOut,
    );
    const second = await as.alice.psm.sellGem({ gemAmount: parseUsdc('100'), approve: false });
    expect(second.approval).toBeUndefined();
    await second.swap.wait();
  });

  it('buyGem pays the quoted pUSD and sends the gem to the receiver', async () => {
    const { as } = chain();
    await faucet(as.alice, parseUsdc('1000'));
    await (await as.alice.psm.sellGem({ gemAmount: parseUsdc('1000') })).swap.wait();
    const before = await as.alice.pusd.balanceOf(alice.address);
    const quote = await as.alice.psm.quoteBuyGem(parseUsdc('400'));
    const { approval, swap } = await as.alice.psm.buyGem({ gemAmount: parseUsdc('400'), to: bob.address });
    expect(approval).toBeDefined();
    expect(swap.result).toBe(quote.pusdIn);
    await swap.wait();
    expect(await as.alice.pusd.balanceOf(alice.address)).toBe(before - quote.pusdIn);
    expect(await as.bob.usdc.balanceOf(bob.address)).toBe(parseUsdc('400'));

    // Sell everything back: maxBuyGem gives the largest purchase the balance covers.
    const rest = await as.alice.psm.maxBuyGem(await as.alice.pusd.balanceOf(alice.address));
    await (await as.alice.psm.buyGem({ gemAmount: rest })).swap.wait();
    expect(await as.alice.pusd.balanceOf(alice.address)).toBeLessThan(
      (await as.alice.psm.quoteBuyGem(1n)).pusdIn,
    );
  });

  it('sells the least gem that yields a pUSD target', async () => {
    const { as } = chain();
    await faucet(as.alice, parseUsdc('100'));
    const target = parsePusd('50');
    const gemAmount = await as.alice.psm.gemForPusdOut(target);
    await (await as.alice.psm.sellGem({ gemAmount })).swap.wait();
    const received = await as.alice.pusd.balanceOf(alice.address);
    expect(received).toBeGreaterThanOrEqual(target);
    expect(received - target).toBeLessThan(10n ** 12n);
  });

  it('refuses what the contract would refuse before sending anything', async () => {
    const { as } = chain();
    await faucet(as.alice, parseUsdc('10'));
    const nonce = await nonceOf(alice.address);

    await expect(as.alice.psm.sellGem({ gemAmount: parseUsdc('11') })).rejects.toMatchObject({
      code: 'ContractRevert',
      errorName: 'ERC20InsufficientBalance',
      contract: 'MockUSDC',
      message: `${alice.address} holds 10 USDC but needs 11 USDC.`,
    });
    await expect(as.alice.psm.sellGem({ gemAmount: parseUsdc('5'), approve: false })).rejects.toMatchObject({
      errorName: 'ERC20InsufficientAllowance',
      message: `${await as.alice.psm.address()} may spend 0 USDC but needs 5 USDC: approve (or permit) it first.`,
    });
    await expect(as.alice.psm.sellGem({ gemAmount: 0n })).rejects.toMatchObject({ errorName: 'ZeroAmount' });
    await expect(as.alice.psm.buyGem({ gemAmount: parseUsdc('1') })).rejects.toMatchObject({
      errorName: 'InsufficientMinted',
      args: { requested: parsePusd('1'), minted: 0n },
    });

    await psmAdmin('setDebtCeiling', [parsePusd('5')]);
    await expect(as.alice.psm.sellGem({ gemAmount: parseUsdc('6') })).rejects.toMatchObject({
      errorName: 'DebtCeilingExceeded',
      args: { minted: parsePusd('6'), debtCeiling: parsePusd('5') },
      message:
        "The PSM's debt ceiling would be exceeded: 6 pUSD minted through it after this sale, ceiling 5 pUSD. Sell less, or wait for purchases to free room.",
    });

    await (await as.deployer.compliance.setBlocked({ account: alice.address, blocked: true })).wait();
    await expect(as.alice.psm.sellGem({ gemAmount: parseUsdc('1') })).rejects.toMatchObject({
      errorName: 'AccountBlocked',
      args: { account: alice.address },
    });
    await (await as.deployer.compliance.setBlocked({ account: alice.address, blocked: false })).wait();

    await psmAdmin('pause', []);
    await expect(as.alice.psm.sellGem({ gemAmount: parseUsdc('1') })).rejects.toMatchObject({
      errorName: 'SwapsPaused',
      message: 'PSM swaps are paused (both directions) until its pauser resumes them.',
    });
    await expect(as.alice.psm.buyGem({ gemAmount: parseUsdc('1') })).rejects.toMatchObject({
      errorName: 'SwapsPaused',
    });
    expect(await nonceOf(alice.address)).toBe(nonce);
    expect(await as.alice.usdc.balanceOf(alice.address)).toBe(parseUsdc('10'));
  });

  it('refuses a buy above the pUSD balance before approving', async () => {
    const { as } = chain();
    await faucet(as.alice, parseUsdc('100'));
    await (await as.alice.psm.sellGem({ gemAmount: parseUsdc('100') })).swap.wait();
    await faucet(as.bob, parseUsdc('100'));
    await (await as.bob.psm.sellGem({ gemAmount: parseUsdc('100') })).swap.wait();
    const nonce = await nonceOf(alice.address);
    await expect(as.alice.psm.buyGem({ gemAmount: parseUsdc('100') })).rejects.toMatchObject({
      errorName: 'ERC20InsufficientBalance',
      contract: 'PlazaUSD',
      args: { sender: alice.address, needed: parsePusd('100.1') },
    });
    expect(await nonceOf(alice.address)).toBe(nonce);
  });
});
