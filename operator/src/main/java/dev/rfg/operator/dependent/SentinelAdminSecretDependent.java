package dev.rfg.operator.dependent;

import dev.rfg.operator.render.GroupNames;

/**
 * {@code <name>-sentinel-admin}: the password of the sentinels' {@code rfg-admin} user, the only one that may change
 * or stop failover on the sentinel port (the group's password finds the master, nothing more). Always generated,
 * mounted into the sentinel container alone; the operator logs in with it for switchovers.
 */
public class SentinelAdminSecretDependent extends GeneratedSecretDependent {

  @Override
  protected String name(GroupNames names) {
    return names.sentinelAdminSecret();
  }

  @Override
  protected String passwordInUse(GroupContext groupContext) {
    return groupContext.adminPassword();
  }
}
