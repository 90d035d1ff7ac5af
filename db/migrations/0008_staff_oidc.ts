import { sql, type Kysely } from "kysely";

// Staff single sign-on over OpenID Connect (docs/decisions/009-oidc-single-sign-on.md).
// Migrations are append-only: never edit this file once it has landed.
export async function up(db: Kysely<unknown>): Promise<void> {
  // The identity provider's subject (`sub`) of the account, stored at its first SSO sign-in
  // (or set by an administrator). One staff account per subject.
  await db.schema.alterTable("staff").addColumn("oidc_subject", "text").execute();
  await db.schema.createIndex("staff_oidc_subject").on("staff").column("oidc_subject").unique().where(sql.ref("oidc_subject"), "is not", null).execute();

  // How a session was signed in: 'password' (Tryggve's own form, with Tryggve's TOTP MFA) or
  // 'oidc' (the identity provider, whose own MFA policy applies; docs/decisions/009).
  await db.schema
    .alterTable("staff_sessions")
    .addColumn("auth_method", "text", (c) =>
      c
        .notNull()
        .defaultTo("password")
        .check(sql`auth_method in ('password','oidc')`),
    )
    .execute();

  // Authorisation requests sent to the identity provider and not yet answered: one row per
  // "Logga in med kommunens konto", keyed by the SHA-256 of a random id that only the browser's
  // short-lived signed cookie holds. Used once (consumed_at), refused after expires_at.
  await db.schema
    .createTable("oidc_authorisations")
    .addColumn("id_hash", "text", (c) => c.primaryKey())
    .addColumn("state", "text", (c) => c.notNull())
    .addColumn("nonce", "text", (c) => c.notNull())
    .addColumn("code_verifier", "text", (c) => c.notNull())
    .addColumn("redirect_to", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("expires_at", "text", (c) => c.notNull())
    .addColumn("consumed_at", "text")
    .execute();
  await db.schema.createIndex("oidc_authorisations_expires").on("oidc_authorisations").column("expires_at").execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("oidc_authorisations").execute();
  await db.schema.alterTable("staff_sessions").dropColumn("auth_method").execute();
  await db.schema.dropIndex("staff_oidc_subject").execute();
  await db.schema.alterTable("staff").dropColumn("oidc_subject").execute();
}
