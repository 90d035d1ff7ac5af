/**
 * Staff single sign-on over OpenID Connect (migration 0008). `staff.oidc_subject` is in
 * schema.ts with the rest of the staff table.
 */
export interface OidcAuthorisationTable {
  /** SHA-256 of the random id in the browser's short-lived signed cookie; the id itself is never stored. */
  id_hash: string;
  state: string;
  nonce: string;
  /** PKCE (S256) code verifier, sent only to the token endpoint. */
  code_verifier: string;
  /** Where to go after sign-in (already checked with safeRedirectPath). */
  redirect_to: string;
  created_at: string;
  expires_at: string;
  /** Set once by the one callback that uses this request; a second callback finds it set and is refused. */
  consumed_at: string | null;
}

export interface OidcTables {
  oidc_authorisations: OidcAuthorisationTable;
}
