package dev.rfg.operator.status;

/**
 * What one pod's sentinel says about the group's master (SENTINEL MASTER), or that it could not be asked.
 *
 * @param pod the pod whose sentinel answered
 * @param masterHost the master address it gives; null when unreachable or unknown
 * @param configEpoch the master's config epoch as that sentinel knows it
 * @param flags the record's flags (master, s_down, o_down, failover_in_progress...)
 * @param otherSentinels num-other-sentinels
 * @param error why it could not be asked, or null
 * @param previousPassword it refused the Secret's password and took the one before (a rotation in progress)
 */
public record SentinelReport(String pod, String masterHost, int masterPort, long configEpoch, String flags,
    int otherSentinels, String error, boolean previousPassword) {

  public SentinelReport(String pod, String masterHost, int masterPort, long configEpoch, String flags,
      int otherSentinels, String error) {
    this(pod, masterHost, masterPort, configEpoch, flags, otherSentinels, error, false);
  }

  public static SentinelReport unreachable(String pod, String error) {
    return new SentinelReport(pod, null, 0, 0, "", 0, error);
  }

  public boolean answered() {
    return error == null && masterHost != null;
  }

  public boolean failingOver() {
    return flags.contains("failover_in_progress") || flags.contains("o_down");
  }
}
