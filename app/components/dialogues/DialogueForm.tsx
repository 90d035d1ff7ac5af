import { Form, useNavigation } from "@remix-run/react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { CsrfInput, ErrorSummary, SelectField, TextAreaField, TextField } from "~/components/forms";
import { DistrictSelect } from "~/components/DistrictSelect";
import { PointPickerLazy } from "~/components/map/PointPickerLazy";
import { LIMITS, DIALOGUE_FORMATS } from "~/domain/dialogues/dialogue.schema";
import { LADDER_LEVELS } from "~/domain/dialogues/lifecycle";
import { tKey } from "~/i18n/keys";

export interface DistrictOption {
  id: number;
  name: string;
  centre: { lat: number; lng: number };
}

interface Props {
  districts: DistrictOption[];
  values: Record<string, string>;
  errors?: Record<string, string> | null;
  map: { tileUrl: string; attribution: string };
  submitLabel: string;
}

function Checkbox({ name, label, checked }: { name: string; label: string; checked: boolean }) {
  return (
    <div className="checkbox">
      <input type="checkbox" id={name} name={name} defaultChecked={checked} />
      <label htmlFor={name}>{label}</label>
    </div>
  );
}

export function DialogueForm({ districts, values, errors, map, submitLabel }: Props) {
  const { t } = useTranslation();
  const navigation = useNavigation();
  const e = errors ?? {};
  const [lat, setLat] = useState(values.lat ?? "");
  const [lng, setLng] = useState(values.lng ?? "");
  const [districtId, setDistrictId] = useState(values.districtId ?? "");
  const district = districts.find((d) => String(d.id) === districtId) ?? districts[0];
  const point = lat && lng && !Number.isNaN(Number(lat)) && !Number.isNaN(Number(lng)) ? { lat: Number(lat), lng: Number(lng) } : null;

  return (
    <Form method="post" noValidate className="dialogue-form">
      <CsrfInput />
      <ErrorSummary errors={errors} />
      <TextField name="title" label={t("dialogues.fields.title")} error={e.title} defaultValue={values.title} maxLength={LIMITS.title} required />
      <DistrictSelect
        label={t("dialogues.fields.district")}
        chooseLabel={t("dialogues.fields.chooseDistrict")}
        districts={districts}
        value={districtId}
        onChange={setDistrictId}
        error={e.districtId}
        required
      />

      <fieldset>
        <legend>{t("dialogues.fields.when")}</legend>
        <TextField
          name="date"
          label={t("dialogues.fields.date")}
          hint={t("dialogues.fields.dateHint")}
          error={e.date}
          defaultValue={values.date}
          type="date"
          required
        />
        <div className="field-row">
          <TextField
            name="startTime"
            label={t("dialogues.fields.startTime")}
            hint={t("dialogues.fields.timeHint")}
            error={e.startTime}
            defaultValue={values.startTime}
            type="time"
            required
          />
          <TextField
            name="endTime"
            label={t("dialogues.fields.endTime")}
            hint={t("dialogues.fields.timeHint")}
            error={e.endTime}
            defaultValue={values.endTime}
            type="time"
            required
          />
        </div>
      </fieldset>

      <fieldset>
        <legend>{t("dialogues.fields.format")}</legend>
        {e.format ? <p className="error-message">{tKey(t, e.format)}</p> : null}
        {DIALOGUE_FORMATS.map((f) => (
          <div className="radio" key={f}>
            <input type="radio" id={`format-${f}`} name="format" value={f} defaultChecked={values.format === f} />
            <label htmlFor={`format-${f}`}>{t(`dialogues.format.${f}`)}</label>
          </div>
        ))}
        <TextField
          name="streamUrl"
          label={t("dialogues.fields.streamUrl")}
          hint={t("dialogues.fields.streamUrlHint")}
          error={e.streamUrl}
          defaultValue={values.streamUrl}
          type="url"
          maxLength={LIMITS.url}
        />
        <TextField
          name="meetingUrl"
          label={t("dialogues.fields.meetingUrl")}
          error={e.meetingUrl}
          defaultValue={values.meetingUrl}
          type="url"
          maxLength={LIMITS.url}
        />
      </fieldset>

      <fieldset>
        <legend>{t("dialogues.fields.place")}</legend>
        <TextField
          name="placeAddress"
          label={t("dialogues.fields.placeAddress")}
          hint={t("dialogues.fields.placeAddressHint")}
          error={e.placeAddress}
          defaultValue={values.placeAddress}
          maxLength={LIMITS.address}
        />
        <p className="hint" id="map-hint">
          {t("dialogues.fields.mapHint")}
        </p>
        <div className="field-row">
          <TextField name="lat" label={t("dialogues.fields.lat")} error={e.lat} value={lat} onChange={(ev) => setLat(ev.target.value)} inputMode="decimal" />
          <TextField name="lng" label={t("dialogues.fields.lng")} error={e.lng} value={lng} onChange={(ev) => setLng(ev.target.value)} inputMode="decimal" />
        </div>
        {district ? (
          <div className="map-frame" role="group" aria-label={t("dialogues.map.label")}>
            <PointPickerLazy
              fallback={t("dialogues.map.loading")}
              tileUrl={map.tileUrl}
              attribution={map.attribution}
              centre={district.centre}
              point={point}
              markerLabel={point ? t("dialogues.map.chosen", { latitude: point.lat, longitude: point.lng }) : ""}
              onPick={(la, ln) => {
                setLat(String(la));
                setLng(String(ln));
              }}
            />
          </div>
        ) : null}
        <TextField
          name="capacity"
          label={t("dialogues.fields.capacity")}
          hint={t("dialogues.fields.capacityHint")}
          error={e.capacity}
          defaultValue={values.capacity}
          inputMode="numeric"
        />
      </fieldset>

      <TextAreaField
        name="agenda"
        label={t("dialogues.fields.agenda")}
        hint={t("dialogues.fields.agendaHint")}
        error={e.agenda}
        defaultValue={values.agenda}
        rows={5}
      />

      <fieldset>
        <legend>{t("dialogues.fields.accessibility")}</legend>
        <Checkbox name="a11yHearingLoop" label={t("dialogues.fields.a11yHearingLoop")} checked={values.a11yHearingLoop === "on"} />
        <Checkbox name="a11ySignLanguage" label={t("dialogues.fields.a11ySignLanguage")} checked={values.a11ySignLanguage === "on"} />
        <Checkbox name="a11yStepFree" label={t("dialogues.fields.a11yStepFree")} checked={values.a11yStepFree === "on"} />
        <TextField
          name="a11yInterpretation"
          label={t("dialogues.fields.a11yInterpretation")}
          hint={t("dialogues.fields.a11yInterpretationHint")}
          error={e.a11yInterpretation}
          defaultValue={values.a11yInterpretation}
          maxLength={LIMITS.shortText}
        />
        <TextAreaField
          name="a11yNotes"
          label={t("dialogues.fields.a11yNotes")}
          error={e.a11yNotes}
          defaultValue={values.a11yNotes}
          rows={3}
          maxLength={LIMITS.notes}
        />
      </fieldset>

      <fieldset>
        <legend>{t("dialogues.fields.skr")}</legend>
        <p className="hint">{t("dialogues.fields.skrHint")}</p>
        <TextAreaField
          name="purpose"
          label={t("dialogues.fields.purpose")}
          error={e.purpose}
          defaultValue={values.purpose}
          rows={3}
          maxLength={LIMITS.longText}
        />
        <SelectField
          name="ladderLevel"
          label={t("dialogues.fields.ladderLevel")}
          hint={t("dialogues.ladderHelp")}
          error={e.ladderLevel}
          value={values.ladderLevel}
        >
          <option value="">{t("dialogues.fields.chooseLadder")}</option>
          {LADDER_LEVELS.map((l) => (
            <option key={l} value={l}>
              {t(`dialogues.ladder.${l}`)}
            </option>
          ))}
        </SelectField>
        <TextAreaField
          name="influenceOpen"
          label={t("dialogues.fields.influenceOpen")}
          error={e.influenceOpen}
          defaultValue={values.influenceOpen}
          rows={3}
          maxLength={LIMITS.longText}
        />
        <TextAreaField
          name="influenceClosed"
          label={t("dialogues.fields.influenceClosed")}
          error={e.influenceClosed}
          defaultValue={values.influenceClosed}
          rows={3}
          maxLength={LIMITS.longText}
        />
      </fieldset>

      <button type="submit" className="primary" disabled={navigation.state === "submitting"}>
        {submitLabel}
      </button>
    </Form>
  );
}
