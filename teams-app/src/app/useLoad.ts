import { useCallback, useEffect, useState } from "react";

export type LoadState<T> = { status: "loading" } | { status: "ok"; data: T } | { status: "error"; error: unknown };

/** Run an async loader on mount (and on reload()); ignores results that arrive after unmount. */
export function useLoad<T>(loader: () => Promise<T>, deps: readonly unknown[]): [LoadState<T>, () => void] {
  const [state, setState] = useState<LoadState<T>>({ status: "loading" });
  const [attempt, setAttempt] = useState(0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the caller lists the loader's inputs
  useEffect(() => {
    let live = true;
    setState({ status: "loading" });
    loader().then(
      (data) => live && setState({ status: "ok", data }),
      (error: unknown) => live && setState({ status: "error", error }),
    );
    return () => {
      live = false;
    };
  }, [attempt, ...deps]);
  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  return [state, reload];
}
