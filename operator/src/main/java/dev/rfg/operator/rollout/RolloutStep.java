package dev.rfg.operator.rollout;

/**
 * What a rolling update does next.
 *
 * @param action what to do now
 * @param pod the pod it concerns (to delete, or to switch the master to), or null
 * @param progress for status and events, e.g. "2 of 3 pods updated, replacing replica cache-2"
 */
public record RolloutStep(Action action, String pod, String progress) {

  public enum Action {
    /** Every pod runs the current template. */
    NONE,
    /** A pod is not back yet, or the sentinels are busy: look again later. */
    WAIT,
    /** Delete an outdated replica; the StatefulSet recreates it from the new template. */
    REPLACE_REPLICA,
    /** Only the master is outdated: move the master to an updated replica first. */
    SWITCHOVER,
    /** A one-pod group has no replica to switch to: its pod is replaced in place. */
    REPLACE_ONLY_POD
  }

  static RolloutStep none() {
    return new RolloutStep(Action.NONE, null, null);
  }
}
