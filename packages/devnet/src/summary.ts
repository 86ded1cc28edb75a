import { formatPusd, formatUsdc } from '@plaza/sdk';
import { formatEther } from 'viem';
import { devAccounts } from './accounts.js';
import type { Devnet } from './devnet.js';
import { marketLine } from './seed/lending.js';

const amount = (value: string) => Number(value).toLocaleString('en-US', { maximumFractionDigits: 2 });

/**
 * What `plaza-devnet` prints once the devnet is up: how to reach it, the contracts, the demo world and the
 * funded development accounts with their balances and (public, dev-only) keys.
 *
 * @example
 * ```ts
 * import { describeDevnet, startDevnet } from '@plaza/devnet';
 * console.log(await describeDevnet(await startDevnet()));
 * ```
 */
export async function describeDevnet(devnet: Devnet): Promise<string> {
  const plaza = devnet.plaza();
  const lines: string[] = [];
  lines.push('', 'Plaza devnet is running', '');
  lines.push(`  RPC URL     ${devnet.rpcUrl}`);
  lines.push(`  Chain ID    ${devnet.chainId}`);
  lines.push(`  Deployment  ${devnet.deploymentPath}`);
  lines.push('', 'Contracts');
  const width = Math.max(...Object.keys(devnet.deployment.contracts).map((n) => n.length));
  for (const [name, { address, block }] of Object.entries(devnet.deployment.contracts)) {
    lines.push(`  ${name.padEnd(width)}  ${address}  (block ${block})`);
  }
  if ('LendingHub' in devnet.deployment.contracts) {
    lines.push('', 'Lending markets');
    for (const market of await plaza.lending.markets()) {
      lines.push(`  ${marketLine(market)}`);
      lines.push(`      id ${market.id}`);
    }
    if ('SavingsVault' in devnet.deployment.contracts) {
      const vault = await plaza.savings.vault();
      lines.push(
        `  spUSD (SavingsVault): ${amount(formatPusd(vault.totalAssets))} pUSD saved, ${amount(formatPusd(vault.unvestedIncome))} pUSD of income still vesting`,
      );
    }
  }
  if (devnet.notes.length > 0) {
    lines.push('', 'Demo world');
    for (const note of devnet.notes) lines.push(`  - ${note}`);
  }

  const named = devnet.accounts.filter((a) => !a.name.startsWith('account'));
  // Only anvil's public development keys are printed; a deployer key given on the command line never is.
  const devKeys = new Set(devAccounts().map((a) => a.privateKey));
  const balances = await Promise.all(
    named.map(async (a) => {
      const [eth, pusd, usdc] = await Promise.all([
        plaza.publicClient.getBalance({ address: a.address }),
        plaza.pusd.balanceOf(a.address).catch(() => undefined),
        plaza.usdc.balanceOf(a.address).catch(() => undefined),
      ]);
      return { eth, pusd, usdc };
    }),
  );
  lines.push(
    '',
    "Funded test accounts: anvil's well-known keys. DEV ONLY: these keys are public, never use them on a real network.",
  );
  for (const [i, account] of named.entries()) {
    const b = balances[i]!;
    const tokens = [
      `${amount(formatEther(b.eth))} ETH`,
      ...(b.pusd !== undefined ? [`${amount(formatPusd(b.pusd))} pUSD`] : []),
      ...(b.usdc !== undefined ? [`${amount(formatUsdc(b.usdc))} USDC`] : []),
    ].join(', ');
    lines.push(
      `  #${String(account.index).padEnd(2)} ${account.name.padEnd(9)} ${account.address}  ${tokens}`,
    );
    const key = devKeys.has(account.privateKey) ? account.privateKey : '(the key you gave, not shown)';
    lines.push(`      key ${key}  ${account.role}`);
  }
  const spare = devnet.accounts.length - named.length;
  if (spare > 0 && devnet.ownsChain) {
    lines.push(
      `  … and ${spare} more funded accounts (#${named.length}–#${devnet.accounts.length - 1} of the mnemonic "test test … junk").`,
    );
  }
  return lines.join('\n');
}
