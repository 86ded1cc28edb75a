// pUSD through the SDK on the real deployment: reads, transfers and approvals, EIP-2612 permits and EIP-3009
// authorizations signed by a local account, a JSON-RPC account and an ERC-1271 smart wallet, each accepted
// on-chain; and the blocklist and pause status.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { plazaUsdAbi } from '@plaza/abi';
import {
  PlazaError,
  ownerSignedSmartAccount,
  parsePusd,
  parseUsdc,
  randomAuthorizationNonce,
  type PlazaClient,
} from '@plaza/sdk';
import { createWalletClient, getAddress, http, type Address, type Hex } from 'viem';
import { foundry } from 'viem/chains';
import { beforeEach, describe, expect, it } from 'vitest';
import { accounts } from './support/accounts.js';
import { useTestChain } from './support/chain.js';

const chain = useTestChain();
const { alice, bob, carol, relayer, deployer } = accounts;

/** Gives `who` pUSD through the PSM (the way pUSD comes into being). */
async function fund(plaza: PlazaClient, usdc: bigint) {
  await (await plaza.usdc.faucet({ to: plaza.walletClient!.account!.address, amount: usdc })).wait();
  await (await plaza.psm.sellGem({ gemAmount: usdc })).swap.wait();
}

/** Deploys contracts/test/utils/SmartWallet.sol (ERC-1271: accepts its owner's ECDSA signatures). */
async function deploySmartWallet(owner: Address): Promise<Address> {
  const require = createRequire(import.meta.url);
  const artifact = JSON.parse(
    readFileSync(require.resolve('@plaza/contracts/out/SmartWallet.sol/SmartWallet.json'), 'utf8'),
  ) as { abi: readonly unknown[]; bytecode: { object: Hex } };
  const { publicClient, rpcUrl } = chain();
  const wallet = createWalletClient({ chain: foundry, transport: http(rpcUrl), account: deployer });
  const hash = await wallet.deployContract({
    abi: artifact.abi,
    bytecode: artifact.bytecode.object,
    args: [owner],
  });
  const receipt = await publicClient.waitForTransactionReceipt({ hash });
  return getAddress(receipt.contractAddress!);
}

describe('pUSD reads and transfers', () => {
  beforeEach(async () => {
    await fund(chain().as.alice, parseUsdc('1000'));
  });

  it('reads balances, supply and allowances that match the chain', async () => {
    const { as, publicClient, deployment } = chain();
    const pusd = deployment.contracts.PlazaUSD!.address;
    const onChain = await publicClient.readContract({
      address: pusd,
      abi: plazaUsdAbi,
      functionName: 'balanceOf',
      args: [alice.address],
    });
    expect(await as.bob.pusd.balanceOf(alice.address)).toBe(onChain);
    expect(onChain).toBe(parsePusd('999.5')); // 1000 USDC in, 5 bps tin
    expect(await as.bob.pusd.totalSupply()).toBe(parsePusd('1000'));
    expect(await as.bob.pusd.address()).toBe(pusd);
  });

  it('transfers, approves and spends an allowance', async () => {
    const { as } = chain();
    const sent = await as.alice.pusd.transfer({ to: bob.address, amount: parsePusd('100') });
    expect(sent.result).toBe(true);
    expect((await sent.wait()).status).toBe('success');
    expect(await as.bob.pusd.balanceOf(bob.address)).toBe(parsePusd('100'));

    await (await as.alice.pusd.approve({ spender: carol.address, amount: parsePusd('50') })).wait();
    expect(await as.carol.pusd.allowance(alice.address, carol.address)).toBe(parsePusd('50'));
    await (
      await as.carol.pusd.transferFrom({ from: alice.address, to: carol.address, amount: parsePusd('30') })
    ).wait();
    expect(await as.carol.pusd.balanceOf(carol.address)).toBe(parsePusd('30'));
    expect(await as.carol.pusd.allowance(alice.address, carol.address)).toBe(parsePusd('20'));
  });

  it('refuses a transfer above the balance with a decoded error, sending nothing', async () => {
    const { as, publicClient } = chain();
    const nonce = await publicClient.getTransactionCount({ address: alice.address });
    const attempt = as.alice.pusd.transfer({ to: bob.address, amount: parsePusd('5000') });
    await expect(attempt).rejects.toBeInstanceOf(PlazaError);
    await expect(attempt).rejects.toMatchObject({
      code: 'ContractRevert',
      errorName: 'ERC20InsufficientBalance',
      contract: 'PlazaUSD',
      functionName: 'transfer',
      args: { sender: alice.address, balance: parsePusd('999.5'), needed: parsePusd('5000') },
      message: `${alice.address} holds 999.5 pUSD but needs 5000 pUSD.`,
    });
    expect(await publicClient.getTransactionCount({ address: alice.address })).toBe(nonce);
  });

  it('rejects malformed input before touching the chain', async () => {
    const { as } = chain();
    await expect(as.alice.pusd.transfer({ to: '0x1234' as Address, amount: 1n })).rejects.toMatchObject({
      code: 'InvalidInput',
      message: 'Invalid to: expected an address (0x + 40 hex digits), got "0x1234".',
    });
    await expect(
      as.alice.pusd.transfer({ to: bob.address, amount: 1.5 as unknown as bigint }),
    ).rejects.toThrow(/Invalid amount: expected a bigint amount in base units/);
    await expect(as.alice.pusd.transfer({ to: bob.address, amount: -1n })).rejects.toMatchObject({
      code: 'InvalidInput',
    });
  });

  it('reports the blocklist and pause status, and decodes AccountBlocked and EnforcedPause', async () => {
    const { as } = chain();
    expect(await as.bob.pusd.isBlocked(alice.address)).toBe(false);
    await (await as.deployer.compliance.setBlocked({ account: alice.address, blocked: true })).wait();
    expect(await as.bob.pusd.isBlocked(alice.address)).toBe(true);
    await expect(as.alice.pusd.transfer({ to: bob.address, amount: 1n })).rejects.toMatchObject({
      errorName: 'AccountBlocked',
      args: { account: alice.address },
      message: `${alice.address} is on pUSD's sanctions blocklist: it can neither send nor receive pUSD (nor spend an allowance).`,
    });
    await (await as.deployer.compliance.setBlocked({ account: alice.address, blocked: false })).wait();

    expect(await as.bob.pusd.paused()).toBe(false);
    const pusd = await as.deployer.pusd.address();
    const { publicClient, rpcUrl } = chain();
    const admin = createWalletClient({ chain: foundry, transport: http(rpcUrl), account: deployer });
    await publicClient.waitForTransactionReceipt({
      hash: await admin.writeContract({ address: pusd, abi: plazaUsdAbi, functionName: 'pause' }),
    });
    expect(await as.bob.pusd.paused()).toBe(true);
    await expect(as.alice.pusd.transfer({ to: bob.address, amount: 1n })).rejects.toMatchObject({
      errorName: 'EnforcedPause',
      message: 'pUSD is paused: no transfers, mints or burns until its pauser unpauses it.',
    });
  });
});

describe('EIP-2612 permit', () => {
  beforeEach(async () => {
    await fund(chain().as.alice, parseUsdc('100'));
  });

  it('uses the EIP-712 domain the contract reports', async () => {
    const { as, deployment } = chain();
    expect(await as.alice.pusd.domain()).toEqual({
      name: 'Plaza USD',
      version: '1',
      chainId: 31337,
      verifyingContract: deployment.contracts.PlazaUSD!.address,
    });
  });

  it.each(['auto', 'bytes'] as const)(
    'signs with a local account; anyone submits (%s form)',
    async (form) => {
      const { as } = chain();
      const signed = await as.alice.pusd.signPermit({ spender: carol.address, value: parsePusd('40') });
      expect(signed.owner).toBe(alice.address);
      expect(signed.nonce).toBe(0n);
      await (await as.relayer.pusd.permit(signed, { form })).wait();
      expect(await as.alice.pusd.allowance(alice.address, carol.address)).toBe(parsePusd('40'));
      expect(await as.alice.pusd.nonces(alice.address)).toBe(1n);

      // The same signature again: the nonce moved on, so it no longer verifies.
      await expect(as.relayer.pusd.permit(signed, { form })).rejects.toMatchObject({
        errorName: 'InvalidSignature',
      });
    },
  );

  it('signs through the wallet client for a JSON-RPC account (eth_signTypedData_v4)', async () => {
    const { publicClient, rpcUrl, deployment, plaza } = chain();
    const jsonRpc = createWalletClient({ chain: foundry, transport: http(rpcUrl), account: bob.address });
    const bobJsonRpc = plaza(deployer).withWallet(jsonRpc);
    const signed = await bobJsonRpc.pusd.signPermit({ spender: carol.address, value: 7n });
    expect(signed.owner).toBe(bob.address);
    await (await chain().as.relayer.pusd.permit(signed)).wait();
    expect(
      await publicClient.readContract({
        address: deployment.contracts.PlazaUSD!.address,
        abi: plazaUsdAbi,
        functionName: 'allowance',
        args: [bob.address, carol.address],
      }),
    ).toBe(7n);
  });

  it('accepts an ERC-1271 smart wallet signature, in both forms', async () => {
    const { as } = chain();
    const walletAddress = await deploySmartWallet(dave().address);
    const wallet = ownerSignedSmartAccount({ address: walletAddress, owner: dave() });
    for (const [i, form] of (['vrs', 'bytes'] as const).entries()) {
      const value = 1000n + BigInt(i);
      const signed = await as.relayer.pusd.signPermit({ spender: carol.address, value, signer: wallet });
      expect(signed.owner).toBe(walletAddress);
      await (await as.relayer.pusd.permit(signed, { form })).wait();
      expect(await as.relayer.pusd.allowance(walletAddress, carol.address)).toBe(value);
    }
    // A signature by someone else than the wallet's owner is refused by the wallet.
    const forged = ownerSignedSmartAccount({ address: walletAddress, owner: alice });
    const bad = await as.relayer.pusd.signPermit({ spender: carol.address, value: 1n, signer: forged });
    await expect(as.relayer.pusd.permit(bad)).rejects.toMatchObject({ errorName: 'InvalidSignature' });
  });

  it('decodes an expired permit', async () => {
    const { as } = chain();
    const signed = await as.alice.pusd.signPermit({ spender: carol.address, value: 1n, deadline: 1n });
    await expect(as.relayer.pusd.permit(signed)).rejects.toMatchObject({
      errorName: 'ERC2612ExpiredSignature',
      args: { deadline: 1n },
      message: 'The permit expired at 1970-01-01T00:00:01.000Z; sign a new one.',
    });
  });
});

describe('EIP-3009 authorizations', () => {
  beforeEach(async () => {
    await fund(chain().as.alice, parseUsdc('100'));
  });

  it('transferWithAuthorization: alice signs, a relayer pays the gas', async () => {
    const { as, publicClient } = chain();
    const aliceNonce = await publicClient.getTransactionCount({ address: alice.address });
    const signed = await as.alice.pusd.signTransferAuthorization({ to: bob.address, value: parsePusd('12') });
    expect(signed.kind).toBe('transfer');
    expect(await as.bob.pusd.authorizationState(alice.address, signed.nonce)).toBe(false);
    await (await as.relayer.pusd.transferWithAuthorization(signed)).wait();
    expect(await as.bob.pusd.balanceOf(bob.address)).toBe(parsePusd('12'));
    expect(await as.bob.pusd.authorizationState(alice.address, signed.nonce)).toBe(true);
    expect(await publicClient.getTransactionCount({ address: alice.address })).toBe(aliceNonce);

    await expect(as.relayer.pusd.transferWithAuthorization(signed)).rejects.toMatchObject({
      errorName: 'AuthorizationAlreadyUsed',
      args: { authorizer: alice.address, nonce: signed.nonce },
    });
  });

  it('receiveWithAuthorization: only the payee submits', async () => {
    const { as } = chain();
    const signed = await as.alice.pusd.signReceiveAuthorization({ to: bob.address, value: parsePusd('3') });
    await expect(as.relayer.pusd.receiveWithAuthorization(signed)).rejects.toMatchObject({
      errorName: 'CallerNotPayee',
      args: { caller: relayer.address, payee: bob.address },
    });
    await expect(as.bob.pusd.transferWithAuthorization(signed)).rejects.toMatchObject({
      code: 'InvalidInput',
    });
    await (await as.bob.pusd.receiveWithAuthorization(signed, { form: 'bytes' })).wait();
    expect(await as.bob.pusd.balanceOf(bob.address)).toBe(parsePusd('3'));
  });

  it('cancelAuthorization burns the nonce so the transfer can no longer run', async () => {
    const { as } = chain();
    const nonce = randomAuthorizationNonce();
    const transfer = await as.alice.pusd.signTransferAuthorization({ to: bob.address, value: 1n, nonce });
    const cancel = await as.alice.pusd.signCancelAuthorization({ nonce });
    await (await as.relayer.pusd.cancelAuthorization(cancel)).wait();
    expect(await as.bob.pusd.authorizationState(alice.address, nonce)).toBe(true);
    await expect(as.relayer.pusd.transferWithAuthorization(transfer)).rejects.toMatchObject({
      errorName: 'AuthorizationAlreadyUsed',
    });
  });

  it('enforces the validity window with decoded errors', async () => {
    const { as, publicClient } = chain();
    const now = (await publicClient.getBlock()).timestamp;
    const early = await as.alice.pusd.signTransferAuthorization({
      to: bob.address,
      value: 1n,
      validAfter: now + 1000n,
      validBefore: now + 2000n,
    });
    await expect(as.relayer.pusd.transferWithAuthorization(early)).rejects.toMatchObject({
      errorName: 'AuthorizationNotYetValid',
      args: { validAfter: now + 1000n },
    });
    const late = await as.alice.pusd.signTransferAuthorization({
      to: bob.address,
      value: 1n,
      validBefore: now,
    });
    await expect(as.relayer.pusd.transferWithAuthorization(late)).rejects.toMatchObject({
      errorName: 'AuthorizationExpired',
    });
    await expect(
      as.alice.pusd.signTransferAuthorization({
        to: bob.address,
        value: 1n,
        validAfter: 10n,
        validBefore: 10n,
      }),
    ).rejects.toMatchObject({ code: 'InvalidInput' });
  });

  it('accepts an ERC-1271 smart wallet as the authorizer (transfer and cancel)', async () => {
    const { as } = chain();
    const walletAddress = await deploySmartWallet(dave().address);
    await (await as.alice.pusd.transfer({ to: walletAddress, amount: parsePusd('10') })).wait();
    const wallet = ownerSignedSmartAccount({ address: walletAddress, owner: dave() });
    const signed = await as.relayer.pusd.signTransferAuthorization({
      to: carol.address,
      value: parsePusd('4'),
      signer: wallet,
    });
    expect(signed.from).toBe(walletAddress);
    await (await as.relayer.pusd.transferWithAuthorization(signed, { form: 'bytes' })).wait();
    expect(await as.carol.pusd.balanceOf(carol.address)).toBe(parsePusd('4'));
    expect(await as.carol.pusd.balanceOf(walletAddress)).toBe(parsePusd('6'));

    const cancel = await as.relayer.pusd.signCancelAuthorization({
      nonce: randomAuthorizationNonce(),
      signer: wallet,
    });
    await (await as.relayer.pusd.cancelAuthorization(cancel)).wait();
    expect(await as.carol.pusd.authorizationState(walletAddress, cancel.nonce)).toBe(true);
  });

  it('refuses to submit a signature made for another token', async () => {
    const { as } = chain();
    const forUsdc = await as.alice.usdc.signTransferAuthorization({ to: bob.address, value: 1n });
    await expect(as.relayer.pusd.transferWithAuthorization(forUsdc)).rejects.toMatchObject({
      code: 'InvalidInput',
      message: expect.stringContaining('This was signed for the token'),
    });
  });
});

function dave() {
  return accounts.dave;
}
