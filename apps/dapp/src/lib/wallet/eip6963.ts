// EIP-6963 multi-wallet discovery (https://eips.ethereum.org/EIPS/eip-6963): every injected wallet announces
// itself with a name, icon and reverse-DNS id, so none of them has to win `window.ethereum`. The legacy
// `window.ethereum` is offered too when no announced wallet is that same object.
import type { Eip1193Provider } from '../chain/clients';

export interface WalletInfo {
  readonly uuid: string;
  readonly name: string;
  /** A data: URI (the EIP requires it). */
  readonly icon: string;
  readonly rdns: string;
}

export interface DiscoveredWallet {
  readonly info: WalletInfo;
  readonly provider: Eip1193Provider;
}

export const LEGACY_RDNS = 'window.ethereum';

function isProvider(value: unknown): value is Eip1193Provider {
  return (
    typeof value === 'object' && value !== null && typeof (value as Eip1193Provider).request === 'function'
  );
}

function isInfo(value: unknown): value is WalletInfo {
  const info = value as Partial<WalletInfo> | null;
  return (
    typeof info === 'object' &&
    info !== null &&
    typeof info.uuid === 'string' &&
    typeof info.name === 'string' &&
    info.name.length > 0 &&
    typeof info.rdns === 'string' &&
    info.rdns.length > 0 &&
    typeof info.icon === 'string'
  );
}

/** Only data: image URIs are shown as icons (a wallet cannot make the page load a URL). */
export function safeIcon(icon: string): string | undefined {
  return /^data:image\/(svg\+xml|png|jpeg|webp|gif)[;,]/i.test(icon) ? icon : undefined;
}

/**
 * Listens for announcements and asks wallets to announce; `onChange` gets the current list (announced wallets
 * in order of arrival, one per rdns, then the legacy provider if it is a different object). Returns a stop
 * function.
 */
export function discoverWallets(
  target: Window & { ethereum?: unknown },
  onChange: (wallets: DiscoveredWallet[]) => void,
): () => void {
  const announced = new Map<string, DiscoveredWallet>();
  const publish = () => {
    const list = [...announced.values()];
    const legacy = target.ethereum;
    if (isProvider(legacy) && !list.some((w) => w.provider === legacy)) {
      const name = (legacy as { isMetaMask?: boolean }).isMetaMask
        ? 'Browser wallet (MetaMask)'
        : 'Browser wallet';
      list.push({ info: { uuid: LEGACY_RDNS, name, icon: '', rdns: LEGACY_RDNS }, provider: legacy });
    }
    onChange(list);
  };
  const onAnnounce = (event: Event) => {
    const detail = (event as CustomEvent<{ info?: unknown; provider?: unknown }>).detail;
    if (!detail || !isInfo(detail.info) || !isProvider(detail.provider)) return;
    const info = detail.info;
    const existing = announced.get(info.rdns);
    if (existing && existing.provider === detail.provider && existing.info.uuid === info.uuid) return;
    announced.set(info.rdns, { info: { ...info }, provider: detail.provider });
    publish();
  };
  target.addEventListener('eip6963:announceProvider', onAnnounce);
  target.dispatchEvent(new Event('eip6963:requestProvider'));
  publish();
  return () => target.removeEventListener('eip6963:announceProvider', onAnnounce);
}
