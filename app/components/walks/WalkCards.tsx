import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatSpan } from "~/domain/common/format";
import type { Walk } from "~/domain/walks/walks.server";

export function WalkCards({ walks }: { walks: Walk[] }) {
  const { t, i18n } = useTranslation();
  return (
    <ul className="card-list">
      {walks.map((w) => (
        <li key={w.id} className="card">
          <h3 className="card-title">
            <Link to={`/vandringar/${w.id}`}>{w.title}</Link>
          </h3>
          <p>
            {w.districtName} · {formatSpan(w.startsAt, w.endsAt, i18n.language)} · {t(`walks.light.${w.expectedLight}`)} · {t(`walks.status.${w.status}`)}
          </p>
        </li>
      ))}
    </ul>
  );
}
