package dev.va.domain.mail;

/** Sync health of a connected mailbox. */
public enum AccountStatus {
  ACTIVE,
  /** The provider refused the stored credentials; the user must connect the account again. */
  NEEDS_REAUTH,
  /** Repeated provider errors; sync backs off but keeps trying. */
  ERROR,
  DISABLED
}
