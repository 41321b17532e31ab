"use client";

import { hashKey, useQueryClient, type QueryKey } from "@tanstack/react-query";
import { useEffect, useState } from "react";

/**
 * Type-ahead answers (communes, known organisations) read through the shared query cache with
 * `fetchQuery`, so repeated words are served from the cache and requests are deduplicated.
 * It does without `useQuery` on purpose: the query observer it brings weighed 2.4 kB gzip on
 * the alliance form's pages, which must stay under 180 kB of first-load JavaScript (BENCHMARKS.md).
 * An answer is shown only for the words it was asked for; a late answer to older words is dropped.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any arguments: only the answer's type is read
export function useLookup<O extends { queryKey: QueryKey; queryFn?: (...args: any[]) => unknown }>(
  options: O,
  enabled: boolean,
) {
  type T = Awaited<ReturnType<NonNullable<O["queryFn"]>>>;
  const queryClient = useQueryClient();
  const key = hashKey(options.queryKey);
  const [answer, setAnswer] = useState<{ key: string; data: T }>();
  useEffect(() => {
    if (!enabled) return;
    let current = true;
    queryClient
      .fetchQuery(options as Parameters<typeof queryClient.fetchQuery>[0])
      .then((data) => current && setAnswer({ key, data: data as T }))
      // A failed look-up offers no suggestion; the field still takes typed text.
      .catch(() => current && setAnswer(undefined));
    return () => {
      current = false;
    };
    // `key` stands for `options`: a new object at each render, the same words.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [queryClient, key, enabled]);
  return enabled && answer?.key === key ? answer.data : undefined;
}
