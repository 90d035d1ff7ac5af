import { Form } from "@remix-run/react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { CsrfInput, ErrorSummary, SelectField, TextAreaField, TextField } from "~/components/forms";
import { DistrictSelect } from "~/components/DistrictSelect";
import { EditorMapLazy } from "~/components/cameras/CameraMapsLazy";
import { CAMERA_MODES } from "~/domain/cameras/cameras.schema";
import type { I18nKey } from "~/i18n/keys";

interface Props {
  districts: Array<{ id: number; name: string; centre: { lat: number; lng: number } }>;
  organisations: Array<{ id: number; name: string }>;
  map: { tileUrl: string; attribution: string };
  values: Record<string, string>;
  errors?: Record<string, string>;
}

function Checkbox({ name, label, checked }: { name: string; label: string; checked: boolean }) {
  return (
    <div className="checkbox">
      <input type="checkbox" id={name} name={name} value="1" defaultChecked={checked} />
      <label htmlFor={name}>{label}</label>
    </div>
  );
}

/** "lat, lng" lines → [lat, lng] pairs (lines that do not parse are skipped: the server says what is wrong). */
function cornersOf(text: string): Array<[number, number]> {
  return text
    .split(/\r?\n/)
    .map((l) => /^\s*(-?\d{1,3}(?:\.\d+)?)\s*[,;\s]\s*(-?\d{1,3}(?:\.\d+)?)\s*$/.exec(l))
    .flatMap((m) => (m ? [[Number(m[1]), Number(m[2])] as [number, number]] : []));
}

/**
 * The camera's details. Every map task has a text path: the position is two fields, the covered
 * area is a list of corner points, one per line; clicking the map only fills those fields.
 */
export function CameraForm({ districts, organisations, map, values, errors = {} }: Props) {
  const { t } = useTranslation();
  const [lat, setLat] = useState(values.lat ?? "");
  const [lng, setLng] = useState(values.lng ?? "");
  const [areaText, setAreaText] = useState(values.areaPoints ?? "");
  const [mode, setMode] = useState<"point" | "area">("point");
  const [districtId, setDistrictId] = useState(values.districtId ?? "");
  const district = districts.find((d) => String(d.id) === districtId) ?? districts[0];
  const point = lat && lng && !Number.isNaN(Number(lat)) && !Number.isNaN(Number(lng)) ? { lat: Number(lat), lng: Number(lng) } : null;
  const text = (name: string, key: I18nKey, hint?: I18nKey) => (
    <TextField name={name} label={t(key)} hint={hint ? t(hint) : undefined} defaultValue={values[name]} error={errors[name]} />
  );
  const area = (name: string, key: I18nKey, hint?: I18nKey) => (
    <TextAreaField name={name} label={t(key)} hint={hint ? t(hint) : undefined} defaultValue={values[name]} error={errors[name]} rows={3} />
  );
  const date = (name: string, key: I18nKey) => (
    <TextField name={name} type="date" label={t(key)} hint={t("cameras.form.dateHint")} defaultValue={values[name]} error={errors[name]} />
  );
  return (
    <Form method="post" noValidate>
      <CsrfInput />
      <ErrorSummary errors={errors} targets={{ balancing: "balancing" }} />
      <input type="hidden" name="sourceType" value={values.sourceType ?? ""} />
      <input type="hidden" name="sourceId" value={values.sourceId ?? ""} />
      <fieldset>
        <legend>{t("cameras.form.basics")}</legend>
        <TextField
          name="name"
          label={t("cameras.form.name")}
          hint={t("cameras.form.nameHint")}
          defaultValue={values.name}
          error={errors.name}
          required
          maxLength={150}
        />
        <DistrictSelect
          label={t("cameras.form.district")}
          chooseLabel={t("cameras.form.chooseDistrict")}
          districts={districts}
          value={districtId}
          onChange={setDistrictId}
          error={errors.districtId}
        />
        <SelectField name="ownerOrganisationId" label={t("cameras.form.owner")} value={values.ownerOrganisationId} error={errors.ownerOrganisationId}>
          <option value="">{t("cameras.form.chooseOwner")}</option>
          {organisations.map((o) => (
            <option key={o.id} value={o.id}>
              {o.name}
            </option>
          ))}
        </SelectField>
        {text("address", "cameras.form.address")}
        {area("purpose", "cameras.form.purpose", "cameras.form.purposeHint")}
      </fieldset>
      <fieldset>
        <legend>{t("cameras.form.position")}</legend>
        <p className="hint">{t("cameras.form.positionHint")}</p>
        <TextField name="lat" label={t("cameras.form.lat")} inputMode="decimal" value={lat} onChange={(e) => setLat(e.target.value)} error={errors.lat} />
        <TextField name="lng" label={t("cameras.form.lng")} inputMode="decimal" value={lng} onChange={(e) => setLng(e.target.value)} error={errors.lng} />
        {text("direction", "cameras.form.direction", "cameras.form.directionHint")}
        <TextAreaField
          name="areaPoints"
          label={t("cameras.form.areaPoints")}
          hint={t("cameras.form.areaHint")}
          value={areaText}
          onChange={(e) => setAreaText(e.target.value)}
          error={errors.areaPoints}
          rows={4}
        />
        <fieldset className="inline-radios">
          <legend>{t("cameras.form.mapModeLabel")}</legend>
          <label>
            <input type="radio" name="_mapMode" value="point" checked={mode === "point"} onChange={() => setMode("point")} /> {t("cameras.form.mapModePoint")}
          </label>
          <label>
            <input type="radio" name="_mapMode" value="area" checked={mode === "area"} onChange={() => setMode("area")} /> {t("cameras.form.mapModeArea")}
          </label>
        </fieldset>
        <button type="button" onClick={() => setAreaText("")}>
          {t("cameras.form.clearArea")}
        </button>
        {district ? (
          <EditorMapLazy
            fallback={t("cameras.public.mapLoading")}
            tileUrl={map.tileUrl}
            attribution={map.attribution}
            centre={district.centre}
            point={point}
            corners={cornersOf(areaText)}
            markerLabel={point ? `${point.lat}, ${point.lng}` : ""}
            onClick={(la, ln) => {
              if (mode === "point") {
                setLat(String(la));
                setLng(String(ln));
              } else {
                setAreaText((prev) => `${prev.trim() ? `${prev.trim()}\n` : ""}${la}, ${ln}`);
              }
            }}
          />
        ) : null}
      </fieldset>
      <fieldset>
        <legend>{t("cameras.form.operation")}</legend>
        <SelectField name="mode" label={t("cameras.form.mode")} value={values.mode ?? "recorded"} error={errors.mode}>
          {CAMERA_MODES.map((m) => (
            <option key={m} value={m}>
              {t(`cameras.mode.${m}`)}
            </option>
          ))}
        </SelectField>
        {text("recordingHours", "cameras.form.recordingHours")}
        <TextField
          name="retentionDays"
          label={t("cameras.form.retentionDays")}
          inputMode="numeric"
          defaultValue={values.retentionDays}
          error={errors.retentionDays}
        />
        {area("footageViewers", "cameras.form.footageViewers")}
        <Checkbox name="locationPublic" label={t("cameras.form.locationPublic")} checked={values.locationPublic === "1"} />
      </fieldset>
      <fieldset id="balancing" tabIndex={-1}>
        <legend>{t("cameras.form.balancing")}</legend>
        <p className="hint">{t("cameras.form.balancingHint")}</p>
        {date("balancingDate", "cameras.form.balancingDate")}
        {text("balancingDecidedBy", "cameras.form.balancingDecidedBy")}
        {area("balancingIncidents", "cameras.form.balancingIncidents")}
        {area("balancingAlternatives", "cameras.form.balancingAlternatives")}
        {area("balancingConditions", "cameras.form.balancingConditions")}
        <fieldset>
          <legend>{t("cameras.form.imyPermit")}</legend>
          {text("imyPermitRef", "cameras.form.imyPermitRef")}
          {date("imyPermitDate", "cameras.form.imyPermitDate")}
          {area("imyPermitConditions", "cameras.form.imyPermitConditions")}
        </fieldset>
      </fieldset>
      <fieldset>
        <legend>{t("cameras.form.signage")}</legend>
        {area("signLocations", "cameras.form.signLocations")}
        {area("signText", "cameras.form.signText")}
        {area("signTextEasy", "cameras.form.signTextEasy")}
        <Checkbox name="signPictogram" label={t("cameras.form.signPictogram")} checked={values.signPictogram === "1"} />
        {text("signLanguages", "cameras.form.signLanguages")}
        {text("contact", "cameras.form.contact")}
      </fieldset>
      <button type="submit" className="primary">
        {t("cameras.form.save")}
      </button>
    </Form>
  );
}
