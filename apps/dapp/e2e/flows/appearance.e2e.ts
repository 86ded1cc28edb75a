// Dark mode follows the OS unless the user picks a theme (remembered); keyboard users get a skip link and
// visible focus rings.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { e2eStack, openDapp } from '../harness';

const stack = e2eStack();
const background = (page: Page) => page.evaluate(() => getComputedStyle(document.body).backgroundColor);

describe('appearance and keyboard', () => {
  it('renders dark when the OS prefers it, and light when the user chooses so', async () => {
    const app = await openDapp(stack, { colorScheme: 'dark' });
    try {
      const { page } = app;
      await page.getByTestId('stat-supply').and(page.locator('[aria-busy="false"]')).waitFor();
      expect(await background(page)).toBe('rgb(14, 16, 23)');
      expect(await page.evaluate(() => getComputedStyle(document.body).color)).toBe('rgb(236, 238, 244)');
      await app.screenshot('overview-dark');

      await page.getByLabel('Colour theme').selectOption('light');
      expect(await background(page)).toBe('rgb(246, 247, 251)');
      await page.reload();
      await page.getByTestId('stat-supply').waitFor();
      expect(await background(page)).toBe('rgb(246, 247, 251)');
      expect(await page.getByLabel('Colour theme').inputValue()).toBe('light');
      await page.getByLabel('Colour theme').selectOption('system');
      expect(await background(page)).toBe('rgb(14, 16, 23)');
      expect(app.errors).toEqual([]);
    } finally {
      await app.close();
    }
  });

  it('renders light by default, and fits a phone screen', async () => {
    const app = await openDapp(stack, { colorScheme: 'light' });
    try {
      const { page } = app;
      await page.getByTestId('stat-supply').and(page.locator('[aria-busy="false"]')).waitFor();
      expect(await background(page)).toBe('rgb(246, 247, 251)');
      await app.screenshot('overview-light');
      await page.setViewportSize({ width: 390, height: 844 });
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      await app.screenshot('overview-phone');
      expect(app.errors).toEqual([]);
    } finally {
      await app.close();
    }
  });

  it('has a skip link and visible focus for keyboard users', async () => {
    const app = await openDapp(stack);
    try {
      const { page } = app;
      await page.getByTestId('stat-supply').waitFor();
      await page.keyboard.press('Tab');
      const skip = page.getByRole('link', { name: 'Skip to content' });
      expect(await skip.evaluate((el) => el === document.activeElement)).toBe(true);
      expect(await skip.evaluate((el) => el.getBoundingClientRect().top >= 0)).toBe(true);
      await page.keyboard.press('Enter');
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');

      await page.keyboard.press('Shift+Tab');
      await page.keyboard.press('Tab'); // back into the page from the skip target
      const focused = await page.evaluate(() => {
        const el = document.activeElement as HTMLElement;
        const style = getComputedStyle(el);
        return { tag: el.tagName, outline: style.outlineStyle, width: style.outlineWidth };
      });
      expect(focused.outline).toBe('solid');
      expect(focused.width).toBe('3px');

      // The amount field shows its ring on the field's box.
      await page.getByLabel('You pay').focus();
      const ring = await page
        .getByLabel('You pay')
        .evaluate((el) => getComputedStyle(el.parentElement!).outlineStyle);
      expect(ring).toBe('solid');
      expect(app.errors).toEqual([]);
    } finally {
      await app.close();
    }
  });
});
