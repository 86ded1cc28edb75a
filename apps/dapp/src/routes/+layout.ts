// A pure single-page app: wallets need `window` and EIP-6963 events, and the chain is only known at run time
// from /config.json. adapter-static writes the 200.html fallback that serves every route.
export const ssr = false;
export const prerender = false;
