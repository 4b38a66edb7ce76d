package dev.rfg.api.v1alpha1;

/** The condition types a group reports in status.conditions. */
public final class ConditionTypes {
  /** Every pod ready and every sentinel agreeing on one master. */
  public static final String READY = "Ready";
  /** A master accepts writes through the master Service. */
  public static final String AVAILABLE = "Available";
  /** Something is wrong while the group still serves; the message says what. */
  public static final String DEGRADED = "Degraded";
  /** The sentinels are electing or promoting a new master. */
  public static final String FAILOVER_IN_PROGRESS = "FailoverInProgress";

  /** The Secret's password changed and some sentinel accepts only the previous one yet. */
  public static final String PASSWORD_ROTATION = "PasswordRotationInProgress";
  /**
   * The operator renders the current spec. False when it refuses to (a Secret the spec names is missing or not
   * allowed, a server image that cannot replace the running one): what runs stays as it was.
   */
  public static final String SPEC_APPLIED = "SpecApplied";
  /** Every application user of spec.auth.users has a password in its Secret. */
  public static final String ACL_USERS_READY = "AclUsersReady";

  private ConditionTypes() {
  }
}
