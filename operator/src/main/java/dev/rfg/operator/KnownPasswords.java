package dev.rfg.operator;

import dev.rfg.api.v1alpha1.RedisFailoverGroup;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The password each group's Secret held when this operator last read it (and the one before, during a rotation), by
 * the group's namespace, name and UID (a group deleted and made again under the same name is another group). Only
 * in memory: after an operator restart a Secret deleted meanwhile cannot be made again with the password in use,
 * and AuthResolver says so.
 */
final class KnownPasswords {

  private final Map<String, String> byGroupUid = new ConcurrentHashMap<>();
  private final Map<String, String> previousByGroupUid = new ConcurrentHashMap<>();

  String get(RedisFailoverGroup group) {
    return byGroupUid.get(key(group));
  }

  /** The Secret's password as read now; a different one before it becomes the previous one. */
  void put(RedisFailoverGroup group, String password) {
    String before = byGroupUid.put(key(group), password);
    if (before != null && !before.equals(password)) {
      previousByGroupUid.put(key(group), before);
    }
  }

  /** The password the Secret held before its last change, while the pods may still accept only that one. */
  String previous(RedisFailoverGroup group) {
    return previousByGroupUid.get(key(group));
  }

  /** Every sentinel accepts the current password: the old one is not kept longer than needed. */
  void forgetPrevious(RedisFailoverGroup group) {
    previousByGroupUid.remove(key(group));
  }

  /** Entries of deleted groups stay (no finalizer tells the operator): one short string per group ever seen. */
  private static String key(RedisFailoverGroup group) {
    return group.getMetadata().getNamespace() + "/" + group.getMetadata().getName() + "/"
        + group.getMetadata().getUid();
  }
}
