package dev.rfg.operator;

import dev.rfg.api.v1alpha1.RedisFailoverGroup;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The password each group's generated Secret held when this operator last read it, by the group's namespace, name
 * and UID (a group deleted and made again under the same name is another group). Only in memory: after an operator
 * restart a Secret deleted meanwhile cannot be made again with the password in use, and AuthResolver says so.
 */
final class KnownPasswords {

  private final Map<String, String> byGroupUid = new ConcurrentHashMap<>();

  String get(RedisFailoverGroup group) {
    return byGroupUid.get(key(group));
  }

  void put(RedisFailoverGroup group, String password) {
    byGroupUid.put(key(group), password);
  }

  /** Entries of deleted groups stay (no finalizer tells the operator): one short string per group ever seen. */
  private static String key(RedisFailoverGroup group) {
    return group.getMetadata().getNamespace() + "/" + group.getMetadata().getName() + "/"
        + group.getMetadata().getUid();
  }
}
