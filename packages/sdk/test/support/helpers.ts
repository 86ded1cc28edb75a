// Small helpers the module tests share: pUSD for an account (faucet USDC sold to the PSM), KYC records,
// chain time, and the sender's nonce (to check that a refusal sent nothing).
import { gemForPusdOut, type PlazaClient, type WriteResult } from '@plaza/sdk';
import type { Address, TestClient } from 'viem';

/** Sends and waits. */
export async function mined<T>(write: Promise<WriteResult<T>>): Promise<WriteResult<T>> {
  const sent = await write;
  await sent.wait();
  return sent;
}

/** Gives the client's account at least `amount` pUSD more (USDC from the faucet, sold to the PSM). */
export async function fundPusd(plaza: PlazaClient, amount: bigint): Promise<void> {
  const me = plaza.walletClient!.account!.address;
  const gem = gemForPusdOut(amount, { tin: 5n, to18: 10n ** 12n });
  await mined(plaza.usdc.faucet({ to: me, amount: gem }));
  await (await plaza.psm.sellGem({ gemAmount: gem })).swap.wait();
}

/** A KYC record (US, level 2 by default) written by the deployer (the attester). */
export async function kyc(
  deployer: PlazaClient,
  account: Address,
  record: { kycLevel?: number; creditScore?: number; jurisdiction?: string } = {},
): Promise<void> {
  const now = (await deployer.publicClient.getBlock()).timestamp;
  await mined(
    deployer.compliance.setRecord({
      account,
      record: {
        kycLevel: record.kycLevel ?? 2,
        jurisdiction: record.jurisdiction ?? 'US',
        expiry: now + 365n * 86_400n,
        creditScore: record.creditScore ?? 700,
      },
    }),
  );
}

/** Moves the chain's clock forward and mines a block. */
export async function increaseTime(testClient: TestClient, seconds: number | bigint): Promise<void> {
  await testClient.increaseTime({ seconds: Number(seconds) });
  await testClient.mine({ blocks: 1 });
}

export async function nonceOf(plaza: PlazaClient, address: Address): Promise<number> {
  return plaza.publicClient.getTransactionCount({ address });
}

export const SEED = 0x504c415a;
