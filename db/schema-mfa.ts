/**
 * Staff multi-factor authentication (migration 0007). `staff_sessions.stage` is in schema.ts
 * with the rest of the session table.
 */
export interface StaffMfaTable {
  staff_id: number;
  /** The TOTP secret, AES-256-GCM encrypted ("v1.<iv>.<tag>.<ciphertext>", base64url); never stored in clear. */
  secret_enc: string;
  created_at: string;
  /** Null while the enrolment waits for its first code. */
  confirmed_at: string | null;
  /** The last accepted 30-second time step: a code for this step or an earlier one is refused. */
  last_used_step: number | null;
}

export interface StaffRecoveryCodeTable {
  /** SHA-256 (hex) of the normalised code; the code itself is shown once and never stored. */
  code_hash: string;
  staff_id: number;
  created_at: string;
  used_at: string | null;
}

export interface MfaTables {
  staff_mfa: StaffMfaTable;
  staff_recovery_codes: StaffRecoveryCodeTable;
}
