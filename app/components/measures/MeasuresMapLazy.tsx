import { lazy, Suspense, useEffect, useState } from "react";
import type { MeasuresMapProps } from "~/components/measures/measures-map.client";

const MeasuresMap = lazy(() => import("~/components/measures/measures-map.client"));

/** Renders the Leaflet map after hydration only; the server and no-JS browsers get the fallback. */
export function MeasuresMapLazy(props: MeasuresMapProps & { fallback: string }) {
  const [mounted, setMounted] = useState(false);
  useEffect(() => setMounted(true), []);
  const { fallback, ...rest } = props;
  const placeholder = <p className="muted map-placeholder">{fallback}</p>;
  if (!mounted) return placeholder;
  return (
    <Suspense fallback={placeholder}>
      <MeasuresMap {...rest} />
    </Suspense>
  );
}
