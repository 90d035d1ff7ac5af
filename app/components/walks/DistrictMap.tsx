import { useEffect, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { CATEGORIES } from "~/domain/walks/categories";
import type { MapRow } from "~/domain/walks/observations.server";
import type { ObservationFilter } from "~/domain/walks/walk.schema";
import { Notice } from "~/components/forms";
import { WalkMapLazy } from "~/components/walks/WalkMapLazy";

const LIGHTS = ["day", "dusk", "dark"] as const;
const FOLLOWUPS = ["new", "sent", "replied"] as const;

/** The district map: fetches the compact map data once and clusters it in the browser. */
export function DistrictMap({
  slug,
  centre,
  filter,
  map,
}: {
  slug: string;
  centre: { lat: number; lng: number };
  filter: ObservationFilter;
  map: { tileUrl: string; attribution: string };
}) {
  const { t } = useTranslation();
  const [rows, setRows] = useState<MapRow[]>([]);
  const [tilesFailed, setTilesFailed] = useState(false);
  useEffect(() => {
    let cancelled = false;
    void fetch(`/omraden/${slug}/platser.json`)
      .then((r) => r.json() as Promise<{ rows: MapRow[] }>)
      .then((body) => {
        if (cancelled) return;
        performance.mark("walkmap:data");
        setRows(body.rows);
      })
      .catch(() => undefined);
    return () => {
      cancelled = true;
    };
  }, [slug]);
  const points = useMemo(() => {
    const catBit = filter.category ? 1 << CATEGORIES.indexOf(filter.category) : 0;
    const positiveBit = 1 << CATEGORIES.indexOf("positive");
    return rows
      .filter(
        (r) =>
          (!catBit || (r[3] & catBit) !== 0) &&
          (!filter.timeOfDay || LIGHTS[r[5]] === filter.timeOfDay) &&
          (!filter.status || FOLLOWUPS[r[6]] === filter.status),
      )
      .map((r) => ({ id: r[0], lat: r[1], lng: r[2], positive: (r[3] & positiveBit) !== 0, feeling: r[4] }));
  }, [rows, filter.category, filter.timeOfDay, filter.status]);
  const byId = useMemo(() => new Map(rows.map((r) => [r[0], r])), [rows]);
  // Labels only for the markers actually on screen, not for all points.
  const labelFor = (id: number) => {
    const r = byId.get(id);
    if (!r) return String(id);
    const cats = CATEGORIES.filter((_, i) => (r[3] & (1 << i)) !== 0);
    return t("walks.map.marker", { n: id, categories: cats.map((c) => t(`walks.category.${c}`)).join(", "), feeling: r[4] });
  };
  return (
    <>
      {tilesFailed ? <Notice kind="warning">{t("walks.map.tilesFailed")}</Notice> : null}
      <WalkMapLazy
        label={t("walks.map.label")}
        fallback={t("walks.map.loading")}
        tileUrl={map.tileUrl}
        attribution={map.attribution}
        centre={centre}
        route={null}
        routeLabel=""
        meeting={null}
        points={points}
        picked={null}
        pickedLabel=""
        onTilesFailed={() => setTilesFailed(true)}
        onSelect={(id) => document.getElementById(`plats-${id}`)?.scrollIntoView({ block: "center" })}
        clusterLabel={(count) => t("walks.map.cluster", { count })}
        labelFor={labelFor}
        zoom={13}
      />
    </>
  );
}
