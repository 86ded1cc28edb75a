import type { ChildProcess } from 'node:child_process';

/** The Foundry project (`contracts/`). */
export declare const contractsDir: string;

/** A Foundry binary that is missing, a port that is taken, an anvil that did not start. */
export declare class FoundryError extends Error {}

/** Absolute path of an npm-installed Foundry binary; a {@link FoundryError} naming the package when missing. */
export declare function foundryBinary(tool: 'forge' | 'anvil' | 'cast'): string;

/** Whether nothing listens on host:port. */
export declare function isPortFree(host: string, port: number): Promise<boolean>;

/** A port the OS considers free right now. */
export declare function freePort(host?: string): Promise<number>;

/** One JSON-RPC call; throws {@link FoundryError} on a JSON-RPC error. */
export declare function rpc(rpcUrl: string, method: string, params?: unknown[]): Promise<unknown>;

export interface AnvilOptions {
  /** Default 127.0.0.1. */
  host?: string;
  /** Default 8545. A taken port is a {@link FoundryError} that says what answers there. */
  port?: number;
  chainId?: number;
  /** Seconds between blocks; default: a block per transaction. */
  blockTime?: number;
  /** Extra anvil arguments. */
  args?: string[];
  /** anvil's stdout and stderr. */
  onOutput?: (chunk: string) => void;
  /** How long to wait for JSON-RPC; default 30 s. */
  timeoutMs?: number;
  /** Kill anvil if this process dies without calling stop(); default true. */
  watchdog?: boolean;
}

export interface Anvil {
  rpcUrl: string;
  host: string;
  port: number;
  chainId: number;
  pid: number | undefined;
  process: ChildProcess;
  /** Resolves when anvil exits (for whatever reason). */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** SIGTERM (SIGKILL after 5 s) and wait for the exit; idempotent. */
  stop(): Promise<void>;
}

/** Starts anvil and waits until it answers JSON-RPC. */
export declare function startAnvil(options?: AnvilOptions): Promise<Anvil>;
