// anvil's well-known development keys (public: never use them where value is at stake).
import { privateKeyToAccount } from 'viem/accounts';

export const DEPLOYER_KEY = '0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80';

export const keys = {
  /** Deployer: admin of every contract, attester, pauser (anvil.json config). */
  deployer: DEPLOYER_KEY,
  alice: '0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d',
  bob: '0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a',
  carol: '0x7c852118294e51e653712a81e05800f419141751be58f605c371e15141b007a6',
  dave: '0x47e179ec197488593b187f80a00eb0da91f1b9d0b13f8733639f19c30a34926a',
  relayer: '0x8b3a350cf5c34c9194ca85829a2df0ec3153be0318b5e2d3348e872092edffba',
  /** #10: the RWA assets' issuer and distributor (anvil.json). */
  manager: '0xf214f2b2cd398c806f84e317254e0f0b801d0643303237d97a22a48e01628897',
  /** #11–#13: the reporters approved for both NAV feeds (anvil.json). */
  reporter1: '0x701b615bbdfb9de65240bc28bd21bbc0d996645a3dd57e7b12bc2bdf6f192c82',
  reporter2: '0xa267530f49f8280200edf313ee7af6b827f2a8bce2897751d06a843f644967b1',
  reporter3: '0x47c99abed3324a2707c28affff1267e45918ec8c3f20b8aa892e8b065d2942dd',
  /** #14–#16: merchants. */
  cafe: '0xc526ee95bf44d8fc405a158bb884d9d1238d99f0612e9f33d006bb0789009aaa',
  grocer: '0x8166f546bab6da521a8369cab06c5d2b9e46670292d85c875ee9ec20e84ffb61',
  gadgets: '0xea6c44ac03bff858b476bba40716402b03e41b8e97e276d1baec7c37d42484a0',
} as const;

export const accounts = {
  deployer: privateKeyToAccount(keys.deployer),
  alice: privateKeyToAccount(keys.alice),
  bob: privateKeyToAccount(keys.bob),
  carol: privateKeyToAccount(keys.carol),
  dave: privateKeyToAccount(keys.dave),
  relayer: privateKeyToAccount(keys.relayer),
  manager: privateKeyToAccount(keys.manager),
  reporter1: privateKeyToAccount(keys.reporter1),
  reporter2: privateKeyToAccount(keys.reporter2),
  reporter3: privateKeyToAccount(keys.reporter3),
  cafe: privateKeyToAccount(keys.cafe),
  grocer: privateKeyToAccount(keys.grocer),
  gadgets: privateKeyToAccount(keys.gadgets),
};

/** The anvil.json fee split (with LiquidityIncentives' 20%). */
export const TREASURY = '0xa0Ee7A142d267C1f36714E4a8F75612F20a79720';
export const RESERVE = '0x23618e81E3f5cdF7f54C3d65f7FBc0aBf5B21E8f';
