import { Form, useNavigation } from "@remix-run/react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { CsrfInput, ErrorSummary, TextAreaField, TextField } from "~/components/forms";
import { DistrictSelect } from "~/components/DistrictSelect";
import { LIGHTS } from "~/domain/walks/lifecycle";
import { WALK_LIMITS } from "~/domain/walks/walk.schema";
import { WalkMapLazy } from "~/components/walks/WalkMapLazy";
import { tKey } from "~/i18n/keys";

interface Props {
  districts: Array<{ id: number; name: string; centre: { lat: number; lng: number } }>;
  dialogues: Array<{ id: number; title: string }>;
  values: Record<string, string>;
  errors?: Record<string, string> | null;
  map: { tileUrl: string; attribution: string };
  submitLabel: string;
}

function parseRoute(text: string): Array<[number, number]> {
  return text
    .split(/\r?\n/)
    .map((l) => l.split(/[,;\s]+/).map(Number))
    .filter((p) => p.length === 2 && p.every(Number.isFinite))
    .map(([lat, lng]) => [lng, lat] as [number, number]);
}

export function WalkForm({ districts, dialogues, values, errors, map, submitLabel }: Props) {
  const { t } = useTranslation();
  const navigation = useNavigation();
  const e = errors ?? {};
  const [districtId, setDistrictId] = useState(values.districtId ?? "");
  const [route, setRoute] = useState(values.route ?? "");
  const district = districts.find((d) => String(d.id) === districtId) ?? districts[0];
  const routePoints = parseRoute(route);
  return (
    <Form method="post" noValidate>
      <CsrfInput />
      <ErrorSummary errors={errors} />
      <TextField name="title" label={t("walks.fields.title")} error={e.title} defaultValue={values.title} maxLength={WALK_LIMITS.title} required />
      <DistrictSelect
        label={t("walks.fields.district")}
        chooseLabel={t("walks.fields.chooseDistrict")}
        districts={districts}
        value={districtId}
        onChange={setDistrictId}
        error={e.districtId}
      />
      <TextAreaField name="purpose" label={t("walks.fields.purpose")} error={e.purpose} defaultValue={values.purpose} rows={3} maxLength={WALK_LIMITS.text} />
      <fieldset>
        <legend>{t("walks.fields.when")}</legend>
        <TextField name="date" label={t("walks.fields.date")} error={e.date} defaultValue={values.date} type="date" required />
        <div className="field-row">
          <TextField name="startTime" label={t("walks.fields.startTime")} error={e.startTime} defaultValue={values.startTime} type="time" required />
          <TextField name="endTime" label={t("walks.fields.endTime")} error={e.endTime} defaultValue={values.endTime} type="time" required />
        </div>
        <fieldset>
          <legend>{t("walks.fields.expectedLight")}</legend>
          {e.expectedLight ? <p className="error-message">{tKey(t, e.expectedLight)}</p> : null}
          {LIGHTS.map((l) => (
            <div className="radio" key={l}>
              <input type="radio" id={`expectedLight-${l}`} name="expectedLight" value={l} defaultChecked={values.expectedLight === l} />
              <label htmlFor={`expectedLight-${l}`}>{t(`walks.light.${l}`)}</label>
            </div>
          ))}
        </fieldset>
      </fieldset>
      <fieldset>
        <legend>{t("walks.fields.meetingPoint")}</legend>
        <TextField
          name="meetingPoint"
          label={t("walks.fields.meetingPoint")}
          hint={t("walks.fields.meetingPointHint")}
          error={e.meetingPoint}
          defaultValue={values.meetingPoint}
          maxLength={WALK_LIMITS.place}
          required
        />
        <div className="field-row">
          <TextField name="meetingLat" label={t("walks.fields.meetingLat")} error={e.meetingLat} defaultValue={values.meetingLat} inputMode="decimal" />
          <TextField name="meetingLng" label={t("walks.fields.meetingLng")} error={e.meetingLng} defaultValue={values.meetingLng} inputMode="decimal" />
        </div>
        <TextAreaField
          name="route"
          label={t("walks.fields.route")}
          hint={t("walks.fields.routeHint")}
          error={e.route}
          value={route}
          onChange={(ev) => setRoute(ev.target.value)}
          rows={5}
        />
        <p className="inline-form">
          <button type="button" onClick={() => setRoute(route.split(/\r?\n/).filter(Boolean).slice(0, -1).join("\n"))}>
            {t("walks.fields.routeUndo")}
          </button>
          <button type="button" onClick={() => setRoute("")}>
            {t("walks.fields.routeClear")}
          </button>
        </p>
        {district ? (
          <WalkMapLazy
            label={t("walks.map.label")}
            fallback={t("walks.map.loading")}
            tileUrl={map.tileUrl}
            attribution={map.attribution}
            centre={district.centre}
            route={routePoints.length > 1 ? routePoints : null}
            routeLabel={t("walks.map.route")}
            meeting={null}
            points={[]}
            picked={routePoints.length ? { lat: routePoints[routePoints.length - 1][1], lng: routePoints[routePoints.length - 1][0] } : null}
            pickedLabel={t("walks.map.route")}
            onPick={(lat, lng) => setRoute((r) => `${r.trim() ? `${r.trim()}\n` : ""}${lat}, ${lng}`)}
            clusterLabel={(count) => t("walks.map.cluster", { count })}
            zoom={14}
          />
        ) : null}
      </fieldset>
      <TextAreaField
        name="organisers"
        label={t("walks.fields.organisers")}
        hint={t("walks.fields.organisersHint")}
        error={e.organisers}
        defaultValue={values.organisers}
        rows={2}
        maxLength={WALK_LIMITS.text}
      />
      <div className="field">
        <label htmlFor="dialogueId">{t("walks.fields.dialogue")}</label>
        <select id="dialogueId" name="dialogueId" defaultValue={values.dialogueId ?? ""}>
          <option value="">{t("walks.fields.noDialogue")}</option>
          {dialogues.map((d) => (
            <option key={d.id} value={d.id}>
              {d.title}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" className="primary" disabled={navigation.state === "submitting"}>
        {submitLabel}
      </button>
    </Form>
  );
}
