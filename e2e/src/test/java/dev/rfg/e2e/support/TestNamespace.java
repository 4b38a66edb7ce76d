package dev.rfg.e2e.support;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;

import java.util.concurrent.TimeUnit;

/** A namespace of a test class's own, on a cluster with RFG installed, removed with everything in it after. */
public final class TestNamespace implements AutoCloseable {

  private final Cluster cluster;
  private final String name;

  private TestNamespace(Cluster cluster, String name) {
    this.cluster = cluster;
    this.name = name;
  }

  public static TestNamespace create(String name) {
    Cluster cluster = Cluster.get();
    RfgInstall.ensure(cluster);
    cluster.client().resource(restricted(name)).serverSideApply();
    return new TestNamespace(cluster, name);
  }

  /**
   * Every test namespace enforces the "restricted" Pod Security Standard, as a careful platform team's would: a
   * group's pods (and the tests' own clients) that needed more would not start.
   */
  public static Namespace restricted(String name) {
    return new NamespaceBuilder().withNewMetadata().withName(name)
        .addToLabels("pod-security.kubernetes.io/enforce", "restricted")
        .addToLabels("pod-security.kubernetes.io/enforce-version", "latest").endMetadata().build();
  }

  public Cluster cluster() {
    return cluster;
  }

  public String name() {
    return name;
  }

  @Override
  public void close() {
    cluster.client().namespaces().withName(name).delete();
    cluster.client().namespaces().withName(name).waitUntilCondition(n -> n == null, 2, TimeUnit.MINUTES);
  }
}
