/**
 * Where each view is scrolled to. The views share the window's one scrollbar, so without this a
 * view opened from the sidebar would open as far down as the last view was scrolled (the
 * Revisions view 580 px down, its heading and controls out of sight). A view opens at its top
 * the first time, and where the analyst left it on a return: the views keep their state while
 * hidden (App.tsx), and their place on the page is part of it.
 */
import { useEffect, useLayoutEffect, useRef } from 'react';

export function useViewScroll(view: string): void {
  const places = useRef(new Map<string, number>());
  const shown = useRef(view);

  // Noted as the analyst scrolls: by the time the next view is drawn the old one is parked and
  // the page may have shrunk under it, moving the scrollbar.
  useEffect(() => {
    const note = () => places.current.set(shown.current, window.scrollY);
    window.addEventListener('scroll', note, { passive: true });
    return () => window.removeEventListener('scroll', note);
  }, []);

  // Before the paint, so the new view never shows a frame at the old view's place.
  useLayoutEffect(() => {
    if (shown.current === view) return;
    shown.current = view;
    window.scrollTo(0, places.current.get(view) ?? 0);
  }, [view]);
}
