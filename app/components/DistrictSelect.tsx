import { Field } from "~/components/forms";

/** The district chooser of the staff forms; controlled, because the map picker follows it. */
export function DistrictSelect({
  label,
  chooseLabel,
  districts,
  value,
  onChange,
  error,
  required,
}: {
  label: string;
  chooseLabel: string;
  districts: ReadonlyArray<{ id: number; name: string }>;
  value: string;
  onChange: (value: string) => void;
  error?: string;
  required?: boolean;
}) {
  return (
    <Field name="districtId" label={label} error={error}>
      {(aria) => (
        <select name="districtId" value={value} onChange={(ev) => onChange(ev.target.value)} required={required} {...aria}>
          <option value="">{chooseLabel}</option>
          {districts.map((d) => (
            <option key={d.id} value={d.id}>
              {d.name}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}
