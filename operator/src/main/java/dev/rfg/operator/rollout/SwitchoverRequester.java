package dev.rfg.operator.rollout;

import dev.rfg.operator.render.GroupNames;

/**
 * Asks the group's sentinels for a planned switchover to a pod. The sentinel runs Redis's FAILOVER TO on the
 * master, which pauses writes until the target has caught up, so no acknowledged write is lost, and then
 * publishes the new master with a new config epoch like any failover.
 */
public interface SwitchoverRequester {

  /**
   * @param sentinelPod the pod whose sentinel is asked
   * @param targetPod the pod to promote
   * @return null when the sentinel accepted, else its error
   */
  String request(GroupNames names, String sentinelPod, String targetPod, dev.rfg.operator.status.Passwords passwords);
}
