import { lazy, Suspense, useEffect, useState } from "react";
import type { WalkMapProps } from "~/components/walks/walk-map.client";

const WalkMap = lazy(() => import("~/components/walks/walk-map.client"));

/** The Leaflet map after hydration only; the server and no-JS browsers get the fallback text (the list is the full path). */
export function WalkMapLazy(props: WalkMapProps & { fallback: string; label: string }) {
  const [mounted, setMounted] = useState(false);
  useEffect(() => setMounted(true), []);
  const { fallback, label, ...rest } = props;
  const placeholder = <p className="muted map-placeholder">{fallback}</p>;
  return (
    <div className="map-frame" role="region" aria-label={label}>
      {mounted ? (
        <Suspense fallback={placeholder}>
          <WalkMap {...rest} />
        </Suspense>
      ) : (
        placeholder
      )}
    </div>
  );
}
