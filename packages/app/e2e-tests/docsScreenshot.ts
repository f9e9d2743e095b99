import fs from 'node:fs';
import { Locator, Page } from '@playwright/test';
import { screenshotPath } from './signIn';

/**
 * Times, ages, durations, ids and a test run's own names change on every run: the text beside a
 * screenshot holds a placeholder.
 */
const VOLATILE: [RegExp, string][] = [
  [/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?(\.\d+)?Z?/g, '<time>'],
  [/\b\d+ (seconds?|minutes?|hours?|days?) ago\b/g, '<age>'],
  [/\b\d+ (seconds?|minutes?|hours?)\b/g, '<duration>'],
  [/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/g, '<id>'],
  [/\b[0-9a-f]{40}\b/g, '<hash>'],
  [/\be2e-[0-9a-z]{8}\b/g, '<run>'],
];

/** The visible text of a captured region, one trimmed line per line, volatile parts masked. */
export function screenshotText(innerText: string): string {
  let text = innerText
    .split('\n')
    .map(l => l.trim())
    .filter(Boolean)
    .join('\n');
  for (const [re, to] of VOLATILE) text = text.replace(re, to);
  return `${text}\n`;
}

/**
 * Saves a screenshot the docs show, and beside it the visible text of the same region
 * (`<name>.txt`): the test command compares that text with the one committed next to the image
 * in docs/user-guide/img (scripts/docs/screenshots.mjs), so an image of a page that has changed
 * fails instead of going stale. A page is captured whole; its text is read from `textOf` (for
 * a docs page, the TechDocs content inside its shadow root), else from the page's body.
 */
export async function docsScreenshot(
  target: Page | Locator,
  name: string,
  textOf?: Locator,
): Promise<void> {
  const path = screenshotPath(name);
  let region: Locator;
  if ('goto' in target) {
    await target.screenshot({ path, fullPage: true });
    region = textOf ?? target.locator('body').first();
  } else {
    await target.screenshot({ path });
    region = textOf ?? target;
  }
  fs.writeFileSync(
    path.replace(/\.png$/, '.txt'),
    screenshotText(await region.innerText()),
  );
}
