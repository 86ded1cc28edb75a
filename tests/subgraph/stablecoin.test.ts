// The devnet's demo world (startDevnet's seed: KYC, faucet, PSM swaps, gasless pUSD payments, the fee split)
// indexed by @plaza/indexer without errors, then more of pUSD, the PSM, compliance and the FeeCollector through
// the SDK (and viem for admin calls): balances, supply, minters, authorizations, the blocklist, pauses, policies —
// and the daily and hourly series, read through GraphQL and through the SDK client.
import { pegStabilityModuleAbi } from '@plaza/abi';
import { parsePusd, parseUsdc, policyId, randomAuthorizationNonce, subgraphQueries } from '@plaza/sdk';
import { buildClientSchema, getIntrospectionQuery, parse, validate, type IntrospectionQuery } from 'graphql';
import { erc20Abi, toHex, type Abi, type Address } from 'viem';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { coverage, expectEntities } from './support/coverage.js';
import { startStack, type Stack } from './support/stack.js';
import { WAD, abi, at } from './support/world.js';

const psmAbi = pegStabilityModuleAbi as Abi;
const day = (timestamp: bigint) => Number(timestamp / 86_400n);

let stack: Stack;
let pusd: Address;
let psm: Address;
let registry: Address;
let startDay: number;
/** pUSD the last day's fee distribution moved out of Plaza contracts (to the EOA recipients). */
let distributedOut: bigint;

beforeAll(async () => {
  stack = await startStack({ demo: true });
  pusd = at(stack, 'PlazaUSD');
  psm = at(stack, 'PegStabilityModule');
  registry = at(stack, 'ComplianceRegistry');
  await stack.startIndexer();
  startDay = day((await stack.publicClient.getBlock()).timestamp);
}, 240_000);

afterAll(async () => {
  await stack?.stop();
});

describe('the demo world', () => {
  it('indexes without errors, and the protocol figures equal the contracts', async () => {
    const { _meta, protocol, contracts } = await stack.query<{
      _meta: { hasIndexingErrors: boolean; block: { number: number } };
      protocol: Record<string, string | number>;
      contracts: { id: Address }[];
    }>(
      `{ _meta { hasIndexingErrors block { number } }
         protocol(id: "plaza") { pusdSupply pusdHolders psmReserves psmMinted tvl tvlPsm lendingCollateralValue
                                 protocolFees accountCount }
         contracts(first: 1000) { id } }`,
    );
    expect(_meta.hasIndexingErrors).toBe(false);
    expect(_meta.block.number).toBe(Number(await stack.publicClient.getBlockNumber()));
    const alice = stack.devnet.plaza('alice');
    const state = await alice.psm.state();
    expect(protocol).toMatchObject({
      pusdSupply: (await alice.pusd.totalSupply()).toString(),
      psmReserves: state.reserves.toString(),
      psmMinted: state.minted.toString(),
    });
    // value locked: the PSM's USDC at 1:1, the pUSD every Plaza contract holds (read on-chain) and the collateral
    let held = 0n;
    for (const { id } of contracts) held += await stack.read<bigint>(pusd, erc20Abi, 'balanceOf', [id]);
    expect(held).toBeGreaterThan(0n); // oracle bonds, escrowed payments, the advance pool, points reserves, …
    expect(BigInt(protocol.tvl as string)).toBe(
      state.reserves * 10n ** 12n + held + BigInt(protocol.lendingCollateralValue as string),
    );
    expect(BigInt(protocol.protocolFees as string)).toBeGreaterThan(0n);
  });

  it('keeps every pUSD balance equal to balanceOf and counts the holders', async () => {
    const { token } = await stack.query<{
      token: {
        totalSupply: string;
        holderCount: number;
        balances: { account: { id: Address }; balance: string }[];
      };
    }>(
      `query($id: ID!) { token(id: $id) { totalSupply holderCount balances(first: 1000) { account { id } balance } } }`,
      { id: pusd.toLowerCase() },
    );
    const client = stack.devnet.plaza();
    let holders = 0;
    for (const b of token.balances) {
      expect(b.balance, b.account.id).toBe((await client.pusd.balanceOf(b.account.id)).toString());
      if (b.balance !== '0') holders++;
    }
    expect(token.holderCount).toBe(holders);
    expect(token.totalSupply).toBe((await client.pusd.totalSupply()).toString());
  });

  it('records the seed: swaps, the gasless payment, the KYC records, the sanctions and the fee split', async () => {
    const data = await stack.query<Record<string, Record<string, unknown>[]>>(
      `{ psmSwaps(orderBy: blockNumber) { kind gemAmount fee }
         transferAuthorizations { authorizer state }
         complianceRecords(orderBy: id) { account { id } jurisdiction kycLevel blocked attester }
         blocklistChanges { account blocked source }
         jurisdictions(orderBy: id) { id sanctioned }
         compliancePolicies { id active minKycLevel minCreditScore blockedJurisdictions }
         feeRecipients(where: { active: true }) { account bps distributed }
         feeFlows { kind } contracts(orderBy: name) { id name module admin } }`,
    );
    expect(data.psmSwaps!.map((s) => s.kind)).toEqual(expect.arrayContaining(['SELL_GEM', 'BUY_GEM']));
    expect(data.transferAuthorizations!.some((a) => a.state === 'USED')).toBe(true);
    const client = stack.devnet.plaza();
    for (const record of data.complianceRecords!) {
      const onchain = await client.compliance.recordOf((record.account as { id: Address }).id);
      expect(record).toMatchObject({
        jurisdiction: onchain.jurisdiction,
        kycLevel: onchain.kycLevel,
        blocked: onchain.blocked,
      });
    }
    const mallory = stack.account('mallory').address.toLowerCase();
    expect(data.blocklistChanges).toEqual(
      expect.arrayContaining([
        { account: mallory, blocked: true, source: 'REGISTRY' },
        { account: mallory, blocked: true, source: 'PUSD' },
      ]),
    );
    expect(data.jurisdictions!.filter((j) => j.sanctioned).map((j) => j.id)).toEqual([
      'CU',
      'IR',
      'KP',
      'SY',
    ]);
    expect(data.compliancePolicies).toEqual(
      expect.arrayContaining([
        {
          id: policyId('accredited'),
          active: true,
          minKycLevel: 2,
          minCreditScore: 650,
          blockedJurisdictions: ['RU'],
        },
      ]),
    );
    const recipients = await client.fees.recipients();
    expect(data.feeRecipients!.map((r) => [r.account, r.bps]).sort()).toEqual(
      recipients.map((r) => [r.account.toLowerCase(), r.bps]).sort(),
    );
    expect(new Set(data.feeFlows!.map((f) => f.kind))).toEqual(new Set(['ACCOUNTED', 'DISTRIBUTED']));
    // every indexed contract is in the address book (per-asset entries are `Name_SYMBOL`), but for the loyalty
    // programs merchants create at run time
    const booked = new Map(
      Object.entries(stack.deployment.contracts).map(([name, c]) => [c.address.toLowerCase(), name]),
    );
    for (const c of data.contracts!) {
      if (c.name !== 'LoyaltyPoints') expect(booked.get(c.id as string)?.split('_')[0]).toBe(c.name);
    }
    expect(data.contracts!.map((c) => [c.name, c.module])).toEqual(
      expect.arrayContaining([
        ['ComplianceRegistry', 'COMPLIANCE'],
        ['FeeCollector', 'FEES'],
        ['PegStabilityModule', 'PSM'],
        ['PlazaUSD', 'STABLECOIN'],
        ['LoyaltyPoints', 'LOYALTY'],
      ]),
    );
  });
});

describe('pUSD, PSM, compliance and fees after the seed', () => {
  beforeAll(async () => {
    const deployer = stack.account('deployer').address;
    const alice = stack.devnet.plaza('alice');
    const bob = stack.account('bob').address;
    // an allowance, a permit, a canceled authorization
    await (await alice.pusd.approve({ spender: bob, amount: parsePusd('12') })).wait();
    await (
      await alice.pusd.permit(await alice.pusd.signPermit({ spender: psm, value: parsePusd('34') }))
    ).wait();
    const nonce = randomAuthorizationNonce();
    await (await alice.pusd.cancelAuthorization(await alice.pusd.signCancelAuthorization({ nonce }))).wait();
    // an issuer: configured, mints, burns, removed
    await stack.send('deployer', pusd, abi.pusd, 'configureMinter', [deployer, 1000n * WAD]);
    await stack.send('deployer', pusd, abi.pusd, 'mint', [deployer, 400n * WAD]);
    await stack.send('deployer', pusd, abi.pusd, 'burn', [100n * WAD]);
    await stack.send('deployer', pusd, abi.pusd, 'removeMinter', [deployer]);
    // pauses, PSM parameters, compliance changes
    await stack.send('deployer', pusd, abi.pusd, 'pause');
    await stack.send('deployer', pusd, abi.pusd, 'unpause');
    await stack.send('deployer', psm, psmAbi, 'pause');
    await stack.send('deployer', psm, psmAbi, 'unpause');
    await stack.send('deployer', psm, psmAbi, 'setFees', [10, 20]);
    await stack.send('deployer', psm, psmAbi, 'setDebtCeiling', [50_000_000n * WAD]);
    await (
      await stack.devnet.plaza().compliance.revokeRecord({ account: stack.account('dave').address })
    ).wait();
    await (
      await stack.devnet
        .plaza()
        .compliance.setBlocked({ account: stack.account('mallory').address, blocked: false })
    ).wait();
    await stack.send('deployer', registry, abi.compliance, 'setPolicy', [
      policyId('vip'),
      3,
      800,
      [toHex('KP')],
    ]);
    await stack.send('deployer', registry, abi.compliance, 'setPolicyJurisdiction', [
      policyId('vip'),
      toHex('RU'),
      true,
    ]);
    await stack.send('deployer', registry, abi.compliance, 'setPolicy', [
      policyId('vip'),
      3,
      850,
      [toHex('CU')],
    ]);
    await stack.send('deployer', registry, abi.compliance, 'removePolicy', [policyId('accredited')]);
    await stack.send('deployer', registry, abi.compliance, 'setJurisdictionSanctioned', [toHex('SY'), false]);
    await stack.send('deployer', registry, abi.compliance, 'setExempt', [
      stack.account('relayer').address,
      true,
    ]);
    // a day later: more swaps and a distribution
    await stack.advance(86_400);
    const { swap } = await alice.psm.sellGem({ gemAmount: parseUsdc('1000') });
    await swap.wait();
    await stack.advance(86_400); // the distribution is the next day's first event (FeesAccounted)
    // the LPs' share goes to LiquidityIncentives, a Plaza contract: it stays value locked
    const balance = (address: Address) => stack.read<bigint>(pusd, erc20Abi, 'balanceOf', [address]);
    const collector = stack.deployment.contracts.FeeCollector!.address;
    const incentives = stack.deployment.contracts.LiquidityIncentives!.address;
    const before = [await balance(collector), await balance(incentives)] as const;
    await (await stack.devnet.plaza('bob').fees.distribute()).wait();
    distributedOut = before[0] - (await balance(collector)) - ((await balance(incentives)) - before[1]);
    expect(distributedOut).toBeGreaterThan(0n);
  }, 120_000);

  it('follows allowances, minters, mints, burns and authorizations', async () => {
    const alice = stack.account('alice').address.toLowerCase();
    const deployer = stack.account('deployer').address.toLowerCase();
    const data = await stack.query<Record<string, Record<string, unknown>[]>>(
      `query($owner: Bytes!) {
        allowances(where: { owner: $owner }) { spender value }
        minters(orderBy: minted) { id active unlimited allowance minted burned mintCount burnCount }
        mints(where: { to: $owner }) { amount }
        burns { burner { id } amount }
        transferAuthorizations(where: { state: CANCELED }) { authorizer }
      }`,
      { owner: alice },
    );
    expect(data.allowances).toEqual(
      expect.arrayContaining([
        { spender: stack.account('bob').address.toLowerCase(), value: parsePusd('12').toString() },
        { spender: psm.toLowerCase(), value: parsePusd('34').toString() },
      ]),
    );
    const issuer = data.minters!.find((m) => m.id === deployer)!;
    expect(issuer).toMatchObject({
      active: false,
      unlimited: false,
      minted: (400n * WAD).toString(),
      burned: (100n * WAD).toString(),
      mintCount: 1,
      burnCount: 1,
    });
    const psmMinter = data.minters!.find((m) => m.id === psm.toLowerCase())!;
    expect(psmMinter).toMatchObject({ active: true, unlimited: true, allowance: null });
    expect(data.transferAuthorizations).toEqual([{ authorizer: alice }]);
  });

  it('records pauses, parameters and every compliance change', async () => {
    const data = await stack.query<Record<string, Record<string, unknown>[]>>(
      `{ psms { tinBps toutBps debtCeiling paused swapCount } psmSwaps(first: 1000) { id }
         governanceEvents(first: 1000) { event contract { name } }
         complianceRecords(where: { revoked: true }) { account { id } kycLevel }
         policyJurisdictions(where: { policy: "${policyId('vip')}" }, orderBy: jurisdiction) { jurisdiction blocked }
         compliancePolicies(orderBy: minKycLevel) { id active minCreditScore blockedJurisdictions }
         jurisdictions(where: { sanctioned: true }, orderBy: id) { id }
         complianceAttestations(where: { kind: REVOKED }) { attester }
         roleMembers(where: { active: true }) { role contract { name } account { id } } }`,
    );
    expect(data.psms).toEqual([
      {
        tinBps: 10,
        toutBps: 20,
        debtCeiling: (50_000_000n * WAD).toString(),
        paused: false,
        swapCount: data.psmSwaps!.length,
      },
    ]);
    const events = new Set(
      data.governanceEvents!.map((g) => `${(g.contract as { name: string }).name}.${g.event}`),
    );
    for (const e of [
      'PlazaUSD.Paused',
      'PlazaUSD.Unpaused',
      'PlazaUSD.MinterConfigured',
      'PlazaUSD.MinterRemoved',
      'PlazaUSD.Initialized',
      'PegStabilityModule.FeesSet',
      'PegStabilityModule.DebtCeilingSet',
      'PegStabilityModule.Paused',
      'ComplianceRegistry.PolicySet',
      'ComplianceRegistry.PolicyRemoved',
      'ComplianceRegistry.RoleGranted',
      'FeeCollector.RecipientsSet',
    ]) {
      expect(events.has(e), e).toBe(true);
    }
    expect(data.complianceRecords).toEqual([
      { account: { id: stack.account('dave').address.toLowerCase() }, kycLevel: 0 },
    ]);
    expect(data.complianceAttestations).toHaveLength(1);
    // the second PolicySet replaced the whole policy: KP and RU are no longer blocked, CU is
    expect(data.policyJurisdictions).toEqual([
      { jurisdiction: 'CU', blocked: true },
      { jurisdiction: 'KP', blocked: false },
      { jurisdiction: 'RU', blocked: false },
    ]);
    expect(data.compliancePolicies).toEqual(
      expect.arrayContaining([
        { id: policyId('accredited'), active: false, minCreditScore: 650, blockedJurisdictions: ['RU'] },
        { id: policyId('vip'), active: true, minCreditScore: 850, blockedJurisdictions: ['CU'] },
      ]),
    );
    expect(data.jurisdictions!.map((j) => j.id)).toEqual(['CU', 'IR', 'KP']);
    expect(
      data.roleMembers!.some((r) => (r.contract as { name: string }).name === 'PegStabilityModule'),
    ).toBe(true);
  });

  it('keeps daily and hourly series of the protocol and of pUSD, served by the SDK client', async () => {
    const today = day((await stack.publicClient.getBlock()).timestamp);
    expect(today).toBeGreaterThan(startDay);
    const { protocolDailySnapshots, protocolHourlySnapshots, stablecoinDailySnapshots } = await stack.query<
      Record<string, Record<string, unknown>[]>
    >(
      `{ protocolDailySnapshots(orderBy: day) { id day pusdSupply dailyPsmVolume dailyProtocolFees dailyEventCount tvl }
         protocolHourlySnapshots(orderBy: hour) { id hour pusdSupply }
         stablecoinDailySnapshots(orderBy: day) { id day supply minted burned mintCount psmSellVolume holders } }`,
    );
    for (const s of protocolDailySnapshots!) expect(s.id).toBe(`plaza-${s.day}`);
    expect([protocolDailySnapshots![0]!.day, protocolDailySnapshots!.at(-1)!.day]).toEqual([startDay, today]);
    for (const s of protocolHourlySnapshots!) expect(s.id).toBe(`plaza-${s.hour}`);
    expect(protocolHourlySnapshots!.length).toBeGreaterThanOrEqual(2);
    const supply = (await stack.devnet.plaza().pusd.totalSupply()).toString();
    // the last day only distributed fees: its figures are the state carried over, its flows the fees
    const [swapDay, feesDay] = protocolDailySnapshots!.slice(-2);
    expect(swapDay).toMatchObject({ pusdSupply: supply, dailyPsmVolume: parseUsdc('1000').toString() });
    expect(feesDay).toMatchObject({ day: today, pusdSupply: supply, dailyPsmVolume: '0' });
    // the fees the FeeCollector held (value locked, "other") left with the distribution, but for the LPs' share
    expect(BigInt(feesDay!.tvl as string)).toBe(BigInt(swapDay!.tvl as string) - distributedOut);
    expect(BigInt(feesDay!.dailyProtocolFees as string)).toBe(parsePusd('1')); // 10 bps of 1,000 USDC, the tin set above
    for (const s of stablecoinDailySnapshots!) expect(s.id).toBe(`${pusd.toLowerCase()}-${s.day}`);
    expect(stablecoinDailySnapshots!.at(-1)!.day).toBe(today);
    expect(stablecoinDailySnapshots!.at(-2)).toMatchObject({
      supply,
      psmSellVolume: parseUsdc('1000').toString(),
    });
    const totalMinted = stablecoinDailySnapshots!.reduce((sum, s) => sum + BigInt(s.minted as string), 0n);
    const totalBurned = stablecoinDailySnapshots!.reduce((sum, s) => sum + BigInt(s.burned as string), 0n);
    expect(totalMinted - totalBurned).toBe(BigInt(supply));

    const subgraph = stack.subgraph();
    const days = await subgraph.overviewSeries({ interval: 'day', count: 30 });
    expect(days.map((p) => p.period)).toEqual(protocolDailySnapshots!.map((s) => s.day));
    expect(days.at(-1)!.pusdSupply).toBe(BigInt(supply));
    const hours = await subgraph.overviewSeries({ interval: 'hour', count: 2 });
    expect(hours).toHaveLength(2);
    expect(hours[0]!.period).toBeLessThan(hours[1]!.period);
    const protocol = (await subgraph.protocol())!;
    expect(protocol.pusdSupply).toBe(BigInt(supply));
    // the total is the sum of the modules' value locked (the first test checks it against the chain)
    expect(protocol.tvl).toBe(Object.values(protocol.tvlByModule).reduce((sum, v) => sum + v, 0n));
    expect(protocol.tvlByModule.psm).toBeGreaterThanOrEqual(protocol.psmReserves * 10n ** 12n);
    const meta = await subgraph.waitForBlock(await stack.publicClient.getBlockNumber());
    expect(meta.hasIndexingErrors).toBe(false);
    expect(meta.deployment).toMatch(/^Qm/);
  });

  it("validates every document of the SDK's subgraph client against the indexer's GraphQL schema", async () => {
    const { data } = (await (
      await fetch(stack.subgraph().url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: getIntrospectionQuery() }),
      })
    ).json()) as { data: IntrospectionQuery };
    const schema = buildClientSchema(data);
    for (const [name, document] of Object.entries(subgraphQueries)) {
      expect(
        validate(schema, parse(document)).map((e) => e.message),
        name,
      ).toEqual([]);
    }
  });

  it('has every entity type of the module', async () => {
    await expectEntities(stack, coverage.stablecoin);
    const { _meta } = await stack.query<{ _meta: { hasIndexingErrors: boolean } }>(
      `{ _meta { hasIndexingErrors } }`,
    );
    expect(_meta.hasIndexingErrors).toBe(false);
  });
});
