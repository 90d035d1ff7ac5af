import { Form } from "@remix-run/react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { CsrfInput, ErrorSummary, SelectField, TextAreaField, TextField } from "~/components/forms";
import { DistrictSelect } from "~/components/DistrictSelect";
import { PointPickerLazy } from "~/components/map/PointPickerLazy";
import { MEASURE_CATEGORIES, MEASURE_PRIORITIES } from "~/domain/measures/measures.schema";

interface Props {
  districts: Array<{ id: number; name: string; centre: { lat: number; lng: number } }>;
  organisations: Array<{ id: number; name: string }>;
  map: { tileUrl: string; attribution: string };
  values: Record<string, string>;
  errors?: Record<string, string>;
}

export function MeasureForm({ districts, organisations, map, values, errors = {} }: Props) {
  const { t } = useTranslation();
  const [lat, setLat] = useState(values.lat ?? "");
  const [lng, setLng] = useState(values.lng ?? "");
  const [districtId, setDistrictId] = useState(values.districtId ?? "");
  const district = districts.find((d) => String(d.id) === districtId) ?? districts[0];
  const point = lat && lng && !Number.isNaN(Number(lat)) && !Number.isNaN(Number(lng)) ? { lat: Number(lat), lng: Number(lng) } : null;
  return (
    <Form method="post" noValidate>
      <CsrfInput />
      <ErrorSummary errors={errors} />
      <TextField name="title" label={t("measures.fields.title")} defaultValue={values.title} error={errors.title} required maxLength={150} />
      <TextAreaField
        name="description"
        label={t("measures.fields.description")}
        hint={t("measures.fields.descriptionHint")}
        defaultValue={values.description}
        error={errors.description}
        required
        rows={5}
      />
      <DistrictSelect
        label={t("measures.fields.district")}
        chooseLabel={t("measures.fields.chooseDistrict")}
        districts={districts}
        value={districtId}
        onChange={setDistrictId}
        error={errors.districtId}
      />
      <SelectField name="category" label={t("measures.fields.category")} value={values.category} error={errors.category}>
        <option value="">{t("measures.fields.chooseCategory")}</option>
        {MEASURE_CATEGORIES.map((c) => (
          <option key={c} value={c}>
            {t(`measures.category.${c}`)}
          </option>
        ))}
      </SelectField>
      <SelectField name="organisationId" label={t("measures.fields.organisation")} value={values.organisationId} error={errors.organisationId}>
        <option value="">{t("measures.fields.chooseOrganisation")}</option>
        {organisations.map((o) => (
          <option key={o.id} value={o.id}>
            {o.name}
          </option>
        ))}
      </SelectField>
      <SelectField name="priority" label={t("measures.fields.priority")} value={values.priority ?? "normal"} error={errors.priority}>
        {MEASURE_PRIORITIES.map((p) => (
          <option key={p} value={p}>
            {t(`measures.priority.${p}`)}
          </option>
        ))}
      </SelectField>
      <TextField
        name="dueDate"
        type="date"
        label={t("measures.fields.dueDate")}
        hint={t("measures.fields.dateHint")}
        defaultValue={values.dueDate}
        error={errors.dueDate}
      />
      <TextField
        name="address"
        label={t("measures.fields.address")}
        hint={t("measures.fields.addressHint")}
        defaultValue={values.address}
        error={errors.address}
      />
      <fieldset>
        <legend>{t("measures.fields.mapLegend")}</legend>
        <p className="hint">{t("measures.fields.mapHint")}</p>
        <TextField name="lat" label={t("measures.fields.lat")} inputMode="decimal" value={lat} onChange={(e) => setLat(e.target.value)} error={errors.lat} />
        <TextField name="lng" label={t("measures.fields.lng")} inputMode="decimal" value={lng} onChange={(e) => setLng(e.target.value)} error={errors.lng} />
        {district ? (
          <PointPickerLazy
            fallback={t("measures.public.mapLoading")}
            tileUrl={map.tileUrl}
            attribution={map.attribution}
            centre={district.centre}
            point={point}
            markerLabel={point ? `${point.lat}, ${point.lng}` : ""}
            onPick={(la, ln) => {
              setLat(String(la));
              setLng(String(ln));
            }}
          />
        ) : null}
      </fieldset>
      <TextField
        name="questionIds"
        label={t("measures.fields.questionIds")}
        hint={t("measures.fields.questionIdsHint")}
        defaultValue={values.questionIds}
        error={errors.questionIds}
      />
      <TextField
        name="observationIds"
        label={t("measures.fields.observationIds")}
        hint={t("measures.fields.observationIdsHint")}
        defaultValue={values.observationIds}
        error={errors.observationIds}
      />
      <button type="submit" className="primary">
        {t("measures.staff.save")}
      </button>
    </Form>
  );
}
