package dev.rfg.e2e.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;

/**
 * {@link GroupFixture} with more of the spec: a namespace of its own, a Ready 3-pod group with these
 * {@code spec.redis} settings (e.g. {@code {minReplicasToWrite: 1, minReplicasMaxLag: 5}}), and a client pod.
 * Closing removes all three.
 *
 * <p>The group is created with {@code kubectl create} and the whole spec, then handed to
 * {@link FailoverGroup#apply}, whose {@code kubectl apply} sets the same sentinel settings again and leaves the
 * fields it never applied ({@code spec.redis}) alone.
 */
public final class TunedGroupFixture implements AutoCloseable {

  private final TestNamespace namespace;
  private final FailoverGroup group;
  private final RedisClientPod client;

  private TunedGroupFixture(TestNamespace namespace, FailoverGroup group, RedisClientPod client) {
    this.namespace = namespace;
    this.group = group;
    this.client = client;
  }

  public static TunedGroupFixture start(String namespaceName, String groupName, int downAfterMs, String redisSpec) {
    TestNamespace namespace = TestNamespace.create(namespaceName);
    try {
      String yaml = """
          apiVersion: rfg.dev/v1alpha1
          kind: RedisFailoverGroup
          metadata: {name: %s}
          spec:
            replicas: 3
            redis: %s
            sentinel: {downAfterMilliseconds: %d, failoverTimeoutMilliseconds: %d}
          """.formatted(groupName, redisSpec, downAfterMs, Math.max(10_000, downAfterMs));
      var file = Files.createTempFile("rfg-e2e-" + groupName, ".yaml");
      try {
        Files.writeString(file, yaml);
        RfgInstall.kubectl(namespace.cluster(), "create", "-n", namespace.name(), "-f", file.toString())
            .orFail("kubectl create of " + groupName);
      } finally {
        Files.deleteIfExists(file);
      }
      FailoverGroup group = FailoverGroup.apply(namespace.cluster(), namespace.name(), groupName, downAfterMs);
      try {
        group.awaitReady(Duration.ofMinutes(3));
      } catch (RuntimeException | AssertionError e) {
        try {
          group.assertSettled();
        } catch (RuntimeException | AssertionError why) {
          e.addSuppressed(why);
        }
        throw e;
      }
      return new TunedGroupFixture(namespace, group, group.client());
    } catch (IOException e) {
      namespace.close();
      throw new UncheckedIOException(e);
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
