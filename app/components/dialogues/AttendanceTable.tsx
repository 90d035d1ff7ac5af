import { useTranslation } from "react-i18next";

export interface AttendanceFigures {
  registeredInPerson: number;
  registeredRemote: number;
  waitlisted: number;
  cancelled: number;
  headcount: number | null;
  remotePeak: number;
  remoteUnique: number;
}

export function AttendanceTable({ a, showCancelled = false }: { a: AttendanceFigures; showCancelled?: boolean }) {
  const { t } = useTranslation();
  type Row = [keyof AttendanceFigures, string];
  const cancelled: Row[] = showCancelled ? [["cancelled", String(a.cancelled)]] : [];
  const rows: Row[] = [
    ["registeredInPerson", String(a.registeredInPerson)],
    ["registeredRemote", String(a.registeredRemote)],
    ["waitlisted", String(a.waitlisted)],
    ...cancelled,
    ["headcount", a.headcount === null ? t("dialogues.attendance.unknown") : String(a.headcount)],
    ["remotePeak", String(a.remotePeak)],
    ["remoteUnique", String(a.remoteUnique)],
  ];
  return (
    <dl className="figures">
      {rows.map(([k, v]) => (
        <div key={k}>
          <dt>{t(`dialogues.attendance.${k}`)}</dt>
          <dd>{v}</dd>
        </div>
      ))}
    </dl>
  );
}
