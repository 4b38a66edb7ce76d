package dev.rfg.e2e.support;

import java.time.Duration;

/**
 * What every fault test class starts from: a namespace of its own, a Ready 3-pod group in it, and a client pod.
 * Closing removes all three.
 */
public final class GroupFixture implements AutoCloseable {

  private final TestNamespace namespace;
  private final FailoverGroup group;
  private final RedisClientPod client;

  private GroupFixture(TestNamespace namespace, FailoverGroup group, RedisClientPod client) {
    this.namespace = namespace;
    this.group = group;
    this.client = client;
  }

  public static GroupFixture start(String namespaceName, String groupName, int downAfterMs) {
    return start(namespaceName, groupName, downAfterMs, null);
  }

  /** With these {@code spec.redis} settings (e.g. {@code {minReplicasToWrite: 1, minReplicasMaxLag: 5}}). */
  public static GroupFixture start(String namespaceName, String groupName, int downAfterMs, String redisSpec) {
    TestNamespace namespace = TestNamespace.create(namespaceName);
    try {
      FailoverGroup group = FailoverGroup.apply(namespace.cluster(), namespace.name(), groupName, downAfterMs,
          redisSpec);
      try {
        group.awaitReady(Duration.ofMinutes(3));
      } catch (RuntimeException | AssertionError e) {
        try {
          group.assertSettled(); // says which part of "settled" is missing
        } catch (RuntimeException | AssertionError why) {
          e.addSuppressed(why);
        }
        throw e;
      }
      return new GroupFixture(namespace, group, group.client());
    } catch (RuntimeException | AssertionError e) {
      namespace.close();
      throw e;
    }
  }

  public TestNamespace namespace() {
    return namespace;
  }

  public FailoverGroup group() {
    return group;
  }

  public RedisClientPod client() {
    return client;
  }

  @Override
  public void close() {
    client.close();
    namespace.close();
  }
}
