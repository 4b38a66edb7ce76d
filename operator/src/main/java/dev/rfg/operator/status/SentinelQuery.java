package dev.rfg.operator.status;

import dev.rfg.operator.render.GroupNames;

import java.util.List;

/** Asks the group's sentinels what they know. The operator's view comes from here, not from its own plans. */
public interface SentinelQuery {

  List<SentinelReport> ask(GroupNames names, List<String> pods, Passwords passwords);

  /**
   * The replicas as one sentinel sees them (SENTINEL REPLICAS): pod name to a problem with its replication
   * link, for those that have one. Empty when nothing is wrong or the sentinel cannot be asked.
   */
  default java.util.Map<String, String> replicaProblems(GroupNames names, String sentinelPod, Passwords passwords) {
    return java.util.Map.of();
  }

  /** What the Redis of a pod answers to ROLE ("master", "slave"); empty when it does not answer. */
  java.util.Optional<String> redisRole(GroupNames names, String pod, Passwords passwords);
}
