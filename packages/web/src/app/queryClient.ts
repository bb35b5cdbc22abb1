import { QueryClient } from '@tanstack/react-query';
import { isApiError } from '../api/client.ts';

export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      refetchOnWindowFocus: false,
      staleTime: 15_000,
      // A 4xx will not fix itself; retry only network or server trouble, once.
      retry: (count, err) => !(isApiError(err) && err.status >= 400 && err.status < 500) && count < 1,
      // An answer that failed stays failed when the page re-renders around it: a component that
      // shows a skeleton while a query is pending and mounts the query's reader after it failed
      // would otherwise refetch on every mount (a 403 re-requested 1,373 times in one visit).
      // Retry buttons, key changes and invalidations still fetch again.
      retryOnMount: false,
    },
  },
});
