/**
 * How many frames (up to `stages`) a view has been on screen for. A hidden view is not laid out
 * at all, so showing it lays out everything in it at once; a view that opens with its light
 * parts (title, summary) and adds its heavy ones over the next frames answers the click at once
 * and never holds the UI thread for the whole of it. Back to 0 when the view is hidden.
 */
import { useEffect, useState, type RefObject } from 'react';

export function useFramesShown(ref: RefObject<HTMLElement | null>, present: boolean, stages: number): number {
  const [shown, setShown] = useState(0);
  useEffect(() => {
    const el = ref.current;
    if (!el || typeof ResizeObserver === 'undefined') {
      setShown(stages);
      return;
    }
    let frame = 0;
    const next = (stage: number) => {
      frame = requestAnimationFrame(() => {
        setShown((s) => Math.max(s, stage));
        if (stage < stages) next(stage + 1);
      });
    };
    // Told after each layout of the view: a size means it is on screen, none that it is hidden.
    const observer = new ResizeObserver(([entry]) => {
      cancelAnimationFrame(frame);
      if (!entry || entry.contentRect.height === 0) return setShown(0);
      // This frame paints the light parts; each of the next ones adds a part more.
      next(1);
    });
    observer.observe(el);
    return () => {
      observer.disconnect();
      cancelAnimationFrame(frame);
    };
  }, [ref, present, stages]);
  return shown;
}
