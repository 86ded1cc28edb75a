import { formatPusd, ownerSignedSmartAccount, parsePusd, type PlazaClient } from '@plaza/sdk';
import type { Address, LocalAccount } from 'viem';

// pUSD: a transfer, a gasless payment (Alice signs an EIP-3009 authorization, a relayer submits it and pays
// the gas), and a permit signed by a smart wallet (ERC-1271).
export async function pusdExample(alice: PlazaClient, relayer: PlazaClient, bob: Address) {
  const me = alice.walletClient!.account!.address;
  console.log('Alice holds', formatPusd(await alice.pusd.balanceOf(me)), 'pUSD');

  await (await alice.pusd.transfer({ to: bob, amount: parsePusd('10') })).wait();

  const authorization = await alice.pusd.signTransferAuthorization({ to: bob, value: parsePusd('5') });
  await (await relayer.pusd.transferWithAuthorization(authorization)).wait();

  return { bobBalance: await alice.pusd.balanceOf(bob), blocked: await alice.pusd.isBlocked(bob) };
}

export async function smartWalletPermit(
  relayer: PlazaClient,
  wallet: Address,
  owner: LocalAccount,
  spender: Address,
) {
  const signer = ownerSignedSmartAccount({ address: wallet, owner });
  const permit = await relayer.pusd.signPermit({ spender, value: parsePusd('100'), signer });
  await (await relayer.pusd.permit(permit)).wait(); // checked on-chain with the wallet's isValidSignature
  return relayer.pusd.allowance(wallet, spender);
}
