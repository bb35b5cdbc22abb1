import { useSyncExternalStore } from 'react';

/** Below antd's `md` breakpoint (768 px): phone layout (drawer menu, cards, one column). */
const QUERY = '(max-width: 767.98px)';

function subscribe(cb: () => void) {
  const mq = window.matchMedia(QUERY);
  mq.addEventListener('change', cb);
  return () => mq.removeEventListener('change', cb);
}

export function useIsMobile(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => window.matchMedia(QUERY).matches,
    () => false,
  );
}
