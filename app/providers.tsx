'use client';
import { useState, type ReactNode } from 'react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { Toaster } from 'sonner';
import { ApiRequestError } from '@/lib/api-client';
import { useTheme } from '@/components/shell/theme';

function makeQueryClient() {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 10_000,
        refetchOnWindowFocus: false,
        // A 4xx (forbidden, not found, bad request) will not fix itself: show it at once.
        retry: (count, err) =>
          !(err instanceof ApiRequestError && err.status >= 400 && err.status < 500) && count < 2,
      },
    },
  });
}

function ThemedToaster() {
  const theme = useTheme();
  return <Toaster theme={theme ?? 'system'} position="bottom-right" richColors closeButton />;
}

export function Providers({ children }: { children: ReactNode }) {
  const [client] = useState(makeQueryClient);
  return (
    <QueryClientProvider client={client}>
      {children}
      <ThemedToaster />
    </QueryClientProvider>
  );
}
