package dev.rfg.operator.rollout;

import dev.rfg.operator.render.GroupNames;
import dev.rfg.operator.render.RedisConfRenderer;
import dev.rfg.operator.render.SentinelSettingsRenderer;
import dev.rfg.operator.status.PasswordAttempts;
import dev.rfg.operator.status.Passwords;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.util.SafeEncoder;

/**
 * {@code SENTINEL SWITCHOVER <master> <host> <port>}, RFG's sentinel extension for planned switchovers, as the
 * sentinels' admin user ({@code rfg-admin}); with the group's password only toward a sentinel that has no admin user
 * (a pod made by an operator before it existed): a sentinel that has one refuses a switchover to the group's
 * password.
 */
public final class JedisSwitchoverRequester implements SwitchoverRequester {

  @Override
  public String request(GroupNames names, String sentinelPod, String targetPod, Passwords passwords) {
    try {
      Object reply;
      try {
        reply = passwords.admin() == null ? asDataUser(names, sentinelPod, targetPod, passwords)
            : send(names, sentinelPod, targetPod, SentinelSettingsRenderer.ADMIN_USER, passwords.admin());
      } catch (RuntimeException e) {
        if (passwords.admin() == null || !PasswordAttempts.refusal(e)) {
          throw e;
        }
        reply = asDataUser(names, sentinelPod, targetPod, passwords);
      }
      String text = reply instanceof byte[] bytes ? SafeEncoder.encode(bytes) : String.valueOf(reply);
      return "OK".equals(text) ? null : text;
    } catch (RuntimeException e) {
      return e.getMessage();
    }
  }

  private static Object asDataUser(GroupNames names, String sentinelPod, String targetPod, Passwords passwords) {
    return PasswordAttempts.call(passwords, password -> send(names, sentinelPod, targetPod, null, password)).value();
  }

  private static Object send(GroupNames names, String sentinelPod, String targetPod, String user, String password) {
    var config = DefaultJedisClientConfig.builder().connectionTimeoutMillis(1000).socketTimeoutMillis(2000)
        .user(user).password(password).clientName("rfg-operator").autoNegotiateProtocol(false).build();
    try (Jedis jedis = new Jedis(new HostAndPort(names.podHost(sentinelPod), SentinelSettingsRenderer.SENTINEL_PORT),
        config)) {
      return jedis.sendCommand(Protocol.Command.SENTINEL, "SWITCHOVER", names.monitoredMaster(),
          names.podHost(targetPod), String.valueOf(RedisConfRenderer.REDIS_PORT));
    }
  }
}
