import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { formatPreciseStamp } from "~/domain/common/format";
import { listAudit, listAuditActions } from "~/domain/audit/audit.server";
import { requireStaff } from "~/http/auth.server";
import { titleFor } from "~/utils/i18n-helpers";

export const meta: MetaFunction = ({ matches }) => titleFor(matches, "audit.title");

const date = z.union([z.literal(""), z.string().regex(/^\d{4}-\d{2}-\d{2}$/)]).optional();
const FilterSchema = z.object({
  action: z.string().max(64).optional(),
  actor: z.string().max(254).optional(),
  from: date,
  to: date,
  before: z.coerce.number().int().positive().optional(),
});

const PAGE = 100;

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireStaff(request, context, "audit.read");
  const params = Object.fromEntries(new URL(request.url).searchParams);
  const parsed = FilterSchema.safeParse(params);
  const filter = parsed.success ? parsed.data : {};
  const [rows, actions] = await Promise.all([
    listAudit(context.db, { ...filter, from: filter.from || undefined, to: filter.to || undefined, limit: PAGE }),
    listAuditActions(context.db),
  ]);
  return json({ rows, actions, filter, invalid: !parsed.success, hasMore: rows.length === PAGE });
}

export default function AuditLog() {
  const { rows, actions, filter, invalid, hasMore } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const older = new URLSearchParams();
  for (const [k, v] of Object.entries(filter)) if (v && k !== "before") older.set(k, String(v));
  if (rows.length) older.set("before", String(rows[rows.length - 1].id));
  return (
    <>
      <h1>{t("audit.title")}</h1>
      <p>{t("audit.intro")}</p>
      {invalid ? (
        <p className="error-message" role="alert">
          {t("errors.date")}
        </p>
      ) : null}
      <Form method="get" className="filter-form">
        <div className="field">
          <label htmlFor="action">{t("audit.action")}</label>
          <select id="action" name="action" defaultValue={filter.action ?? ""}>
            <option value="">{t("audit.allActions")}</option>
            {actions.map((a) => (
              <option key={a} value={a}>
                {a}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="actor">{t("audit.actor")}</label>
          <input id="actor" name="actor" type="search" defaultValue={filter.actor ?? ""} />
        </div>
        <div className="field">
          <label htmlFor="from">{t("audit.from")}</label>
          <input id="from" name="from" type="date" defaultValue={filter.from ?? ""} />
        </div>
        <div className="field">
          <label htmlFor="to">{t("audit.to")}</label>
          <input id="to" name="to" type="date" defaultValue={filter.to ?? ""} />
        </div>
        <button type="submit">{t("audit.filter")}</button>
      </Form>
      {rows.length === 0 ? (
        <p>{t("audit.none")}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t("audit.at")}</th>
                <th scope="col">{t("audit.action")}</th>
                <th scope="col">{t("audit.actor")}</th>
                <th scope="col">{t("audit.target")}</th>
                <th scope="col">{t("audit.details")}</th>
                <th scope="col">{t("audit.ip")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id}>
                  <td>
                    <time dateTime={r.at}>{formatPreciseStamp(r.at, i18n.language)}</time>
                  </td>
                  <td>
                    <code>{r.action}</code>
                  </td>
                  <td>{r.actorEmail ?? t("audit.system")}</td>
                  <td>{r.targetType ? `${r.targetType} ${r.targetId ?? ""}` : ""}</td>
                  <td>
                    <code className="details">{r.details ? JSON.stringify(r.details) : ""}</code>
                  </td>
                  <td>{r.ip}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {hasMore ? <Link to={`?${older.toString()}`}>{t("audit.older")}</Link> : null}
    </>
  );
}
