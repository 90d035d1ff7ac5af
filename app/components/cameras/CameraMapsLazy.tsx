import { lazy, Suspense, useEffect, useState } from "react";
import type { EditorMapProps, RegisterMapProps } from "~/components/cameras/camera-map.client";

const RegisterMap = lazy(() => import("~/components/cameras/camera-map.client").then((m) => ({ default: m.RegisterMap })));
const EditorMap = lazy(() => import("~/components/cameras/camera-map.client").then((m) => ({ default: m.EditorMap })));

function useMounted() {
  const [mounted, setMounted] = useState(false);
  useEffect(() => setMounted(true), []);
  return mounted;
}

/** The public register's map after hydration only; the server and no-JS browsers get the fallback (the list is below). */
export function RegisterMapLazy(props: RegisterMapProps & { fallback: string }) {
  const mounted = useMounted();
  const { fallback, ...rest } = props;
  const placeholder = <p className="muted map-placeholder">{fallback}</p>;
  if (!mounted) return placeholder;
  return (
    <Suspense fallback={placeholder}>
      <RegisterMap {...rest} />
    </Suspense>
  );
}

/** The staff form's map (position and corner points); the text fields are the accessible path. */
export function EditorMapLazy(props: EditorMapProps & { fallback: string }) {
  const mounted = useMounted();
  const { fallback, ...rest } = props;
  const placeholder = <p className="muted map-placeholder">{fallback}</p>;
  if (!mounted) return placeholder;
  return (
    <Suspense fallback={placeholder}>
      <EditorMap {...rest} />
    </Suspense>
  );
}
