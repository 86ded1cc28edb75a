import { toHex, type Address, type Hex } from 'viem';
import { mnemonicToAccount } from 'viem/accounts';

/**
 * anvil's default mnemonic. Its keys are public: DEV ONLY, never use them where value is at stake.
 *
 * @example
 * ```ts
 * import { DEV_MNEMONIC } from '@plaza/devnet';
 * mnemonicToAccount(DEV_MNEMONIC, { addressIndex: 1 }); // Alice
 * ```
 */
export const DEV_MNEMONIC = 'test test test test test test test test test test test junk';

/** How many accounts the devnet's anvil funds (later phases need reporters, merchants, lenders…). */
export const DEV_ACCOUNT_COUNT = 20;

/**
 * A funded development account with its role in the demo world.
 *
 * @example
 * ```ts
 * import { devAccount } from '@plaza/devnet';
 * const { address, privateKey } = devAccount('alice');
 * ```
 */
export interface DevAccount {
  readonly index: number;
  /** Short name used by the demo steps (`deployer`, `alice`, …; `account12` when it has no role yet). */
  readonly name: string;
  /** What it does in the demo world. */
  readonly role: string;
  readonly address: Address;
  readonly privateKey: Hex;
}

/** Names and roles by HD index. */
const ROLES: readonly (readonly [string, string])[] = [
  ['deployer', 'deployer: admin of every contract, KYC attester, pUSD master minter, pauser'],
  ['alice', 'demo user: KYC level 2 (US), pUSD holder, pays Bob gaslessly'],
  ['bob', 'demo user: KYC level 1 (GB), pUSD holder'],
  ['carol', 'demo user: KYC level 3 (SG), largest PSM user'],
  ['dave', 'demo user: KYC level 2 (DE)'],
  ['erin', 'demo user without KYC (fails every named policy)'],
  ['mallory', 'sanctioned: on the blocklist, can neither send nor receive pUSD'],
  ['relayer', 'submits gasless (EIP-3009) payments and pays their gas'],
  ['reserve', 'fee recipient: 20% of protocol fees'],
  ['treasury', 'fee recipient: 60% of protocol fees (20% go to LPs through LiquidityIncentives)'],
  ['manager', 'RWA asset manager: issues HRBR and MSMR shares and deposits their income'],
  ['reporter1', 'NAV reporter (appraiser) bonded in both RWA feeds'],
  ['reporter2', 'NAV reporter (appraiser) bonded in both RWA feeds'],
  ['reporter3', 'NAV reporter (appraiser) bonded in both RWA feeds; slashed once for an outlier'],
  ['cafe', 'merchant: Harbor Cafe (no refund window, points 1 per pUSD)'],
  ['grocer', 'merchant: Main Street Grocer (7-day refund window, escrow, points, an advance)'],
  ['gadgets', 'merchant: Gadget Corner (3-day refund window, fee tier 1)'],
  ['lender', 'lender: supplies pUSD to the HRBR and MSMR lending markets'],
  ['saver', 'saver: holds spUSD (the SavingsVault)'],
  ['keeper', 'keeper: may apply auto-repay income and liquidate (KYC level 2, US)'],
];

/**
 * Every funded account of the devnet, in HD order (`m/44'/60'/0'/0/i` of {@link DEV_MNEMONIC}).
 *
 * @example
 * ```ts
 * import { devAccounts } from '@plaza/devnet';
 * devAccounts().filter((a) => a.name !== `account${a.index}`); // the ones with a demo role
 * ```
 */
export function devAccounts(count = DEV_ACCOUNT_COUNT): DevAccount[] {
  return Array.from({ length: count }, (_, index) => {
    const account = mnemonicToAccount(DEV_MNEMONIC, { addressIndex: index });
    const [name, role] = ROLES[index] ?? [`account${index}`, 'spare funded account'];
    return { index, name, role, address: account.address, privateKey: toHex(account.getHdKey().privateKey!) };
  });
}

let cache: DevAccount[] | undefined;

/**
 * The account of `accounts` with this name; `accountN` also names HD index N when the demo world gave it a role.
 *
 * @example
 * ```ts
 * import { devAccounts, findDevAccount } from '@plaza/devnet';
 * findDevAccount(devAccounts(), 'account10').name; // 'manager'
 * ```
 */
export function findDevAccount(accounts: readonly DevAccount[], name: string): DevAccount {
  const index = /^account(\d+)$/.exec(name)?.[1];
  const found = accounts.find((a) => a.name === name || String(a.index) === index);
  if (!found)
    throw new Error(
      `No development account named "${name}" (known: ${accounts.map((a) => a.name).join(', ')}).`,
    );
  return found;
}

/**
 * One development account by name.
 *
 * @example
 * ```ts
 * import { devAccount } from '@plaza/devnet';
 * devAccount('treasury').address; // '0xa0Ee7A142d267C1f36714E4a8F75612F20a79720'
 * ```
 */
export function devAccount(name: string): DevAccount {
  cache ??= devAccounts();
  return findDevAccount(cache, name);
}
