/**
 * Renders only the rows in view (plus a margin) when a pivot has hundreds of rows, so a
 * ward × month table of all London stays quick to draw and to scroll.
 */
import { useEffect, useState, type RefObject } from 'react';

const OVERSCAN = 12;
const THRESHOLD = 150;

export function useRowWindow(scroller: RefObject<HTMLElement | null>, count: number, rowHeight: number) {
  const [view, setView] = useState({ top: 0, height: 800 });

  useEffect(() => {
    const el = scroller.current;
    if (!el || count <= THRESHOLD) return;
    let frame = 0;
    const measure = () => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => setView({ top: el.scrollTop, height: el.clientHeight }));
    };
    measure();
    el.addEventListener('scroll', measure, { passive: true });
    window.addEventListener('resize', measure);
    return () => {
      cancelAnimationFrame(frame);
      el.removeEventListener('scroll', measure);
      window.removeEventListener('resize', measure);
    };
  }, [scroller, count]);

  if (count <= THRESHOLD) return { start: 0, end: count, padTop: 0, padBottom: 0 };
  const start = Math.max(0, Math.floor(view.top / rowHeight) - OVERSCAN);
  const end = Math.min(count, Math.ceil((view.top + view.height) / rowHeight) + OVERSCAN);
  return { start, end, padTop: start * rowHeight, padBottom: (count - end) * rowHeight };
}
