/** The staff accounts page (admins): list accounts, create one, change a role, disable or enable. */
import { json, type AppLoadContext } from "@remix-run/node";
import { requireStaff, requireStaffForm } from "~/http/auth.server";
import { formValues, parseForm } from "~/http/forms";
import { idField } from "~/domain/common/ids";
import { listOrganisations } from "~/domain/common/organisations.server";
import { NewStaffSchema, UpdateStaffSchema } from "~/domain/staff/staff.schema";
import { createStaff, listStaff, setStaffDisabled, updateStaffRole } from "~/domain/staff/staff.server";
import { endSessionsFor } from "~/http/sign-out-everywhere.server";
import { enrolledStaffIds } from "~/domain/staff/mfa.server";
import { resetStaffMfa } from "~/http/mfa.server";

export type StaffAccountsActionData = {
  intent: string;
  ok: boolean;
  errors?: Record<string, string>;
  values?: Record<string, string>;
  staffId?: number;
  /** "Sign out everywhere" for an account: whose sessions, and how many ended. */
  ended?: { name: string; count: number };
};

const StaffIdSchema = idField("errors.notFoundItem");

export async function loadStaffAccounts(request: Request, context: AppLoadContext) {
  await requireStaff(request, context, "staff.manage");
  const [staff, organisations, mfa] = await Promise.all([listStaff(context.db), listOrganisations(context.db), enrolledStaffIds(context.db)]);
  return json({ staff: staff.map((s) => ({ ...s, mfa: mfa.has(s.id) })), organisations });
}

export async function handleStaffAccountAction(request: Request, context: AppLoadContext) {
  const { staff: actor, form } = await requireStaffForm(request, context, "staff.manage");
  const intent = form.get("intent");
  const ip = context.clientIp;
  const reply = (data: StaffAccountsActionData, status = 200) => json<StaffAccountsActionData>(data, { status });
  if (intent === "create") {
    const parsed = parseForm(NewStaffSchema, form);
    // The form comes back without the password (never echoed to the browser).
    const values = { ...formValues(form), password: "" };
    if (!parsed.ok) return reply({ intent, ok: false, errors: parsed.errors, values }, 400);
    const result = await createStaff(context.db, actor, parsed.data, ip);
    if (!result.ok) return reply({ intent, ok: false, errors: { [result.field]: result.error }, values }, 400);
    return reply({ intent, ok: true });
  }
  if (intent === "update") {
    const parsed = parseForm(UpdateStaffSchema, form);
    if (!parsed.ok) return reply({ intent, ok: false, errors: parsed.errors }, 400);
    const result = await updateStaffRole(context.db, actor, parsed.data, ip);
    if (!result.ok) return reply({ intent, ok: false, errors: { [result.field]: result.error } }, 400);
    // Their open sockets joined staff rooms under the old role: drop them, they reconnect as the new one.
    await context.publisher.disconnectStaff({ staffId: result.id });
    return reply({ intent, ok: true, staffId: result.id });
  }
  if (intent === "disable" || intent === "enable") {
    const parsed = StaffIdSchema.safeParse(form.get("staffId"));
    if (!parsed.success) return reply({ intent, ok: false, errors: { _form: "errors.notFoundItem" } }, 400);
    const result = await setStaffDisabled(context.db, actor, parsed.data, intent === "disable", ip);
    if (!result.ok) return reply({ intent, ok: false, errors: { _form: result.error } }, 400);
    if (intent === "disable") await context.publisher.disconnectStaff({ staffId: result.id });
    return reply({ intent, ok: true, staffId: result.id });
  }
  if (intent === "endSessions") {
    const parsed = StaffIdSchema.safeParse(form.get("staffId"));
    if (!parsed.success) return reply({ intent, ok: false, errors: { _form: "errors.notFoundItem" } }, 400);
    const result = await endSessionsFor(context, actor, parsed.data);
    if (!result.ok) return reply({ intent, ok: false, errors: { _form: result.error } }, 404);
    return reply({ intent, ok: true, staffId: result.id, ended: { name: result.name, count: result.ended } });
  }
  if (intent === "resetMfa") {
    const result = await resetStaffMfa(context, actor, form);
    if (!result.ok) return reply({ intent, ok: false, errors: { _form: result.error } }, 400);
    return reply({ intent, ok: true, staffId: result.staffId });
  }
  return reply({ intent: String(intent), ok: false, errors: { _form: "errors.malformedForm" } }, 400);
}
