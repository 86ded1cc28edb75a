// Error decoding: every custom error of every phase-1 contract decodes to its name, named arguments and the
// module's message; real reverts from each contract family (including ones bubbling up through the PSM);
// Error(string), Panic, unknown selectors and empty reverts; and the SDK's non-revert categories.
import {
  advancePoolAbi,
  liquidityIncentivesAbi,
  loyaltyPointsAbi,
  merchantRegistryAbi,
  mockUsdcAbi,
  navFeedAdapterAbi,
  navOracleAbi,
  paymentProcessorAbi,
  pegStabilityModuleAbi,
  plazaUsdAbi,
  rwaShareTokenAbi,
} from '@plaza/abi';
import {
  PlazaError,
  decodeError,
  decodeRevertData,
  parsePusd,
  parseUsdc,
  plazaErrorTables,
  writeContract,
  type ErrorTable,
} from '@plaza/sdk';
import {
  BaseError,
  UserRejectedRequestError,
  createPublicClient,
  encodeAbiParameters,
  encodeErrorResult,
  http,
  toFunctionSelector,
  type Abi,
  type AbiParameter,
  type Hex,
} from 'viem';
import { foundry } from 'viem/chains';
import { describe, expect, it } from 'vitest';
import { accounts } from './support/accounts.js';
import { useTestChain } from './support/chain.js';

const chain = useTestChain();
const { alice, bob } = accounts;

/** A plausible value for an ABI parameter. */
function sample(param: AbiParameter): unknown {
  const type = param.type;
  if (type === 'address') return accounts.carol.address;
  if (type === 'bool') return true;
  if (type === 'string') return 'sample';
  if (type === 'bytes') return '0x1234';
  if (type === 'bytes2') return '0x5553';
  if (/^bytes\d+$/.test(type)) return `0x${'ab'.repeat(Number(type.slice(5)))}`;
  if (/^u?int\d*$/.test(type)) return type === 'uint8' || type === 'uint16' ? 7 : 7n;
  if (type.endsWith('[]')) return [];
  throw new Error(`no sample for ${type}`);
}

describe('message tables', () => {
  const tables = plazaErrorTables.filter((t) => t.contract !== 'USDC');

  it.each(tables.map((t) => [t.contract, t] as const))(
    'decode every custom error of %s to its name, arguments and own message',
    (_name, table: ErrorTable) => {
      const errors = table.abi.filter((item) => item.type === 'error');
      expect(errors.length).toBeGreaterThan(0);
      for (const error of errors) {
        const args = error.inputs.map(sample);
        const data = encodeErrorResult({ abi: [error], errorName: error.name, args });
        const decoded = decodeRevertData(data, { tables: plazaErrorTables, contract: table.contract });
        expect(decoded).toBeInstanceOf(PlazaError);
        expect(decoded.code).toBe('ContractRevert');
        expect(decoded.errorName).toBe(error.name);
        expect(decoded.contract).toBe(table.contract);
        expect(Object.keys(decoded.args)).toEqual(error.inputs.map((input, i) => input.name || `arg${i}`));
        expect(decoded.message).not.toMatch(/reverted with/);
        expect(decoded.message.length).toBeGreaterThan(10);
        expect(table.messages).toHaveProperty(error.name);
      }
    },
  );

  it('shows token amounts in the called token’s units', () => {
    const data = encodeErrorResult({
      abi: mockUsdcAbi,
      errorName: 'ERC20InsufficientBalance',
      args: [alice.address, 1_500000n, 2_000000n],
    });
    expect(decodeRevertData(data, { tables: plazaErrorTables, contract: 'MockUSDC' }).message).toBe(
      `${alice.address} holds 1.5 USDC but needs 2 USDC.`,
    );
    expect(decodeRevertData(data, { tables: plazaErrorTables, contract: 'PlazaUSD' }).message).toBe(
      `${alice.address} holds 0.0000000000015 pUSD but needs 0.000000000002 pUSD.`,
    );
    expect(decodeRevertData(data, { tables: plazaErrorTables, contract: 'PegStabilityModule' }).message).toBe(
      `${alice.address} holds 1500000 (base units) but needs 2000000 (base units).`,
    );
  });
});

describe('reverts without a Plaza custom error', () => {
  const ctx = { tables: plazaErrorTables, contract: 'PegStabilityModule', functionName: 'sellGem' };

  it('names a selector no Plaza contract declares', () => {
    const data =
      `${toFunctionSelector('Mystery(uint256)')}${encodeAbiParameters([{ type: 'uint256' }], [5n]).slice(2)}` as Hex;
    const error = decodeRevertData(data, ctx);
    expect(error.errorName).toBe('UnknownError');
    expect(error.args).toEqual({ selector: data.slice(0, 10), data });
    expect(error.message).toBe(
      `PegStabilityModule.sellGem reverted with an unknown custom error ${data.slice(0, 10)} that no Plaza contract declares (raw data ${data}).`,
    );
  });

  it('decodes require strings, panics and empty reverts', () => {
    const reason = encodeErrorResult({
      abi: [{ type: 'error', name: 'Error', inputs: [{ name: 'message', type: 'string' }] }],
      errorName: 'Error',
      args: ['not allowed'],
    });
    expect(decodeRevertData(reason, ctx)).toMatchObject({
      errorName: 'Error',
      args: { reason: 'not allowed' },
      message: 'PegStabilityModule.sellGem reverted: not allowed',
    });
    const panic = encodeErrorResult({
      abi: [{ type: 'error', name: 'Panic', inputs: [{ name: 'code', type: 'uint256' }] }],
      errorName: 'Panic',
      args: [0x11n],
    });
    expect(decodeRevertData(panic, ctx)).toMatchObject({
      errorName: 'Panic',
      message: 'PegStabilityModule.sellGem panicked: an arithmetic operation overflowed or underflowed.',
    });
    expect(decodeRevertData('0x', ctx)).toMatchObject({ errorName: 'EmptyRevert', code: 'ContractRevert' });
  });

  it('sorts other failures into user rejections, RPC failures and unknown errors', async () => {
    const rejected = new UserRejectedRequestError(new Error('User denied'));
    expect(decodeError(rejected, ctx)).toMatchObject({ code: 'UserRejected' });
    expect(decodeError(new Error('boom'), ctx)).toMatchObject({
      code: 'Unknown',
      message: 'PegStabilityModule.sellGem failed: boom',
    });
    const offline = createPublicClient({
      chain: foundry,
      transport: http('http://127.0.0.1:9', { retryCount: 0 }),
    });
    const failure = await offline.getBlockNumber().catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(BaseError);
    expect(decodeError(failure, ctx)).toMatchObject({ code: 'Rpc' });
  });
});

describe('real reverts of each contract family', () => {
  it('PSM: its own errors, access control, and errors bubbling up from the gem', async () => {
    const { as } = chain();
    const psm = (functionName: string, args: readonly unknown[], plaza = as.alice) =>
      writeContract(plaza.context, {
        contract: 'PegStabilityModule',
        abi: pegStabilityModuleAbi,
        functionName,
        args,
      });

    await expect(psm('sellGem', [alice.address, 0n])).rejects.toMatchObject({
      errorName: 'ZeroAmount',
      contract: 'PegStabilityModule',
      functionName: 'sellGem',
      data: expect.stringMatching(/^0x[0-9a-f]{8}$/),
    });
    await expect(psm('setFees', [1, 1])).rejects.toMatchObject({
      errorName: 'AccessControlUnauthorizedAccount',
      args: { account: alice.address, neededRole: `0x${'0'.repeat(64)}` },
      message: `${alice.address} lacks the role this needs (the default admin).`,
    });
    await expect(psm('setFees', [1001, 0], as.deployer)).rejects.toMatchObject({
      errorName: 'FeeTooHigh',
      args: { fee: 1001n },
    });
    await (await as.alice.usdc.faucet({ to: alice.address, amount: parseUsdc('5') })).wait();
    // No approval: MockUSDC's own error comes back through the PSM's call.
    await expect(psm('sellGem', [alice.address, parseUsdc('5')])).rejects.toMatchObject({
      errorName: 'ERC20InsufficientAllowance',
      contract: 'PegStabilityModule',
      args: { allowance: 0n, needed: parseUsdc('5') },
    });
    await (await psm('pause', [], as.deployer)).wait();
    await expect(psm('sellGem', [alice.address, 1n])).rejects.toMatchObject({ errorName: 'SwapsPaused' });
  });

  it('MockUSDC: signature errors', async () => {
    const { as } = chain();
    const signed = await as.alice.usdc.signPermit({ spender: bob.address, value: 1n });
    await expect(as.bob.usdc.permit({ ...signed, value: 2n })).rejects.toMatchObject({
      errorName: 'MockUSDCInvalidSignature',
      contract: 'MockUSDC',
    });
    await (await as.bob.usdc.permit(signed)).wait();
    expect(await as.bob.usdc.allowance(alice.address, bob.address)).toBe(1n);
  });

  it('a transaction that passed simulation but reverted when mined', async () => {
    const { as, testClient, publicClient } = chain();
    await (await as.alice.usdc.faucet({ to: alice.address, amount: parseUsdc('10') })).wait();
    await (await as.alice.psm.sellGem({ gemAmount: parseUsdc('10') })).swap.wait();
    const all = await as.alice.pusd.balanceOf(alice.address);
    await testClient.setAutomine(false);
    try {
      const first = await as.alice.pusd.transfer({ to: bob.address, amount: all });
      const nonce = await publicClient.getTransactionCount({ address: alice.address, blockTag: 'pending' });
      // Simulated against the latest block it passes; fixed gas and fees skip the node's estimate (which would
      // see the pending transfer and refuse).
      const second = await writeContract(as.alice.context, {
        contract: 'PlazaUSD',
        abi: plazaUsdAbi,
        functionName: 'transfer',
        args: [bob.address, all],
        overrides: { gas: 100_000n, maxFeePerGas: 10n ** 10n, maxPriorityFeePerGas: 10n ** 9n, nonce },
      });
      await testClient.mine({ blocks: 1 });
      expect((await first.wait()).status).toBe('success');
      await expect(second.wait()).rejects.toMatchObject({
        code: 'TransactionReverted',
        contract: 'PlazaUSD',
        functionName: 'transfer',
        message: expect.stringContaining('after its simulation passed'),
      });
    } finally {
      await testClient.setAutomine(true);
    }
    expect(await as.bob.pusd.balanceOf(bob.address)).toBe(parsePusd('9.995'));
  });
});

describe('real reverts of the phase-2 families (raw calls, no SDK pre-flight)', () => {
  it('NavOracle, NavFeedAdapter, RwaShareToken, PayFi and LiquidityIncentives revert with decoded, described errors', async () => {
    const { as, deployment } = chain();
    const address = (name: string) => deployment.contracts[name]!.address;
    const raw = (contract: string, abi: Abi, functionName: string, args: readonly unknown[], at?: Hex) =>
      writeContract(as.alice.context, {
        contract,
        abi,
        functionName,
        args,
        ...(at ? { address: at as `0x${string}` } : {}),
      });
    const cases: [() => Promise<unknown>, string, string, RegExp][] = [
      [
        () => raw('NavOracle', navOracleAbi, 'submit', [1n, 1n, 5n]),
        'NavOracle',
        'InvalidReporterStatus',
        /is None in feed 1/,
      ],
      [
        () => raw('NavOracle', navOracleAbi, 'confirmAnswer', [1n]),
        'NavOracle',
        'AccessControlUnauthorizedAccount',
        /lacks the role/,
      ],
      [
        () =>
          as.alice.publicClient
            .readContract({
              address: address('NavFeedAdapter_HRBR'),
              abi: navFeedAdapterAbi,
              functionName: 'price',
            })
            .catch((e: unknown) => Promise.reject(as.alice.decodeError(e, 'NavFeedAdapter', 'price'))),
        'NavFeedAdapter',
        'NoAnswer',
        /has no accepted answer yet/,
      ],
      [
        () =>
          raw(
            'RwaShareToken',
            rwaShareTokenAbi,
            'transfer',
            [bob.address, 1n],
            address('RwaShareToken_HRBR'),
          ),
        'RwaShareToken',
        'NotAllowed',
        /does not pass the asset's compliance policy/,
      ],
      [
        () => raw('PaymentProcessor', paymentProcessorAbi, 'claim', [alice.address]),
        'PaymentProcessor',
        'NothingToClaim',
        /has nothing to withdraw or claim/,
      ],
      [
        () =>
          raw('MerchantRegistry', merchantRegistryAbi, 'register', [alice.address, 0, `0x${'0'.repeat(64)}`]),
        'MerchantRegistry',
        'NotCompliant',
        /does not satisfy the merchant policy/,
      ],
      [
        () =>
          raw(
            'LoyaltyPoints',
            loyaltyPointsAbi,
            'setPointValue',
            [1n],
            address('LoyaltyPointsImplementation'),
          ),
        'LoyaltyPoints',
        'NotMerchant',
        /is not this loyalty program's merchant/,
      ],
      [
        () => raw('AdvancePool', advancePoolAbi, 'advance', [1n, 0n]),
        'AdvancePool',
        'MerchantNotActive',
        /is not an active merchant/,
      ],
      [
        () => raw('LiquidityIncentives', liquidityIncentivesAbi, 'withdraw', [1n, alice.address, '0x']),
        'LiquidityIncentives',
        'NotDepositOwner',
        /is deposited by someone else/,
      ],
    ];
    for (const [attempt, contract, errorName, message] of cases) {
      const error = await attempt().then(
        () => {
          throw new Error(`${contract}: expected ${errorName}`);
        },
        (e: unknown) => e,
      );
      expect(error, `${contract}.${errorName}`).toBeInstanceOf(PlazaError);
      expect(error).toMatchObject({ code: 'ContractRevert', contract, errorName });
      expect((error as PlazaError).message).toMatch(message);
    }
  });
});
