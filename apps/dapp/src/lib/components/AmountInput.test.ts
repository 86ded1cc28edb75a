// @vitest-environment happy-dom
import { flushSync, mount, unmount } from 'svelte';
import { afterEach, describe, expect, it } from 'vitest';
import AmountInput from './AmountInput.svelte';

const USDC = { symbol: 'USDC', decimals: 6 };
let component: ReturnType<typeof mount> | undefined;

afterEach(() => {
  if (component) unmount(component);
  component = undefined;
  document.body.innerHTML = '';
});

function render(props: Record<string, unknown>) {
  component = mount(AmountInput, {
    target: document.body,
    props: { id: 'amount', label: 'You pay', token: USDC, ...props },
  });
  flushSync();
  return document.getElementById('amount') as HTMLInputElement;
}

describe('AmountInput', () => {
  it('is a labelled decimal field described by its hint and error', () => {
    const input = render({ balance: 25_000_000_000n });
    const label = document.querySelector('label[for="amount"]');
    expect(label?.textContent).toBe('You pay');
    expect(input.getAttribute('inputmode')).toBe('decimal');
    expect(input.getAttribute('aria-describedby')).toBe('amount-hint amount-error');
    expect(input.getAttribute('aria-invalid')).toBeNull();
    expect(document.getElementById('amount-hint')?.textContent?.replace(/\s+/g, ' ').trim()).toBe(
      'Balance: 25,000 USDC',
    );
    expect(document.getElementById('amount-error')?.getAttribute('aria-live')).toBe('polite');
  });

  it('marks the field invalid and shows the message', () => {
    const input = render({ error: 'More than your balance of 10 USDC.' });
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById('amount-error')?.textContent).toBe('More than your balance of 10 USDC.');
  });

  it('fills in the maximum with every decimal', () => {
    const input = render({ balance: 1_234_567_891n });
    const max = document.querySelector<HTMLButtonElement>('button[aria-label="Max USDC"]')!;
    expect(max.textContent).toBe('Max');
    max.click();
    flushSync();
    expect(input.value).toBe('1234.567891');
  });

  it('has no Max button without a balance, or when disabled', () => {
    render({});
    expect(document.querySelector('button')).toBeNull();
    unmount(component!);
    document.body.innerHTML = '';
    component = undefined;
    render({ balance: 5n, disabled: true });
    expect(document.querySelector('button')).toBeNull();
  });
});
