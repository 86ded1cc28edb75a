// Deploys the modules the deployment script does not deploy yet (oracle and RWA, lending and savings, PayFi,
// Uniswap v3 and incentives) from the forge artifacts, wired as contracts/README.md says, and funds the users.
// Each function records its contracts in the stack's address book under the names Deploy.s.sol uses
// (`NavOracle`, `RwaShareToken_<SYMBOL>`, `LendingHub`, …), so the subgraph's manifest finds them.
import { createRequire } from 'node:module';
import {
  advancePoolAbi,
  complianceRegistryAbi,
  feeCollectorAbi,
  lendingHubAbi,
  liquidityIncentivesAbi,
  merchantRegistryAbi,
  navOracleAbi,
  plazaUsdAbi,
  rwaShareTokenAbi,
  savingsVaultAbi,
} from '@plaza/abi';
import { parseUsdc, policyId } from '@plaza/sdk';
import { keccak256, parseEther, toHex, type Abi, type Address, type Hex } from 'viem';
import { artifact, npmArtifact, type Artifact, type Stack } from './stack.js';

const require = createRequire(import.meta.url);
const role = (name: string) => keccak256(toHex(name));
export const WAD = 10n ** 18n;
export const MAX_UINT256 = 2n ** 256n - 1n;

/** Address of a contract of the stack's address book. */
export function at(stack: Stack, name: string): Address {
  const contract = stack.deployment.contracts[name];
  if (!contract) throw new Error(`no ${name} in the address book`);
  return contract.address;
}

export const abi = {
  compliance: complianceRegistryAbi as Abi,
  fees: feeCollectorAbi as Abi,
  pusd: plazaUsdAbi as Abi,
  oracle: navOracleAbi as Abi,
  rwa: rwaShareTokenAbi as Abi,
  hub: lendingHubAbi as Abi,
  vault: savingsVaultAbi as Abi,
  registry: merchantRegistryAbi as Abi,
  pool: advancePoolAbi as Abi,
  incentives: liquidityIncentivesAbi as Abi,
};

/** KYC records (retail and accredited policies pass) and pUSD from the PSM for each user. */
export async function onboard(
  stack: Stack,
  users: readonly {
    name: string;
    jurisdiction?: string;
    kycLevel?: number;
    creditScore?: number;
    usdc: string;
  }[],
): Promise<void> {
  const now = (await stack.publicClient.getBlock()).timestamp;
  const attester = stack.devnet.plaza('deployer');
  for (const user of users) {
    const client = stack.devnet.plaza(user.name);
    const address = stack.account(user.name).address;
    await (
      await attester.compliance.setRecord({
        account: address,
        record: {
          kycLevel: user.kycLevel ?? 2,
          jurisdiction: user.jurisdiction ?? 'US',
          expiry: now + 365n * 86_400n,
          creditScore: user.creditScore ?? 750,
        },
      })
    ).wait();
    await (await client.usdc.faucet({ to: address, amount: parseUsdc(user.usdc) })).wait();
    const { swap } = await client.psm.sellGem({ gemAmount: parseUsdc(user.usdc) });
    await swap.wait();
  }
}

export async function approve(
  stack: Stack,
  from: string,
  token: Address,
  spender: Address,
  amount = MAX_UINT256,
) {
  await stack.send(from, token, abi.pusd, 'approve', [spender, amount]);
}

export interface FeedParams {
  quorum: number;
  maxMoveBps: number;
  toleranceBps: number;
  jailThreshold: number;
  heartbeat: number;
  roundTimeout: number;
  minRoundInterval: number;
  slashAmount: bigint;
  minBond: bigint;
}

/** The NavOracle (bonds in pUSD, slashes to the FeeCollector, 1 h unbonding); the deployer is a guardian. */
export async function deployOracle(stack: Stack): Promise<Address> {
  const deployer = stack.account('deployer').address;
  const oracle = await stack.deploy('deployer', 'NavOracle', artifact('NavOracle'), [
    at(stack, 'PlazaUSD'),
    at(stack, 'FeeCollector'),
    3600,
    0,
    deployer,
  ]);
  await stack.send('deployer', oracle, abi.oracle, 'grantRole', [role('GUARDIAN_ROLE'), deployer]);
  return oracle;
}

/** One RWA asset (issuer and distributor: the deployer) with its NAV feed, approved reporters and adapter. */
export async function deployAsset(
  stack: Stack,
  oracle: Address,
  options: { symbol: string; name: string; policy: string; reporters: readonly string[]; feed: FeedParams },
): Promise<{ token: Address; adapter: Address; feedId: bigint }> {
  const deployer = stack.account('deployer').address;
  const token = await stack.deploy('deployer', `RwaShareToken_${options.symbol}`, artifact('RwaShareToken'), [
    options.name,
    options.symbol,
    at(stack, 'ComplianceRegistry'),
    policyId(options.policy),
    at(stack, 'PlazaUSD'),
    86_400,
    0,
    deployer,
  ]);
  await stack.send('deployer', token, abi.rwa, 'grantRole', [role('ISSUER_ROLE'), deployer]);
  await stack.send('deployer', token, abi.rwa, 'grantRole', [role('DISTRIBUTOR_ROLE'), deployer]);
  await stack.send('deployer', oracle, abi.oracle, 'createFeed', [
    token,
    `${options.symbol} / pUSD NAV`,
    options.feed,
  ]);
  const feedId = await stack.read<bigint>(oracle, abi.oracle, 'feedCount');
  for (const reporter of options.reporters) {
    await stack.send('deployer', oracle, abi.oracle, 'setReporterApproval', [
      feedId,
      stack.account(reporter).address,
      true,
    ]);
  }
  const adapter = await stack.deploy(
    'deployer',
    `NavFeedAdapter_${options.symbol}`,
    artifact('NavFeedAdapter'),
    [oracle, feedId, 18],
  );
  return { token, adapter, feedId };
}

/** A kinked rate model, the LendingHub (exempt in the registry, components enabled) and the SavingsVault. */
export async function deployLending(
  stack: Stack,
  adapters: readonly Address[],
): Promise<{ hub: Address; vault: Address; rateModel: Address; lltv: bigint }> {
  const deployer = stack.account('deployer').address;
  const rateModel = await stack.deploy('deployer', 'KinkedRateModel', artifact('KinkedRateModel'), [
    0n,
    1_500_000_000n,
    (8n * WAD) / 10n,
    30_000_000_000n,
  ]);
  const hub = await stack.deploy('deployer', 'LendingHub', artifact('LendingHub'), [
    at(stack, 'ComplianceRegistry'),
    at(stack, 'FeeCollector'),
    1000,
    100n * WAD,
    deployer,
  ]);
  await stack.send('deployer', at(stack, 'ComplianceRegistry'), abi.compliance, 'setExempt', [hub, true]);
  const lltv = (8n * WAD) / 10n;
  await stack.send('deployer', hub, abi.hub, 'setRateModelEnabled', [rateModel, true]);
  await stack.send('deployer', hub, abi.hub, 'setLltvEnabled', [lltv, true]);
  for (const adapter of adapters)
    await stack.send('deployer', hub, abi.hub, 'setOracleEnabled', [adapter, true]);
  await stack.send('deployer', hub, abi.hub, 'setRiskManager', [deployer, true]);
  await stack.send('deployer', hub, abi.hub, 'setGuardian', [deployer, true]);
  const vault = await stack.deploy('deployer', 'SavingsVault', artifact('SavingsVault'), [
    hub,
    at(stack, 'PlazaUSD'),
    'Plaza Savings USD',
    'spUSD',
    at(stack, 'FeeCollector'),
    WAD / 10n,
    3600,
    0,
    deployer,
  ]);
  await stack.send('deployer', vault, abi.vault, 'grantRole', [role('CURATOR_ROLE'), deployer]);
  await stack.send('deployer', vault, abi.vault, 'grantRole', [role('INCOME_SOURCE_ROLE'), deployer]);
  return { hub, vault, rateModel, lltv };
}

/** MerchantRegistry, PaymentProcessor (with its LoyaltyPoints implementation), AdvancePool, tier fees, roles. */
export async function deployPayFi(
  stack: Stack,
): Promise<{ registry: Address; processor: Address; pool: Address }> {
  const deployer = stack.account('deployer').address;
  const compliance = at(stack, 'ComplianceRegistry');
  const registry = await stack.deploy('deployer', 'MerchantRegistry', artifact('MerchantRegistry'), [
    compliance,
    policyId('retail'),
    0,
    deployer,
  ]);
  const processor = await stack.deploy('deployer', 'PaymentProcessor', artifact('PaymentProcessor'), [
    at(stack, 'PlazaUSD'),
    registry,
    at(stack, 'FeeCollector'),
  ]);
  await stack.send('deployer', registry, abi.registry, 'setProcessor', [processor]);
  const pool = await stack.deploy('deployer', 'AdvancePool', artifact('AdvancePool'), [
    at(stack, 'PlazaUSD'),
    processor,
    compliance,
    {
      minCreditScore: 600,
      minAdvanceRateBps: 5000,
      maxAdvanceRateBps: 9000,
      discountFeeBps: 100,
      maxDebtPerMerchant: 1_000_000n * WAD,
    },
    0,
    deployer,
  ]);
  await stack.send('deployer', registry, abi.registry, 'setAdvancePool', [pool]);
  const tierFees = [100, 50, 25];
  for (const [tier, fee] of tierFees.entries()) {
    await stack.send('deployer', registry, abi.registry, 'setTierFee', [tier, fee]);
  }
  await stack.send('deployer', registry, abi.registry, 'setReferralShare', [2000]);
  await stack.send('deployer', pool, abi.pool, 'grantRole', [role('RISK_MANAGER_ROLE'), deployer]);
  return { registry, processor, pool };
}

const UNISWAP_CORE = '@uniswap/v3-core/artifacts/contracts';
const UNISWAP_PERIPHERY = '@uniswap/v3-periphery/artifacts/contracts';

/**
 * Uniswap v3 from its official npm artifacts (factory with the 0.01% tier, position manager, the pUSD/USDC pool at
 * parity) and LiquidityIncentives with the FeeCollector allowed to notify it.
 */
export async function deployIncentives(stack: Stack): Promise<{
  factory: Address;
  positionManager: Address;
  pool: Address;
  incentives: Address;
  pusdIsToken0: boolean;
  tick: number;
}> {
  const deployer = stack.account('deployer').address;
  const factoryArt = npmArtifact(`${UNISWAP_CORE}/UniswapV3Factory.sol/UniswapV3Factory.json`);
  const factory = await stack.deploy('deployer', 'UniswapV3Factory', factoryArt);
  await stack.send('deployer', factory, factoryArt.abi, 'enableFeeAmount', [100, 1]);
  const weth = await stack.deploy('deployer', 'WETH9', artifact('WETH9'));
  const npmArt = npmArtifact(
    `${UNISWAP_PERIPHERY}/NonfungiblePositionManager.sol/NonfungiblePositionManager.json`,
  );
  // the token descriptor only renders tokenURI: any address does for the tests
  const positionManager = await stack.deploy('deployer', 'NonfungiblePositionManager', npmArt, [
    factory,
    weth,
    deployer,
  ]);
  const pusd = at(stack, 'PlazaUSD');
  const usdc = at(stack, 'MockUSDC');
  const pusdIsToken0 = BigInt(pusd) < BigInt(usdc);
  const [token0, token1] = pusdIsToken0 ? [pusd, usdc] : [usdc, pusd];
  // one whole token0 = one whole token1: sqrt(10^dec1 · 2^192 / 10^dec0)
  const sqrtPriceX96 = pusdIsToken0 ? 2n ** 96n / 10n ** 6n : 2n ** 96n * 10n ** 6n;
  await stack.send('deployer', positionManager, npmArt.abi, 'createAndInitializePoolIfNecessary', [
    token0,
    token1,
    100,
    sqrtPriceX96,
  ]);
  const pool = await stack.read<Address>(factory, factoryArt.abi, 'getPool', [token0, token1, 100]);
  const poolArt = npmArtifact(`${UNISWAP_CORE}/UniswapV3Pool.sol/UniswapV3Pool.json`);
  const slot0 = await stack.read<readonly [bigint, number]>(pool, poolArt.abi, 'slot0');
  stack.deployment = {
    ...stack.deployment,
    contracts: { ...stack.deployment.contracts, PusdUsdcPool: { address: pool, block: 0 } },
  };
  const incentives = await stack.deploy('deployer', 'LiquidityIncentives', artifact('LiquidityIncentives'), [
    positionManager,
    deployer,
  ]);
  await stack.send('deployer', incentives, abi.incentives, 'setFeeCollector', [at(stack, 'FeeCollector')]);
  return { factory, positionManager, pool, incentives, pusdIsToken0, tick: Number(slot0[1]) };
}

export const uniswap = {
  positionManager: (): Artifact =>
    npmArtifact(`${UNISWAP_PERIPHERY}/NonfungiblePositionManager.sol/NonfungiblePositionManager.json`),
};

/** A flash borrower compiled with solc (the hub's flash loans need a contract that pays back). */
export function flashBorrower(): Artifact {
  const solc = require('solc') as { compile(input: string): string };
  const source = `// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;
interface IERC20 { function approve(address spender, uint256 amount) external returns (bool); }
interface IHub { function flashLoan(address token, uint256 assets, bytes calldata data) external; }
contract FlashBorrower {
    function borrow(address hub, address token, uint256 assets) external { IHub(hub).flashLoan(token, assets, ""); }
    function onFlashLoan(address token, uint256 assets, bytes calldata) external { IERC20(token).approve(msg.sender, assets); }
}`;
  const output = JSON.parse(
    solc.compile(
      JSON.stringify({
        language: 'Solidity',
        sources: { 'FlashBorrower.sol': { content: source } },
        settings: { evmVersion: 'cancun', outputSelection: { '*': { '*': ['abi', 'evm.bytecode.object'] } } },
      }),
    ),
  ) as {
    errors?: { severity: string; formattedMessage: string }[];
    contracts: Record<string, Record<string, { abi: Abi; evm: { bytecode: { object: string } } }>>;
  };
  const errors = (output.errors ?? []).filter((e) => e.severity === 'error');
  if (errors.length) throw new Error(errors.map((e) => e.formattedMessage).join('\n'));
  const c = output.contracts['FlashBorrower.sol']!.FlashBorrower!;
  return { abi: c.abi, bytecode: `0x${c.evm.bytecode.object}` as Hex };
}

export { parseEther };
