import type { Page } from 'playwright-core';

/**
 * The page's width, its scroll width and the elements that reach past its right edge: on a phone, what
 * a reader would have to scroll sideways for. Tables scroll inside their own box (`.table-scroll`) by
 * design, and Leaflet's panes reach beyond the map, which clips them.
 */
export const overflowing = (page: Page): Promise<{ width: number; scrollWidth: number; wider: string[] }> =>
  page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const wider = [...document.querySelectorAll('body *')]
      .filter((element) => element.getBoundingClientRect().right > width + 0.5 && !element.closest('.table-scroll, .leaflet-pane'))
      .map((element) => `${element.tagName.toLowerCase()}${element.className ? `.${String(element.className)}` : ''}`);
    return { width, scrollWidth: document.documentElement.scrollWidth, wider };
  });
