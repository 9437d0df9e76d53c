// How wide a form's select must be to read whole, measured in the page (the Pivot, Revisions,
// Map and Hotspots forms are held to it).
import type { Locator } from 'playwright-core';

/**
 * How wide a select must be to show its chosen option whole (or, with `every`, any of its
 * options): a copy left to its own width beside it, with the same font.
 */
export function fit(select: Locator, every: boolean) {
  return select.evaluate((sel, all) => {
    const probe = sel.cloneNode(true) as typeof sel;
    if (!all) [...probe.options].forEach((o, i) => i !== sel.selectedIndex && o.remove());
    probe.style.cssText =
      'position:absolute;visibility:hidden;width:auto;min-width:0;max-width:none;flex:none';
    sel.parentElement!.appendChild(probe);
    const need = probe.getBoundingClientRect().width;
    probe.remove();
    const box = sel.getBoundingClientRect();
    const card = sel.closest('.card')!.getBoundingClientRect();
    return {
      need,
      width: box.width,
      right: box.right,
      cardRight: card.right,
      title: sel.title,
      chosen: sel.options[sel.selectedIndex].text,
    };
  }, every);
}
