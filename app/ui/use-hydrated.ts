import { useEffect, useState } from "react";

/** True once the browser has taken over the page (false in the server render and the first client render). */
export function useHydrated(): boolean {
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  return hydrated;
}
