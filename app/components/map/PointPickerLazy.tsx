import { lazy, Suspense, useEffect, useState } from "react";
import type { PointPickerProps } from "~/components/map/point-picker.client";

const PointPicker = lazy(() => import("~/components/map/point-picker.client"));

/** Renders the Leaflet picker after hydration only; the server and no-JS browsers get the fallback. */
export function PointPickerLazy(props: PointPickerProps & { fallback: string }) {
  const [mounted, setMounted] = useState(false);
  useEffect(() => setMounted(true), []);
  const { fallback, ...rest } = props;
  const placeholder = <p className="muted map-placeholder">{fallback}</p>;
  if (!mounted) return placeholder;
  return (
    <Suspense fallback={placeholder}>
      <PointPicker {...rest} />
    </Suspense>
  );
}
