import { parseDeployment, type Deployment } from '@plaza/abi';
import { createPlazaClient, type PlazaClient } from '@plaza/sdk';
import { createPublicClient, createWalletClient, http, type Hex } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { foundry } from 'viem/chains';

// A client for the devnet (`npm start`): its address book is .plaza/devnet/deployment.json. On a chain listed
// in @plaza/abi's address book, leave `deployment` out.
export function connect(rpcUrl: string, deploymentJson: unknown, privateKey: Hex): PlazaClient {
  const deployment: Deployment = parseDeployment(deploymentJson);
  const transport = http(rpcUrl);
  return createPlazaClient({
    publicClient: createPublicClient({ chain: foundry, transport }),
    walletClient: createWalletClient({ chain: foundry, transport, account: privateKeyToAccount(privateKey) }),
    chainId: foundry.id,
    deployment,
  });
}
