// The world of the subgraph tests: @plaza/subgraph/world's deployers, plus onboarding through the SDK (KYC
// records and pUSD from the PSM) and a flash borrower compiled with solc.
import { createRequire } from 'node:module';
import { parseUsdc } from '@plaza/sdk';
import type { Abi, Hex } from 'viem';
import type { Artifact } from '@plaza/subgraph/world';
import type { Stack } from './stack.js';

export {
  MAX_UINT256,
  WAD,
  abi,
  approve,
  at,
  deployAsset,
  deployIncentives,
  deployLending,
  deployOracle,
  deployPayFi,
  uniswap,
  type FeedParams,
} from '@plaza/subgraph/world';

const require = createRequire(import.meta.url);

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
