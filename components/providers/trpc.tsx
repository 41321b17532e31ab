"use client";

import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { createTRPCClient, httpBatchLink, httpLink, splitLink } from "@trpc/client";
import { createTRPCContext } from "@trpc/tanstack-react-query";
import { useState, type ReactNode } from "react";
import { wire } from "@/domain/wire";
import type { AppRouter } from "@/server/trpc/root";
import { idempotencyLink } from "./idempotency-link";

export const { TRPCProvider, useTRPC } = createTRPCContext<AppRouter>();

/** tRPC over TanStack Query for client components; pages read on the server, forms mutate here. */
export function TrpcProvider({ children }: { children: ReactNode }) {
  const [queryClient] = useState(
    () => new QueryClient({ defaultOptions: { queries: { staleTime: 30_000, retry: 1 } } }),
  );
  const [trpcClient] = useState(() =>
    createTRPCClient<AppRouter>({
      links: [
        idempotencyLink(),
        // Mutations one per request, each with its Idempotency-Key; reads batched.
        splitLink({
          condition: (op) => op.type === "mutation",
          true: httpLink({
            url: "/api/trpc",
            transformer: wire,
            headers: ({ op }) => {
              const key = op.context.idempotencyKey;
              return typeof key === "string" ? { "Idempotency-Key": key } : {};
            },
          }),
          false: httpBatchLink({ url: "/api/trpc", transformer: wire, maxItems: 10 }),
        }),
      ],
    }),
  );
  return (
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
        {children}
      </TRPCProvider>
    </QueryClientProvider>
  );
}
