// A Plaza world for tests and benchmarks: deploys the modules the deployment script does not deploy yet (oracle and
// RWA assets, lending and savings, PayFi, Uniswap v3 and incentives) from the forge artifacts of contracts/out,
// wired as contracts/README.md says, on any chain a `WorldChain` drives. Each function records its contracts in the
// chain's address book under the names Deploy.s.sol uses (`NavOracle`, `RwaShareToken_<SYMBOL>`, `LendingHub`, …),
// so the manifest (prepareSubgraph) finds them. When the deployment script deploys every module, this shrinks to
// the funding helpers.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import {
  advancePoolAbi,
  complianceRegistryAbi,
  feeCollectorAbi,
  lendingHubAbi,
  liquidityIncentivesAbi,
  merchantRegistryAbi,
  mockUsdcAbi,
  navOracleAbi,
  pegStabilityModuleAbi,
  plazaUsdAbi,
  rwaShareTokenAbi,
  savingsVaultAbi,
  type Deployment,
} from '@plaza/abi';
import { keccak256, toHex, type Abi, type Address, type Hex } from 'viem';

const require = createRequire(import.meta.url);
// contracts/out and the Uniswap v3 npm artifacts that @plaza/contracts depends on
const contractsRequire = createRequire(require.resolve('@plaza/contracts/package.json'));
const role = (name: string) => keccak256(toHex(name));

export const WAD = 10n ** 18n;
export const MAX_UINT256 = 2n ** 256n - 1n;

/** A compiled contract. */
export interface Artifact {
  readonly abi: Abi;
  readonly bytecode: Hex;
}

/**
 * What the world needs from a chain: the address book it extends, accounts by name (the devnet's: `deployer`,
 * `alice`, … `account12`), and deploy/send/read as a named account.
 */
export interface WorldChain {
  deployment: Deployment;
  account(name: string): { readonly address: Address };
  deploy(from: string, name: string, art: Artifact, args?: readonly unknown[]): Promise<Address>;
  send(
    from: string,
    address: Address,
    abi: Abi,
    functionName: string,
    args?: readonly unknown[],
  ): Promise<unknown>;
  read<T>(address: Address, abi: Abi, functionName: string, args?: readonly unknown[]): Promise<T>;
}

/** The forge artifact of `contracts/src/**\/<file>.sol:<name>` (or of a test utility, e.g. WETH9). */
export function artifact(name: string, file = name): Artifact {
  const json = JSON.parse(
    readFileSync(contractsRequire.resolve(`@plaza/contracts/out/${file}.sol/${name}.json`), 'utf8'),
  ) as {
    abi: Abi;
    bytecode: { object: Hex };
  };
  return { abi: json.abi, bytecode: json.bytecode.object };
}

/** A hardhat artifact of Uniswap v3's official npm packages. */
export function npmArtifact(path: string): Artifact {
  const json = JSON.parse(readFileSync(contractsRequire.resolve(path), 'utf8')) as {
    abi: Abi;
    bytecode: Hex;
  };
  return { abi: json.abi, bytecode: json.bytecode };
}

/** A named compliance policy's id (`keccak256(name)`, as the deployment config and the SDK name them). */
export function policyId(name: string): Hex {
  return keccak256(toHex(name));
}

/** Address of a contract of the chain's address book. */
export function at(chain: WorldChain, name: string): Address {
  const contract = chain.deployment.contracts[name];
  if (!contract) throw new Error(`no ${name} in the address book`);
  return contract.address;
}

export const abi = {
  compliance: complianceRegistryAbi as Abi,
  fees: feeCollectorAbi as Abi,
  pusd: plazaUsdAbi as Abi,
  usdc: mockUsdcAbi as Abi,
  psm: pegStabilityModuleAbi as Abi,
  oracle: navOracleAbi as Abi,
  rwa: rwaShareTokenAbi as Abi,
  hub: lendingHubAbi as Abi,
  vault: savingsVaultAbi as Abi,
  registry: merchantRegistryAbi as Abi,
  pool: advancePoolAbi as Abi,
  incentives: liquidityIncentivesAbi as Abi,
};

/** A KYC record for `name` written by the deployer (the devnet's attester). */
export async function kyc(
  chain: WorldChain,
  name: string,
  record: { jurisdiction?: string; kycLevel?: number; creditScore?: number; expiry: bigint },
): Promise<void> {
  await chain.send('deployer', at(chain, 'ComplianceRegistry'), abi.compliance, 'setRecord', [
    chain.account(name).address,
    {
      kycLevel: record.kycLevel ?? 2,
      jurisdiction: toHex(record.jurisdiction ?? 'US'),
      expiry: record.expiry,
      creditScore: record.creditScore ?? 750,
      blocked: false,
    },
  ]);
}

/** pUSD for `name`: MockUSDC from its faucet, sold to the PSM. */
export async function fund(chain: WorldChain, name: string, usdc: bigint): Promise<void> {
  const address = chain.account(name).address;
  await chain.send(name, at(chain, 'MockUSDC'), abi.usdc, 'mint', [address, usdc]);
  await approve(chain, name, at(chain, 'MockUSDC'), at(chain, 'PegStabilityModule'));
  await chain.send(name, at(chain, 'PegStabilityModule'), abi.psm, 'sellGem', [address, usdc]);
}

export async function approve(
  chain: WorldChain,
  from: string,
  token: Address,
  spender: Address,
  amount = MAX_UINT256,
) {
  await chain.send(from, token, abi.pusd, 'approve', [spender, amount]);
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
export async function deployOracle(chain: WorldChain): Promise<Address> {
  const deployer = chain.account('deployer').address;
  const oracle = await chain.deploy('deployer', 'NavOracle', artifact('NavOracle'), [
    at(chain, 'PlazaUSD'),
    at(chain, 'FeeCollector'),
    3600,
    0,
    deployer,
  ]);
  await chain.send('deployer', oracle, abi.oracle, 'grantRole', [role('GUARDIAN_ROLE'), deployer]);
  return oracle;
}

/** One RWA asset (issuer and distributor: the deployer) with its NAV feed, approved reporters and adapter. */
export async function deployAsset(
  chain: WorldChain,
  oracle: Address,
  options: { symbol: string; name: string; policy: string; reporters: readonly string[]; feed: FeedParams },
): Promise<{ token: Address; adapter: Address; feedId: bigint }> {
  const deployer = chain.account('deployer').address;
  const token = await chain.deploy('deployer', `RwaShareToken_${options.symbol}`, artifact('RwaShareToken'), [
    options.name,
    options.symbol,
    at(chain, 'ComplianceRegistry'),
    policyId(options.policy),
    at(chain, 'PlazaUSD'),
    86_400,
    0,
    deployer,
  ]);
  await chain.send('deployer', token, abi.rwa, 'grantRole', [role('ISSUER_ROLE'), deployer]);
  await chain.send('deployer', token, abi.rwa, 'grantRole', [role('DISTRIBUTOR_ROLE'), deployer]);
  await chain.send('deployer', oracle, abi.oracle, 'createFeed', [
    token,
    `${options.symbol} / pUSD NAV`,
    options.feed,
  ]);
  const feedId = await chain.read<bigint>(oracle, abi.oracle, 'feedCount');
  for (const reporter of options.reporters) {
    await chain.send('deployer', oracle, abi.oracle, 'setReporterApproval', [
      feedId,
      chain.account(reporter).address,
      true,
    ]);
  }
  const adapter = await chain.deploy(
    'deployer',
    `NavFeedAdapter_${options.symbol}`,
    artifact('NavFeedAdapter'),
    [oracle, feedId, 18],
  );
  return { token, adapter, feedId };
}

/** A kinked rate model, the LendingHub (exempt in the registry, components enabled) and the SavingsVault. */
export async function deployLending(
  chain: WorldChain,
  adapters: readonly Address[],
): Promise<{ hub: Address; vault: Address; rateModel: Address; lltv: bigint }> {
  const deployer = chain.account('deployer').address;
  const rateModel = await chain.deploy('deployer', 'KinkedRateModel', artifact('KinkedRateModel'), [
    0n,
    1_500_000_000n,
    (8n * WAD) / 10n,
    30_000_000_000n,
  ]);
  const hub = await chain.deploy('deployer', 'LendingHub', artifact('LendingHub'), [
    at(chain, 'ComplianceRegistry'),
    at(chain, 'FeeCollector'),
    1000,
    100n * WAD,
    deployer,
  ]);
  await chain.send('deployer', at(chain, 'ComplianceRegistry'), abi.compliance, 'setExempt', [hub, true]);
  const lltv = (8n * WAD) / 10n;
  await chain.send('deployer', hub, abi.hub, 'setRateModelEnabled', [rateModel, true]);
  await chain.send('deployer', hub, abi.hub, 'setLltvEnabled', [lltv, true]);
  for (const adapter of adapters)
    await chain.send('deployer', hub, abi.hub, 'setOracleEnabled', [adapter, true]);
  await chain.send('deployer', hub, abi.hub, 'setRiskManager', [deployer, true]);
  await chain.send('deployer', hub, abi.hub, 'setGuardian', [deployer, true]);
  const vault = await chain.deploy('deployer', 'SavingsVault', artifact('SavingsVault'), [
    hub,
    at(chain, 'PlazaUSD'),
    'Plaza Savings USD',
    'spUSD',
    at(chain, 'FeeCollector'),
    WAD / 10n,
    3600,
    0,
    deployer,
  ]);
  await chain.send('deployer', vault, abi.vault, 'grantRole', [role('CURATOR_ROLE'), deployer]);
  await chain.send('deployer', vault, abi.vault, 'grantRole', [role('INCOME_SOURCE_ROLE'), deployer]);
  return { hub, vault, rateModel, lltv };
}

/** MerchantRegistry, PaymentProcessor (with its LoyaltyPoints implementation), AdvancePool, tier fees, roles. */
export async function deployPayFi(
  chain: WorldChain,
): Promise<{ registry: Address; processor: Address; pool: Address }> {
  const deployer = chain.account('deployer').address;
  const compliance = at(chain, 'ComplianceRegistry');
  const registry = await chain.deploy('deployer', 'MerchantRegistry', artifact('MerchantRegistry'), [
    compliance,
    policyId('retail'),
    0,
    deployer,
  ]);
  const processor = await chain.deploy('deployer', 'PaymentProcessor', artifact('PaymentProcessor'), [
    at(chain, 'PlazaUSD'),
    registry,
    at(chain, 'FeeCollector'),
  ]);
  await chain.send('deployer', registry, abi.registry, 'setProcessor', [processor]);
  const pool = await chain.deploy('deployer', 'AdvancePool', artifact('AdvancePool'), [
    at(chain, 'PlazaUSD'),
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
  await chain.send('deployer', registry, abi.registry, 'setAdvancePool', [pool]);
  const tierFees = [100, 50, 25];
  for (const [tier, fee] of tierFees.entries()) {
    await chain.send('deployer', registry, abi.registry, 'setTierFee', [tier, fee]);
  }
  await chain.send('deployer', registry, abi.registry, 'setReferralShare', [2000]);
  await chain.send('deployer', pool, abi.pool, 'grantRole', [role('RISK_MANAGER_ROLE'), deployer]);
  return { registry, processor, pool };
}

const UNISWAP_CORE = '@uniswap/v3-core/artifacts/contracts';
const UNISWAP_PERIPHERY = '@uniswap/v3-periphery/artifacts/contracts';

/**
 * Uniswap v3 from its official npm artifacts (factory with the 0.01% tier, position manager, the pUSD/USDC pool at
 * parity) and LiquidityIncentives with the FeeCollector allowed to notify it.
 */
export async function deployIncentives(chain: WorldChain): Promise<{
  factory: Address;
  positionManager: Address;
  pool: Address;
  incentives: Address;
  pusdIsToken0: boolean;
  tick: number;
}> {
  const deployer = chain.account('deployer').address;
  const factoryArt = npmArtifact(`${UNISWAP_CORE}/UniswapV3Factory.sol/UniswapV3Factory.json`);
  const factory = await chain.deploy('deployer', 'UniswapV3Factory', factoryArt);
  await chain.send('deployer', factory, factoryArt.abi, 'enableFeeAmount', [100, 1]);
  const weth = await chain.deploy('deployer', 'WETH9', artifact('WETH9'));
  const npmArt = npmArtifact(
    `${UNISWAP_PERIPHERY}/NonfungiblePositionManager.sol/NonfungiblePositionManager.json`,
  );
  // the token descriptor only renders tokenURI: any address does for the tests
  const positionManager = await chain.deploy('deployer', 'NonfungiblePositionManager', npmArt, [
    factory,
    weth,
    deployer,
  ]);
  const pusd = at(chain, 'PlazaUSD');
  const usdc = at(chain, 'MockUSDC');
  const pusdIsToken0 = BigInt(pusd) < BigInt(usdc);
  const [token0, token1] = pusdIsToken0 ? [pusd, usdc] : [usdc, pusd];
  // one whole token0 = one whole token1: sqrt(10^dec1 · 2^192 / 10^dec0)
  const sqrtPriceX96 = pusdIsToken0 ? 2n ** 96n / 10n ** 6n : 2n ** 96n * 10n ** 6n;
  await chain.send('deployer', positionManager, npmArt.abi, 'createAndInitializePoolIfNecessary', [
    token0,
    token1,
    100,
    sqrtPriceX96,
  ]);
  const pool = await chain.read<Address>(factory, factoryArt.abi, 'getPool', [token0, token1, 100]);
  const poolArt = npmArtifact(`${UNISWAP_CORE}/UniswapV3Pool.sol/UniswapV3Pool.json`);
  const slot0 = await chain.read<readonly [bigint, number]>(pool, poolArt.abi, 'slot0');
  chain.deployment = {
    ...chain.deployment,
    contracts: { ...chain.deployment.contracts, PusdUsdcPool: { address: pool, block: 0 } },
  };
  const incentives = await chain.deploy('deployer', 'LiquidityIncentives', artifact('LiquidityIncentives'), [
    positionManager,
    deployer,
  ]);
  await chain.send('deployer', incentives, abi.incentives, 'setFeeCollector', [at(chain, 'FeeCollector')]);
  return { factory, positionManager, pool, incentives, pusdIsToken0, tick: Number(slot0[1]) };
}

export const uniswap = {
  positionManager: (): Artifact =>
    npmArtifact(`${UNISWAP_PERIPHERY}/NonfungiblePositionManager.sol/NonfungiblePositionManager.json`),
};
