/**
 * The organisation directory every area reads: the housing companies, the
 * police, the transport authority and the city's own offices that are invited
 * to dialogues and walks, own measures and answer questions, and the panelist
 * accounts that speak for them. One query per question, so the areas agree.
 */
import type { DB } from "../../../db/connection";

export interface Organisation {
  id: number;
  name: string;
  kind: string;
  contactEmail: string | null;
}

export async function listOrganisations(db: DB): Promise<Organisation[]> {
  const rows = await db.selectFrom("organisations").select(["id", "name", "kind", "contact_email"]).orderBy("name").execute();
  return rows.map((r) => ({ id: r.id, name: r.name, kind: r.kind, contactEmail: r.contact_email }));
}

/** One organisation, or null; takes a transaction too, so a check and a write can share it. */
export async function findOrganisation(db: DB, id: number): Promise<Organisation | null> {
  const r = await db.selectFrom("organisations").select(["id", "name", "kind", "contact_email"]).where("id", "=", id).executeTakeFirst();
  return r ? { id: r.id, name: r.name, kind: r.kind, contactEmail: r.contact_email } : null;
}

export interface PanelistCandidate {
  id: number;
  name: string;
  organisationId: number;
}

/** Enabled panelist accounts with their organisation, for the "assign panelist" choices. */
export async function listPanelistCandidates(db: DB): Promise<PanelistCandidate[]> {
  const rows = await db
    .selectFrom("staff")
    .select(["id", "name", "organisation_id"])
    .where("role", "=", "panelist")
    .where("disabled_at", "is", null)
    .where("organisation_id", "is not", null)
    .orderBy("name")
    .execute();
  return rows.map((r) => ({ id: r.id, name: r.name, organisationId: r.organisation_id! }));
}

export interface DialoguePanelist {
  id: number;
  name: string;
  organisation: string | null;
}

/** The panelists assigned to a dialogue, with the organisation each speaks for. */
export async function listDialoguePanelists(db: DB, dialogueId: number): Promise<DialoguePanelist[]> {
  return db
    .selectFrom("dialogue_panelists")
    .innerJoin("staff", "staff.id", "dialogue_panelists.staff_id")
    .leftJoin("organisations", "organisations.id", "staff.organisation_id")
    .select(["staff.id", "staff.name", "organisations.name as organisation"])
    .where("dialogue_panelists.dialogue_id", "=", dialogueId)
    .orderBy("staff.name")
    .execute();
}

/** Is this staff member a panelist of this dialogue? (A panelist may moderate only their own dialogues.) */
export async function isDialoguePanelist(db: DB, dialogueId: number, staffId: number): Promise<boolean> {
  const row = await db
    .selectFrom("dialogue_panelists")
    .select("staff_id")
    .where("dialogue_id", "=", dialogueId)
    .where("staff_id", "=", staffId)
    .executeTakeFirst();
  return !!row;
}
