// A generated Plaza chain for the benchmark: anvil, the real deployment script (pUSD, PSM, compliance, fees), the
// other modules from @plaza/subgraph/world (oracle and an RWA asset, lending and savings, PayFi, Uniswap v3 and
// incentives), then a driver contract that emits the bulk of the events in batches — pUSD transfers to 500
// holders, direct payments at a merchant with a loyalty program (a LoyaltyPoints clone: the data source template),
// and supply/withdraw pairs in a lending market — with the clock moved two hours between batches so the daily and
// hourly snapshots fill. The Plaza subgraph (subgraph/build) is prepared for the resulting address book.
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { loyaltyPointsAbi, paymentProcessorAbi, parseDeployment, type Deployment } from '@plaza/abi';
import { deployPlaza } from '@plaza/contracts/tools/deploy';
import { freePort, startAnvil, type Anvil } from '@plaza/contracts/tools/foundry';
import { prepareSubgraph } from '@plaza/subgraph';
import {
  WAD,
  MAX_UINT256,
  abi,
  approve,
  at,
  deployAsset,
  deployIncentives,
  deployLending,
  deployOracle,
  deployPayFi,
  fund,
  kyc,
  policyId,
  uniswap,
  type Artifact,
  type WorldChain,
} from '@plaza/subgraph/world';
import {
  createPublicClient,
  createTestClient,
  createWalletClient,
  decodeEventLog,
  encodeAbiParameters,
  http,
  keccak256,
  type Abi,
  type Address,
  type Hex,
  type PublicClient,
} from 'viem';
import { mnemonicToAccount } from 'viem/accounts';
import { foundry } from 'viem/chains';

const require = createRequire(import.meta.url);
const MNEMONIC = 'test test test test test test test test test test test junk';
const NAMES = [
  'deployer',
  'alice',
  'bob',
  'carol',
  'dave',
  'erin',
  'mallory',
  'relayer',
  'reserve',
  'treasury',
];
const nameIndex = (name: string) =>
  NAMES.includes(name) ? NAMES.indexOf(name) : Number(name.replace('account', ''));

/** The generated chain: where it runs, what the subgraph indexes, and who the dApp queries are about. */
export interface PlazaChain {
  readonly rpcUrl: string;
  readonly head: number;
  readonly buildDir: string;
  readonly deployment: Deployment;
  /** Contracts whose logs the subgraph handles (data sources and the loyalty clone). */
  readonly addresses: readonly Address[];
  /** Every ABI of those contracts, for the viem baseline. */
  readonly abis: readonly Abi[];
  readonly context: { merchant: Address; owner: Address; account: Address; pool: Address; driver: Address };
  stop(): Promise<void>;
}

const DRIVER_SOURCE = `// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;
interface IERC20 { function transfer(address, uint256) external returns (bool); function approve(address, uint256) external returns (bool); }
struct PaymentInfo { address payer; address merchant; address token; uint256 amount; uint256 pointsRedeemed; bytes32 orderRef;
  uint48 authorizationExpiry; uint48 refundExpiry; uint16 minFeeBps; uint16 maxFeeBps; address referrer; bool autoCapture; uint256 salt; }
interface IProcessor { function pay(PaymentInfo calldata p) external returns (bytes32); }
struct MarketParams { address loanToken; address collateralToken; address oracle; address rateModel; uint256 lltv; bytes32 policyId; }
interface IHub {
  function supply(MarketParams calldata p, uint256 assets, uint256 shares, address onBehalf) external returns (uint256, uint256);
  function withdraw(MarketParams calldata p, uint256 assets, uint256 shares, address onBehalf, address receiver) external returns (uint256, uint256);
}
contract PlazaBenchDriver {
  function approve(address token, address spender) external { IERC20(token).approve(spender, type(uint256).max); }
  function transfers(address token, uint256 n, uint256 first) external {
    for (uint256 i; i < n; ++i) IERC20(token).transfer(address(uint160(0x10000 + (first + i) % 500)), 1e18);
  }
  function payments(address processor, address merchant, address token, uint256 n, uint256 first) external {
    for (uint256 i; i < n; ++i) {
      uint256 k = first + i;
      IProcessor(processor).pay(PaymentInfo(address(this), merchant, token, 10e18 + (k % 1000) * 1e15, 0, ref(k),
        uint48(block.timestamp + 1 days), uint48(block.timestamp + 30 days), 0, 1000, address(0), true, k));
    }
  }
  function lend(address hub, MarketParams calldata p, uint256 n) external {
    for (uint256 i; i < n; ++i) {
      IHub(hub).supply(p, 100e18, 0, address(this));
      IHub(hub).withdraw(p, 50e18, 0, address(this), address(this));
    }
  }
  /// "ORD-<k>" as a zero-padded bytes32
  function ref(uint256 k) public pure returns (bytes32 r) {
    bytes memory digits = new bytes(0);
    do { digits = abi.encodePacked(bytes1(uint8(48 + k % 10)), digits); k /= 10; } while (k != 0);
    bytes memory s = abi.encodePacked("ORD-", digits);
    assembly { r := mload(add(s, 32)) }
  }
}`;

function compileDriver(): Artifact {
  const solc = require('solc') as { compile(input: string): string };
  const output = JSON.parse(
    solc.compile(
      JSON.stringify({
        language: 'Solidity',
        sources: { 'Driver.sol': { content: DRIVER_SOURCE } },
        settings: {
          optimizer: { enabled: true, runs: 200 },
          evmVersion: 'cancun',
          outputSelection: { '*': { '*': ['abi', 'evm.bytecode.object'] } },
        },
      }),
    ),
  ) as {
    errors?: { severity: string; formattedMessage: string }[];
    contracts: Record<string, Record<string, { abi: Abi; evm: { bytecode: { object: string } } }>>;
  };
  const errors = (output.errors ?? []).filter((e) => e.severity === 'error');
  if (errors.length) throw new Error(errors.map((e) => e.formattedMessage).join('\n'));
  const c = output.contracts['Driver.sol']!.PlazaBenchDriver!;
  return { abi: c.abi, bytecode: `0x${c.evm.bytecode.object}` as Hex };
}

/** Generates the chain (about `events` events in total) and prepares the subgraph for it under `dir`. */
export async function generatePlazaChain(options: {
  events: number;
  dir: string;
  log: (line: string) => void;
}): Promise<PlazaChain> {
  const anvil: Anvil = await startAnvil({
    port: await freePort(),
    args: ['--accounts', '20', '--mnemonic', MNEMONIC, '--gas-limit', '300000000'],
  });
  try {
    const transport = http(anvil.rpcUrl, { retryCount: 0 });
    const publicClient = createPublicClient({
      chain: foundry,
      transport,
      pollingInterval: 20,
    }) as PublicClient;
    const testClient = createTestClient({ chain: foundry, transport, mode: 'anvil' });
    const account = (name: string) => mnemonicToAccount(MNEMONIC, { addressIndex: nameIndex(name) });
    const wallet = (name: string) =>
      createWalletClient({ chain: foundry, transport, account: account(name) });
    const deployerKey = `0x${Buffer.from(account('deployer').getHdKey().privateKey!).toString('hex')}` as Hex;
    const result = await deployPlaza({
      rpcUrl: anvil.rpcUrl,
      privateKey: deployerKey,
      network: 'anvil',
      outputPath: join(options.dir, 'deployment.json'),
    });
    const chain: WorldChain = {
      deployment: parseDeployment(result.deployment),
      account,
      async deploy(from, name, art, args = []) {
        const hash = await wallet(from).deployContract({ abi: art.abi, bytecode: art.bytecode, args });
        const receipt = await publicClient.waitForTransactionReceipt({ hash });
        if (!receipt.contractAddress) throw new Error(`deploying ${name} failed`);
        chain.deployment = {
          ...chain.deployment,
          contracts: {
            ...chain.deployment.contracts,
            [name]: { address: receipt.contractAddress, block: Number(receipt.blockNumber) },
          },
        };
        return receipt.contractAddress;
      },
      async send(from, address, contractAbi, functionName, args = []) {
        const { request } = await publicClient.simulateContract({
          account: account(from),
          address,
          abi: contractAbi,
          functionName,
          args,
        });
        const hash = await wallet(from).writeContract({ ...request, gas: 250_000_000n });
        const receipt = await publicClient.waitForTransactionReceipt({ hash });
        if (receipt.status !== 'success') throw new Error(`${functionName} reverted`);
        return receipt;
      },
      read: async <T>(
        address: Address,
        contractAbi: Abi,
        functionName: string,
        args: readonly unknown[] = [],
      ) => (await publicClient.readContract({ address, abi: contractAbi, functionName, args })) as T,
    };
    const advance = async (seconds: number) => {
      await testClient.increaseTime({ seconds });
      await testClient.mine({ blocks: 1 });
    };

    // ── the world: modules, users, an oracle answer, a market with a borrower, a merchant, LP stakes
    const expiry = (await publicClient.getBlock()).timestamp + 365n * 86_400n;
    for (const [name, credit] of [
      ['alice', 700],
      ['bob', 700],
      ['carol', 800],
      ['account10', 700],
      ['account11', 700],
      ['account12', 700],
    ] as const) {
      await kyc(chain, name, { creditScore: credit, expiry });
    }
    for (const name of ['alice', 'bob', 'account10', 'account11', 'account12']) {
      await fund(chain, name, 200_000_000000n);
    }
    await fund(chain, 'deployer', 500_000_000000n);
    const reporters = ['account10', 'account11', 'account12'];
    const oracle = await deployOracle(chain);
    const hrbr = await deployAsset(chain, oracle, {
      symbol: 'HRBR',
      name: 'Harbor Point Commercial Property',
      policy: 'retail',
      reporters,
      feed: {
        quorum: 3,
        maxMoveBps: 500,
        toleranceBps: 200,
        jailThreshold: 3,
        heartbeat: 365 * 86_400,
        roundTimeout: 3600,
        minRoundInterval: 0,
        slashAmount: 10n * WAD,
        minBond: 100n * WAD,
      },
    });
    const lending = await deployLending(chain, [hrbr.adapter]);
    const payfi = await deployPayFi(chain);
    const uni = await deployIncentives(chain);
    const pusd = at(chain, 'PlazaUSD');
    const driverArt = compileDriver();
    const driver = await chain.deploy('deployer', 'PlazaBenchDriver', driverArt);

    for (const reporter of reporters) {
      await approve(chain, reporter, pusd, oracle);
      await chain.send(reporter, oracle, abi.oracle, 'register', [hrbr.feedId, 200n * WAD]);
      await chain.send(reporter, oracle, abi.oracle, 'submit', [hrbr.feedId, 1n, 100n * WAD]);
    }
    await chain.send('deployer', oracle, abi.oracle, 'confirmAnswer', [hrbr.feedId]);
    const params = {
      loanToken: pusd,
      collateralToken: hrbr.token,
      oracle: hrbr.adapter,
      rateModel: lending.rateModel,
      lltv: lending.lltv,
      policyId: policyId('retail'),
    };
    await chain.send('alice', lending.hub, abi.hub, 'createMarket', [params]);
    await chain.send('deployer', hrbr.token, abi.rwa, 'mint', [account('alice').address, 1000n * WAD]);
    await approve(chain, 'alice', hrbr.token, lending.hub);
    await approve(chain, 'bob', pusd, lending.hub);
    await chain.send('bob', lending.hub, abi.hub, 'supply', [
      params,
      100_000n * WAD,
      0n,
      account('bob').address,
    ]);
    await chain.send('alice', lending.hub, abi.hub, 'supplyCollateral', [
      params,
      1000n * WAD,
      account('alice').address,
    ]);
    await chain.send('alice', lending.hub, abi.hub, 'borrow', [
      params,
      40_000n * WAD,
      0n,
      account('alice').address,
      account('alice').address,
    ]);
    const carol = account('carol').address;
    await chain.send('carol', payfi.registry, abi.registry, 'register', [carol, 0, `0x${'0'.repeat(64)}`]);
    await chain.send('carol', payfi.registry, abi.registry, 'createLoyaltyProgram', [
      'Carol Coffee Points',
      'CCP',
      10_000,
      WAD / 100n,
      0,
    ]);
    const program = await chain.read<Address>(
      payfi.processor,
      paymentProcessorAbi as Abi,
      'loyaltyProgramOf',
      [carol],
    );
    // LP positions staked in a fixed program and the stream
    const now = Number((await publicClient.getBlock()).timestamp);
    const key = {
      rewardToken: pusd,
      pool: uni.pool,
      refundee: account('deployer').address,
      startTime: now + 10,
      endTime: now + 10 + 90 * 86_400,
      tickLower: uni.tick - 50,
      tickUpper: uni.tick + 50,
      rate: WAD / 1000n,
    };
    await approve(chain, 'deployer', pusd, uni.incentives);
    await chain.send('deployer', uni.incentives, abi.incentives, 'createProgram', [key]);
    await chain.send('deployer', uni.incentives, abi.incentives, 'createStream', [
      { ...key, startTime: now, endTime: 0 },
    ]);
    await advance(20);
    const npm = uniswap.positionManager();
    const keyType = [
      {
        type: 'tuple[]',
        components: [
          { name: 'rewardToken', type: 'address' },
          { name: 'pool', type: 'address' },
          { name: 'refundee', type: 'address' },
          { name: 'startTime', type: 'uint32' },
          { name: 'endTime', type: 'uint32' },
          { name: 'tickLower', type: 'int24' },
          { name: 'tickUpper', type: 'int24' },
          { name: 'rate', type: 'uint96' },
        ],
      },
    ] as const;
    for (const [i, owner] of ['alice', 'bob'].entries()) {
      const usdc = at(chain, 'MockUSDC');
      await chain.send(owner, usdc, abi.usdc, 'mint', [account(owner).address, 100_000_000000n]);
      await approve(chain, owner, pusd, uni.positionManager);
      await approve(chain, owner, usdc, uni.positionManager);
      const [token0, token1] = uni.pusdIsToken0 ? [pusd, usdc] : [usdc, pusd];
      const [amount0, amount1] = uni.pusdIsToken0
        ? [10_000n * WAD, 10_000_000000n]
        : [10_000_000000n, 10_000n * WAD];
      await chain.send(owner, uni.positionManager, npm.abi, 'mint', [
        {
          token0,
          token1,
          fee: 100,
          tickLower: uni.tick - 10 - i,
          tickUpper: uni.tick + 10 + i,
          amount0Desired: amount0,
          amount1Desired: amount1,
          amount0Min: 0n,
          amount1Min: 0n,
          recipient: account(owner).address,
          deadline: MAX_UINT256,
        },
      ]);
      const tokenId = await chain.read<bigint>(uni.positionManager, npm.abi, 'tokenOfOwnerByIndex', [
        account(owner).address,
        0n,
      ]);
      await chain.send(owner, uni.positionManager, npm.abi, 'safeTransferFrom', [
        account(owner).address,
        uni.incentives,
        tokenId,
        encodeAbiParameters(keyType, [[key, { ...key, startTime: now, endTime: 0 }]]),
      ]);
    }

    // ── the bulk: the driver's batches, two hours apart
    await chain.send('deployer', pusd, abi.pusd, 'transfer', [driver, 450_000n * WAD]);
    await chain.send('deployer', driver, driverArt.abi, 'approve', [pusd, payfi.processor]);
    await chain.send('deployer', driver, driverArt.abi, 'approve', [pusd, lending.hub]);
    const setup = Number(await publicClient.getBlockNumber());
    const target = Math.max(0, options.events);
    // events per iteration: transfer 1; payment 3 (pUSD in, PaymentPaid, points minted); lend pair ~4
    const plan = {
      transfers: Math.ceil((target * 0.4) / 1),
      payments: Math.ceil((target * 0.4) / 3),
      lends: Math.ceil((target * 0.2) / 4),
    };
    const batch = { transfers: 400, payments: 150, lends: 100 };
    const done = { transfers: 0, payments: 0, lends: 0 };
    let batches = 0;
    while (done.transfers < plan.transfers || done.payments < plan.payments || done.lends < plan.lends) {
      if (done.transfers < plan.transfers) {
        const n = Math.min(batch.transfers, plan.transfers - done.transfers);
        await chain.send('deployer', driver, driverArt.abi, 'transfers', [
          pusd,
          BigInt(n),
          BigInt(done.transfers),
        ]);
        done.transfers += n;
      }
      if (done.payments < plan.payments) {
        const n = Math.min(batch.payments, plan.payments - done.payments);
        await chain.send('deployer', driver, driverArt.abi, 'payments', [
          payfi.processor,
          carol,
          pusd,
          BigInt(n),
          BigInt(done.payments + 1),
        ]);
        done.payments += n;
      }
      if (done.lends < plan.lends) {
        const n = Math.min(batch.lends, plan.lends - done.lends);
        await chain.send('deployer', driver, driverArt.abi, 'lend', [lending.hub, params, BigInt(n)]);
        done.lends += n;
      }
      await advance(7200);
      if (++batches % 10 === 0) options.log(`  … ${batches} batches`);
    }
    const head = Number(await publicClient.getBlockNumber());
    options.log(
      `  ${done.transfers} pUSD transfers, ${done.payments} payments, ${done.lends} supply/withdraw pairs in ${head - setup} blocks after ${setup} blocks of setup`,
    );

    const prepared = prepareSubgraph({ deployment: chain.deployment, outDir: join(options.dir, 'subgraph') });
    const addresses = [
      ...prepared.dataSources.flatMap((d) => (d.address ? [d.address as Address] : [])),
      program.toLowerCase() as Address,
    ];
    const abis = [
      ...new Set(
        [
          abi.pusd,
          abi.compliance,
          abi.psm,
          abi.fees,
          abi.oracle,
          abi.rwa,
          abi.hub,
          abi.vault,
          abi.registry,
          paymentProcessorAbi as Abi,
          abi.pool,
          abi.incentives,
          loyaltyPointsAbi as Abi,
        ].map((a) => a),
      ),
    ];
    return {
      rpcUrl: anvil.rpcUrl,
      head,
      buildDir: prepared.dir,
      deployment: chain.deployment,
      addresses,
      abis,
      context: {
        merchant: carol,
        owner: account('bob').address,
        account: account('alice').address,
        pool: uni.pool,
        driver,
      },
      stop: () => anvil.stop(),
    };
  } catch (error) {
    await anvil.stop();
    throw error;
  }
}

/** Decodes logs with whichever of `abis` declares their topic0 (what the baseline does with viem). */
export function eventDecoder(abis: readonly Abi[]): (log: { topics: readonly Hex[]; data: Hex }) => boolean {
  const byTopic = new Map<string, Abi>();
  for (const a of abis) {
    for (const item of a) {
      if (item.type !== 'event') continue;
      const signature = `${item.name}(${item.inputs.map((i) => formatType(i)).join(',')})`;
      byTopic.set(keccak256(Buffer.from(signature)), a);
    }
  }
  return (log) => {
    const found = byTopic.get(log.topics[0] ?? '');
    if (!found) return false;
    decodeEventLog({ abi: found, topics: log.topics as [Hex, ...Hex[]], data: log.data });
    return true;
  };
}

function formatType(param: { type: string; components?: readonly { type: string }[] }): string {
  if (param.type.startsWith('tuple')) {
    return `(${(param.components ?? []).map((c) => formatType(c)).join(',')})${param.type.slice(5)}`;
  }
  return param.type;
}
