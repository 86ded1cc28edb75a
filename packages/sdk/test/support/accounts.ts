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
} as const;

export const accounts = {
  deployer: privateKeyToAccount(keys.deployer),
  alice: privateKeyToAccount(keys.alice),
  bob: privateKeyToAccount(keys.bob),
  carol: privateKeyToAccount(keys.carol),
  dave: privateKeyToAccount(keys.dave),
  relayer: privateKeyToAccount(keys.relayer),
};

/** The anvil.json fee split. */
export const TREASURY = '0xa0Ee7A142d267C1f36714E4a8F75612F20a79720';
export const RESERVE = '0x23618e81E3f5cdF7f54C3d65f7FBc0aBf5B21E8f';
