/** The deployment failed; `output` is forge's full output. */
export declare class DeployError extends Error {
  readonly output: string;
  constructor(message: string, output: string);
}

export interface DeployProgress {
  phase: 'start' | 'compile' | 'simulate' | 'broadcast' | 'done';
  message: string;
}

export interface DeployOptions {
  rpcUrl: string;
  /** The deployer: 0x + 64 hex digits. */
  privateKey: string;
  /** Picks `deployments/config/<network>.json`; default `anvil`. */
  network?: string;
  /** Another config file. */
  configPath?: string;
  /** Where the address book goes; default `packages/abi/deployments/<chainId>.json`. */
  outputPath?: string;
  /** forge `--slow` (one transaction at a time, each mined before the next); default on. */
  slow?: boolean;
  onProgress?: (event: DeployProgress) => void;
  /** Every line forge prints. */
  onOutput?: (line: string) => void;
  /** Aborting stops forge and rejects with a DeployError. */
  signal?: AbortSignal;
}

/** The `@plaza/abi` address book format. */
export interface AddressBookJson {
  chainId: number;
  network: string;
  contracts: Record<string, { address: `0x${string}`; block: number }>;
}

export interface DeployResult {
  deployment: AddressBookJson;
  outputPath: string;
  /** Transactions broadcast. */
  transactions: number;
  /** forge's output. */
  output: string;
}

/** Runs script/Deploy.s.sol with forge and writes the address book with exact deployment blocks. */
export declare function deployPlaza(options: DeployOptions): Promise<DeployResult>;
