import { Form } from "@remix-run/react";
import { useRef, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { CATEGORIES, QUICK_RATINGS } from "~/domain/walks/categories";
import { LIGHTS } from "~/domain/walks/lifecycle";
import { WALK_LIMITS, type ObservationPayload } from "~/domain/walks/walk.schema";
import { ErrorSummary } from "~/components/forms";
import { tKey } from "~/i18n/keys";

/** The feeling and quick-rating scale, 0 (bad) to 3 (good): walks.rating.scale0..scale3. */
const SCALE = [0, 1, 2, 3] as const;

export interface Landmark {
  value: string;
  label: string;
}

interface Props {
  walkId: number;
  idempotencyKey: string;
  defaultTimeOfDay: "day" | "dusk" | "dark";
  landmarks: Landmark[];
  groups: Array<{ id: number; name: string }>;
  point: { lat: number; lng: number } | null;
  onPoint: (p: { lat: number; lng: number } | null) => void;
  errors?: Record<string, string> | null;
  draft?: ObservationPayload | null;
  /** With JavaScript: called instead of a page post (socket or offline queue). */
  onSubmit?: (payload: ObservationPayload, photo: File | null) => Promise<Record<string, string> | null>;
  busy?: boolean;
}

function splitError(e: string): [string, string] {
  const i = e.indexOf(":");
  return i > 0 && e.slice(0, i).match(/^[a-zA-Z.]+$/) && !e.startsWith("walks.") ? [e.slice(0, i), e.slice(i + 1)] : ["_form", e];
}
export function errorsFromMessage(message: string): Record<string, string> {
  const [field, key] = splitError(message);
  return { [field.split(".")[0]]: key };
}

export function ObservationForm({ walkId, idempotencyKey, defaultTimeOfDay, landmarks, groups, point, onPoint, errors, draft, onSubmit, busy }: Props) {
  const { t } = useTranslation();
  const formRef = useRef<HTMLFormElement>(null);
  const [locating, setLocating] = useState(false);
  const [geoMessage, setGeoMessage] = useState<string | null>(null);
  const [showLamp, setShowLamp] = useState(draft?.categories.includes("lighting") ?? false);
  const e = errors ?? {};
  const d = draft;

  const locate = () => {
    if (!("geolocation" in navigator)) {
      setGeoMessage(t("walks.observe.positionFailed", { reason: "–" }));
      return;
    }
    setLocating(true);
    setGeoMessage(t("walks.observe.locating"));
    navigator.geolocation.getCurrentPosition(
      (pos) => {
        setLocating(false);
        onPoint({ lat: Number(pos.coords.latitude.toFixed(6)), lng: Number(pos.coords.longitude.toFixed(6)) });
        setGeoMessage(t("walks.observe.positionAccuracy", { meters: Math.round(pos.coords.accuracy) }));
      },
      (err) => {
        setLocating(false);
        setGeoMessage(t("walks.observe.positionFailed", { reason: err.message || String(err.code) }));
      },
      { enableHighAccuracy: true, timeout: 15000, maximumAge: 10000 },
    );
  };

  const handle = async (ev: FormEvent<HTMLFormElement>) => {
    if (!onSubmit) return;
    ev.preventDefault();
    const fd = new FormData(ev.currentTarget);
    const str = (k: string) => {
      const v = fd.get(k);
      return typeof v === "string" ? v : "";
    };
    const payload: ObservationPayload = {
      walkId,
      idempotencyKey: str("idempotencyKey"),
      lat: point ? point.lat : str("lat") ? str("lat") : null,
      lng: point ? point.lng : str("lng") ? str("lng") : null,
      landmark: str("landmark") || null,
      address: str("address"),
      lampPost: str("lampPost"),
      categories: fd.getAll("categories").filter((v): v is string => typeof v === "string") as ObservationPayload["categories"],
      feeling: str("feeling"),
      ratingLighting: str("ratingLighting"),
      ratingOpenness: str("ratingOpenness"),
      ratingVisibility: str("ratingVisibility"),
      ratingPeople: str("ratingPeople"),
      ratingWalkPath: str("ratingWalkPath"),
      description: str("description"),
      timeOfDay: str("timeOfDay") as ObservationPayload["timeOfDay"],
      raisedBy: str("raisedBy"),
      groupId: str("groupId") || null,
    };
    const file = fd.get("photo");
    const photo = file instanceof File && file.size > 0 ? file : null;
    const fieldErrors = await onSubmit(payload, photo);
    if (!fieldErrors) formRef.current?.reset();
  };

  const ratingName = (r: string) => `rating${r[0].toUpperCase()}${r.slice(1)}`;
  const draftValue = (k: string): string => {
    const v = d ? (d as Record<string, unknown>)[k] : undefined;
    return v === null || v === undefined ? "" : String(v);
  };

  return (
    <Form method="post" ref={formRef} onSubmit={handle} noValidate aria-labelledby="observe-heading" key={idempotencyKey}>
      <ErrorSummary errors={errors} targets={{ lat: "point-status", lng: "point-status" }} />
      <input type="hidden" name="intent" value="observe" />
      <input type="hidden" name="idempotencyKey" value={idempotencyKey} />
      <fieldset>
        <legend>{t("walks.observe.whereLegend")}</legend>
        <p aria-live="polite" id="point-status" tabIndex={-1}>
          {point ? t("walks.observe.positionChosen", { latitude: point.lat.toFixed(6), longitude: point.lng.toFixed(6) }) : t("walks.observe.noPosition")}
        </p>
        <p className="inline-form">
          <button type="button" onClick={locate} disabled={locating}>
            {t("walks.observe.useMyPosition")}
          </button>
          {point ? (
            <button type="button" onClick={() => onPoint(null)}>
              {t("walks.observe.clearPoint")}
            </button>
          ) : null}
        </p>
        {geoMessage ? <p role="status">{geoMessage}</p> : null}
        {e.lat ? (
          <p id="lat-error" className="error-message">
            {tKey(t, e.lat)}
          </p>
        ) : null}
        <noscript>
          <p>{t("walks.observe.noJs")}</p>
          <label htmlFor="lat">{t("walks.observe.lat")}</label>
          <input id="lat" name="lat" inputMode="decimal" />
          <label htmlFor="lng">{t("walks.observe.lng")}</label>
          <input id="lng" name="lng" inputMode="decimal" />
        </noscript>
        <div className={`field${e.landmark ? " field-error" : ""}`}>
          <label htmlFor="landmark">{t("walks.observe.landmark")}</label>
          {e.landmark ? (
            <p id="landmark-error" className="error-message">
              {tKey(t, e.landmark)}
            </p>
          ) : null}
          <select id="landmark" name="landmark" defaultValue={draftValue("landmark")} aria-describedby={e.landmark ? "landmark-error" : undefined}>
            <option value="">{t("walks.observe.landmarkNone")}</option>
            {landmarks.map((l) => (
              <option key={l.value} value={l.value}>
                {l.label}
              </option>
            ))}
          </select>
        </div>
        <div className={`field${e.address ? " field-error" : ""}`}>
          <label htmlFor="address">{t("walks.fields.address")}</label>
          {e.address ? (
            <p id="address-error" className="error-message">
              {tKey(t, e.address)}
            </p>
          ) : null}
          <input
            id="address"
            name="address"
            maxLength={WALK_LIMITS.address}
            defaultValue={draftValue("address")}
            aria-describedby={e.address ? "address-error" : undefined}
          />
        </div>
      </fieldset>
      <fieldset>
        <legend>{t("walks.observe.whatLegend")}</legend>
        <fieldset id="categories" tabIndex={-1}>
          <legend>{t("walks.fields.categories")}</legend>
          {e.categories ? (
            <p id="categories-error" className="error-message">
              {tKey(t, e.categories)}
            </p>
          ) : null}
          <div className="chips">
            {CATEGORIES.map((c) => (
              <div className="checkbox" key={c}>
                <input
                  type="checkbox"
                  id={`cat-${c}`}
                  name="categories"
                  value={c}
                  defaultChecked={d?.categories.includes(c) ?? false}
                  onChange={c === "lighting" ? (ev) => setShowLamp(ev.target.checked) : undefined}
                />
                <label htmlFor={`cat-${c}`}>{t(`walks.category.${c}`)}</label>
              </div>
            ))}
          </div>
        </fieldset>
        {showLamp ? (
          <div className="field">
            <label htmlFor="lampPost">{t("walks.fields.lampPost")}</label>
            <input id="lampPost" name="lampPost" maxLength={WALK_LIMITS.lampPost} defaultValue={draftValue("lampPost")} />
          </div>
        ) : null}
        <fieldset id="feeling" tabIndex={-1}>
          <legend>{t("walks.rating.feeling")}</legend>
          {e.feeling ? (
            <p id="feeling-error" className="error-message">
              {tKey(t, e.feeling)}
            </p>
          ) : null}
          <div className="rating-row">
            {SCALE.map((n) => (
              <div className="radio" key={n}>
                <input type="radio" id={`feeling-${n}`} name="feeling" value={n} defaultChecked={draftValue("feeling") === String(n)} />
                <label htmlFor={`feeling-${n}`}>{t(`walks.rating.scale${n}`)}</label>
              </div>
            ))}
          </div>
        </fieldset>
        <details>
          <summary>{t("walks.observe.ratingsLegend")}</summary>
          {QUICK_RATINGS.map((r) => (
            <div className="field" key={r}>
              <label htmlFor={`rating-${r}`}>{t(`walks.rating.${r}`)}</label>
              <select id={`rating-${r}`} name={ratingName(r)} defaultValue={draftValue(ratingName(r))}>
                <option value="">{t("walks.rating.notRated")}</option>
                {SCALE.map((n) => (
                  <option key={n} value={n}>
                    {t(`walks.rating.scale${n}`)}
                  </option>
                ))}
              </select>
            </div>
          ))}
        </details>
        <div className={`field${e.description ? " field-error" : ""}`}>
          <label htmlFor="description">{t("walks.fields.description")}</label>
          {e.description ? (
            <p id="description-error" className="error-message">
              {tKey(t, e.description)}
            </p>
          ) : null}
          <textarea id="description" name="description" rows={3} maxLength={WALK_LIMITS.description} defaultValue={draftValue("description")} />
        </div>
        <div className="field">
          <label htmlFor="timeOfDay">{t("walks.fields.timeOfDay")}</label>
          <select id="timeOfDay" name="timeOfDay" defaultValue={draftValue("timeOfDay") || defaultTimeOfDay}>
            {LIGHTS.map((l) => (
              <option key={l} value={l}>
                {t(`walks.light.${l}`)}
              </option>
            ))}
          </select>
        </div>
        {groups.length ? (
          <div className="field">
            <label htmlFor="groupId">{t("walks.fields.group")}</label>
            <select id="groupId" name="groupId" defaultValue={draftValue("groupId")}>
              <option value="">{t("walks.fields.noGroup")}</option>
              {groups.map((g) => (
                <option key={g.id} value={g.id}>
                  {g.name}
                </option>
              ))}
            </select>
          </div>
        ) : null}
        <div className="field">
          <label htmlFor="raisedBy">{t("walks.fields.raisedBy")}</label>
          <input id="raisedBy" name="raisedBy" maxLength={WALK_LIMITS.raisedBy} defaultValue={draftValue("raisedBy")} />
        </div>
        {onSubmit ? (
          <div className="field">
            <label htmlFor="photo">{t("walks.observe.photo")}</label>
            <p id="photo-hint" className="hint">
              {t("walks.observe.photoHint")}
            </p>
            <input id="photo" name="photo" type="file" accept="image/jpeg,image/png,image/webp" aria-describedby="photo-hint" />
          </div>
        ) : null}
      </fieldset>
      <p className="hint">{t("walks.observe.privacy")}</p>
      <button type="submit" className="primary" disabled={busy}>
        {busy ? t("walks.observe.sending") : t("walks.observe.submit")}
      </button>
    </Form>
  );
}
