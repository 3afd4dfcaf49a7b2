import { useLocation } from '@remix-run/react';
import { useEffect, useRef, type RefObject } from 'react';

/**
 * After a client-side navigation to another page, keyboard focus would be left on the element
 * that started it — usually unmounted with the old page, so the browser's next Tab starts from
 * wherever that element used to be, in the middle of the new page. A full page load starts from
 * the top, where the skip link is; this does the same: when the path changes and focus has
 * fallen back to <body>, the page's top container (tabIndex -1) takes it, so the next Tab is the
 * skip link. A page that focused something itself (a form's heading, a field with an error)
 * keeps it, and same-page updates (search, ?request=1) are left alone.
 */
export function useFocusResetOnNavigation(top: RefObject<HTMLElement>) {
  const { pathname } = useLocation();
  const previous = useRef(pathname);
  useEffect(() => {
    if (previous.current === pathname) return;
    previous.current = pathname;
    const active = document.activeElement;
    if (!active || active === document.body) top.current?.focus({ preventScroll: true });
  }, [pathname, top]);
}
