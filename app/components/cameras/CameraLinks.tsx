import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { CameraState } from "~/domain/cameras/state";

/** On a walk pin or a measure: the cameras proposed from it, and a link to propose one. */
export function CameraLinks({
  cameras,
  proposeHref,
  proposeLabel,
  headingLevel = 3,
}: {
  cameras: ReadonlyArray<{ id: number; name: string; state: CameraState }>;
  proposeHref: string | null;
  proposeLabel: string;
  headingLevel?: 2 | 3 | 4;
}) {
  const { t } = useTranslation();
  const H = `h${headingLevel}` as const;
  return (
    <div className="camera-links" data-slot="camera-links">
      <H>{t("cameras.links.heading")}</H>
      {cameras.length ? (
        <ul>
          {cameras.map((c) => (
            <li key={c.id}>
              <Link to={`/personal/kameror/${c.id}`}>{t("cameras.links.linked", { name: c.name, state: t(`cameras.state.${c.state}`) })}</Link>
            </li>
          ))}
        </ul>
      ) : null}
      {proposeHref ? (
        <p>
          <Link to={proposeHref}>{proposeLabel}</Link>
        </p>
      ) : null}
    </div>
  );
}
