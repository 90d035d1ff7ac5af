/** The daily e-mail cap per address (migration 0009, docs/security.md "Limits"). */
export interface EmailAddressQuotaTable {
  /** SHA-256 (hex) of the lower-cased, trimmed address; the address itself is not stored here. */
  address_hash: string;
  /** ISO time the current 24-hour window started. */
  window_start: string;
  /** Mails of the capped kinds queued in the window. */
  sent: number;
}

export interface LimitTables {
  email_address_quota: EmailAddressQuotaTable;
}
