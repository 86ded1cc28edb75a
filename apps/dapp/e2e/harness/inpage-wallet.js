// The injected test wallet, as a real wallet extension would put it in the page: an EIP-1193 provider per
// configured wallet, announced through EIP-6963 (and re-announced on request), optionally also installed as
// the legacy window.ethereum. Every request goes to Node through a Playwright binding (see node-wallet.ts),
// where a viem local account signs and anvil executes. Plain browser JavaScript: it is injected as text with
// context.addInitScript before any app code runs; its options are in window.__e2eWalletOptions.
(() => {
  const options = window.__e2eWalletOptions;
  if (!options || window.__e2eWalletEmit) return;
  const emitters = {};
  window.__e2eWalletEmit = (binding, event, payload) => emitters[binding]?.(event, payload);

  for (const spec of options.wallets) {
    const listeners = new Map();
    const provider = {
      isPlazaE2E: true,
      async request(args) {
        if (!args || typeof args.method !== 'string')
          throw new TypeError('request({ method, params }) expected');
        const call = window[spec.binding];
        if (typeof call !== 'function')
          throw Object.assign(new Error('Wallet bridge missing'), { code: 4900 });
        const reply = await call({ method: args.method, params: args.params ?? [] });
        if (reply && reply.error) {
          const error = new Error(reply.error.message);
          error.code = reply.error.code;
          if (reply.error.data !== undefined) error.data = reply.error.data;
          throw error;
        }
        return reply ? reply.result : undefined;
      },
      on(event, listener) {
        if (!listeners.has(event)) listeners.set(event, new Set());
        listeners.get(event).add(listener);
        return provider;
      },
      removeListener(event, listener) {
        listeners.get(event)?.delete(listener);
        return provider;
      },
    };
    emitters[spec.binding] = (event, payload) => {
      for (const listener of listeners.get(event) ?? []) listener(payload);
    };
    const detail = Object.freeze({
      info: Object.freeze({ uuid: spec.uuid, name: spec.name, icon: spec.icon, rdns: spec.rdns }),
      provider,
    });
    const announce = () => window.dispatchEvent(new CustomEvent('eip6963:announceProvider', { detail }));
    window.addEventListener('eip6963:requestProvider', announce);
    announce();
    if (spec.legacy && !window.ethereum) window.ethereum = provider;
  }
})();
