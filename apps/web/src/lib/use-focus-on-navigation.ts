import { useEffect, useRef } from 'react';
import { useLocation, useNavigationType } from 'react-router';

/** After a client-side navigation, screen readers start reading the new page, not the old spot. */
export const useFocusOnNavigation = () => {
  const { pathname } = useLocation();
  const main = useRef<HTMLElement>(null);
  // Compared with the last path (not a "first render" flag), so StrictMode's second run of the
  // effect does not steal the focus on the first page.
  const shown = useRef(pathname);
  const navigation = useNavigationType();
  useEffect(() => {
    if (shown.current === pathname) return;
    shown.current = pathname;
    main.current?.focus({ preventScroll: true });
    // A new page starts at its top; back and forward keep the browser's own scroll restoration.
    if (navigation !== 'POP') window.scrollTo(0, 0);
  }, [pathname, navigation]);
  return main;
};
