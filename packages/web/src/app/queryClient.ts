import { QueryClient } from '@tanstack/react-query';
import { isApiError } from '../api/client.ts';

export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      refetchOnWindowFocus: false,
      staleTime: 15_000,
      // A 4xx will not fix itself; retry only network or server trouble, once.
      retry: (count, err) => !(isApiError(err) && err.status >= 400 && err.status < 500) && count < 1,
    },
  },
});
