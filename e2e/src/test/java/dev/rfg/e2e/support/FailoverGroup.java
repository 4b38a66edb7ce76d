package dev.rfg.e2e.support;

import dev.rfg.api.v1alpha1.RedisFailoverGroup;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One RedisFailoverGroup of a test, applied with kubectl like a user does, and what the fault tests read about
 * it: the role labels, the master Service's endpoints, the status, the sentinels' view.
 */
public final class FailoverGroup {

  public static final String ROLE = "rfg.dev/role";
  public static final Pattern IPV4 = Pattern.compile("\\b\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\b");

  private final Cluster cluster;
  private final String ns;
  private final String name;
  private final int downAfterMillis;

  private FailoverGroup(Cluster cluster, String ns, String name, int downAfterMillis) {
    this.cluster = cluster;
    this.ns = ns;
    this.name = name;
    this.downAfterMillis = downAfterMillis;
  }

  /** kubectl apply of a 3-pod group with this down-after (and a failover-timeout of 10 s or down-after). */
  public static FailoverGroup apply(Cluster cluster, String ns, String name, int downAfterMillis) {
    return apply(cluster, ns, name, downAfterMillis, null);
  }

  /** As {@link #apply(Cluster, String, String, int)}, with these {@code spec.redis} settings (YAML) unless null. */
  public static FailoverGroup apply(Cluster cluster, String ns, String name, int downAfterMillis, String redisSpec) {
    String yaml = """
        apiVersion: rfg.dev/v1alpha1
        kind: RedisFailoverGroup
        metadata: {name: %s}
        spec:
          replicas: 3
          sentinel: {downAfterMilliseconds: %d, failoverTimeoutMilliseconds: %d}
        """.formatted(name, downAfterMillis, Math.max(10_000, downAfterMillis))
        + (redisSpec == null ? "" : "  redis: " + redisSpec + "\n");
    try {
      var file = Files.createTempFile("rfg-e2e-" + name, ".yaml");
      Files.writeString(file, yaml);
      RfgInstall.kubectl(cluster, "apply", "-n", ns, "-f", file.toString()).orFail("kubectl apply of " + name);
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new FailoverGroup(cluster, ns, name, downAfterMillis);
  }

  public String name() {
    return name;
  }

  public String namespace() {
    return ns;
  }

  public int downAfterMillis() {
    return downAfterMillis;
  }

  public Cluster cluster() {
    return cluster;
  }

  public RedisFailoverGroup resource() {
    return cluster.client().resources(RedisFailoverGroup.class).inNamespace(ns).withName(name).get();
  }

  public String masterService() {
    return name + "-master";
  }

  /** The pod's DNS name as the sidecars announce it. */
  public String fqdn(String pod) {
    return pod + "." + name + "-headless." + ns + ".svc.cluster.local";
  }

  public List<Pod> pods() {
    return cluster.client().pods().inNamespace(ns).withLabel("rfg.dev/group", name).list().getItems();
  }

  public Pod pod(String pod) {
    return cluster.client().pods().inNamespace(ns).withName(pod).get();
  }

  /** Restarts of every container of the group's pods, the sentinel sidecars (init containers) included. */
  public int containerRestarts() {
    return pods().stream().flatMap(p -> java.util.stream.Stream.concat(
            p.getStatus().getContainerStatuses() == null ? java.util.stream.Stream.empty()
                : p.getStatus().getContainerStatuses().stream(),
            p.getStatus().getInitContainerStatuses() == null ? java.util.stream.Stream.empty()
                : p.getStatus().getInitContainerStatuses().stream()))
        .mapToInt(c -> c.getRestartCount() == null ? 0 : c.getRestartCount()).sum();
  }

  /** The pod's Ready condition is True. */
  public static boolean isReady(Pod pod) {
    return pod.getStatus() != null && pod.getStatus().getConditions() != null && pod.getStatus().getConditions()
        .stream().anyMatch(c -> c.getType().equals("Ready") && c.getStatus().equals("True"));
  }

  public List<String> podNames() {
    return pods().stream().map(p -> p.getMetadata().getName()).sorted().toList();
  }

  /** Pods labelled rfg.dev/role=master (not terminating). */
  public List<String> masterLabelled() {
    return pods().stream().filter(p -> p.getMetadata().getDeletionTimestamp() == null)
        .filter(p -> "master".equals(p.getMetadata().getLabels().get(ROLE)))
        .map(p -> p.getMetadata().getName()).sorted().toList();
  }

  /** The pods behind the master Service's ready endpoints, from its EndpointSlices. */
  public List<String> masterEndpoints() {
    List<String> names = new ArrayList<>();
    for (var slice : cluster.client().discovery().v1().endpointSlices().inNamespace(ns)
        .withLabel("kubernetes.io/service-name", masterService()).list().getItems()) {
      for (Endpoint endpoint : slice.getEndpoints() == null ? List.<Endpoint>of() : slice.getEndpoints()) {
        boolean ready = endpoint.getConditions() == null || !Boolean.FALSE.equals(endpoint.getConditions().getReady());
        if (ready && endpoint.getTargetRef() != null) {
          names.add(endpoint.getTargetRef().getName());
        }
      }
    }
    return names.stream().sorted().toList();
  }

  /**
   * Waits (polling every 100 ms) until the master Service selects exactly one pod, not {@code old}, and that pod is
   * the only one labelled master: the failover as clients of the Service see it. Returns that pod.
   */
  public String awaitMasterServiceMovedFrom(String old, Duration atMost) {
    await("master Service on a new master").atMost(atMost).pollInterval(Duration.ofMillis(100))
        .ignoreExceptions().untilAsserted(() -> {
          List<String> endpoints = masterEndpoints();
          assertThat(endpoints).hasSize(1).doesNotContain(old);
          assertThat(masterLabelled()).isEqualTo(endpoints);
        });
    return masterEndpoints().get(0);
  }

  public String statusMaster() {
    var group = resource();
    return group == null || group.getStatus() == null || group.getStatus().getMaster() == null ? null
        : group.getStatus().getMaster().getPod();
  }

  /** The group is Ready with all pods, one master label and the master Service on that pod; returns it. */
  public String awaitReady(Duration atMost) {
    await("group " + name + " Ready").atMost(atMost).pollInterval(Duration.ofSeconds(1)).ignoreExceptions()
        .untilAsserted(this::assertSettled);
    return masterLabelled().get(0);
  }

  /** Ready at the size the spec asks for (see {@link #awaitReady}). */
  public void assertSettled() {
    var group = resource();
    int size = group.getSpec().getReplicas();
    var status = group.getStatus();
    assertThat(status.getObservedGeneration()).isEqualTo(group.getMetadata().getGeneration());
    assertThat(status.getConditions()).anySatisfy(c -> {
      assertThat(c.getType()).isEqualTo("Ready");
      assertThat(c.getStatus()).isEqualTo("True");
    });
    assertThat(status.getReady()).isEqualTo(size + "/" + size);
    assertThat(String.valueOf(status.getPhase())).isEqualTo("Ready");
    assertThat(pods()).hasSize(size).allSatisfy(p -> assertThat(p.getStatus().getConditions())
        .anySatisfy(c -> {
          assertThat(c.getType()).isEqualTo("Ready");
          assertThat(c.getStatus()).isEqualTo("True");
        }));
    List<String> masters = masterLabelled();
    assertThat(masters).hasSize(1);
    assertThat(masterEndpoints()).containsExactlyElementsOf(masters);
    assertThat(status.getMaster().getPod()).isEqualTo(masters.get(0));
    // A settled group also has every sentinel knowing the other pods as replicas and sentinels (its /metrics,
    // through the API server's pod proxy): the replicas are seeded from the size, the sentinels come by hello.
    for (String pod : podNames()) {
      assertThat(metric(pod, "rfg_sentinel_known_replicas")).as("replicas known to the sentinel of %s", pod)
          .isEqualTo(size - 1);
      assertThat(metric(pod, "rfg_sentinel_known_sentinels")).as("sentinels known to the sentinel of %s", pod)
          .isEqualTo(size);
    }
  }

  /** A gauge of the group's master from the sidecar's /metrics on this pod, or -1 when it is not there. */
  public int metric(String pod, String metric) {
    return gauge(cluster.client().raw("/api/v1/namespaces/" + ns + "/pods/" + pod + ":8080/proxy/metrics"), metric);
  }

  private int gauge(String metrics, String metric) {
    var m = Pattern.compile("(?m)^" + metric + "\\{[^}]*master=\"" + Pattern.quote(name) + "\"[^}]*\\}\\s+([0-9.eE+]+)")
        .matcher(metrics == null ? "" : metrics);
    return m.find() ? (int) Double.parseDouble(m.group(1)) : -1;
  }

  public String password() {
    var secret = cluster.client().secrets().inNamespace(ns).withName(resource().getStatus().getAuthSecretName())
        .get();
    return new String(Base64.getDecoder().decode(secret.getData().get("password")), StandardCharsets.UTF_8);
  }

  public RedisClientPod client() {
    var group = resource();
    return new RedisClientPod(cluster, ns, group.getStatus().getAuthSecretName(), name + "-sentinel-admin",
        group.getSpec().getRedis().getImage());
  }

  public String describe() {
    return RfgInstall.kubectl(cluster, "describe", "rfg", name, "-n", ns).orFail("kubectl describe rfg").output();
  }

  /** kubectl delete pod, without waiting for it to go; force means --grace-period=0 --force. */
  public void deletePod(String pod, boolean force) {
    List<String> argv = new ArrayList<>(List.of("delete", "pod", pod, "-n", ns, "--wait=false"));
    if (force) {
      argv.addAll(List.of("--grace-period=0", "--force"));
    }
    RfgInstall.kubectl(cluster, argv.toArray(String[]::new)).orFail("kubectl delete pod " + pod);
  }

  /** What a sentinel says about its peers and replicas: hosts by field "ip", and the raw text. */
  public record SentinelView(String pod, List<String> replicaHosts, List<String> sentinelHosts, String raw) {
  }

  public SentinelView sentinelView(RedisClientPod client, String pod) {
    String replicas = client.cliRaw("-h", fqdn(pod), "-p", "26379", "SENTINEL", "REPLICAS", name);
    String sentinels = client.cliRaw("-h", fqdn(pod), "-p", "26379", "SENTINEL", "SENTINELS", name);
    return new SentinelView(pod, field(replicas, "ip"), field(sentinels, "ip"),
        "REPLICAS:\n" + replicas + "\nSENTINELS:\n" + sentinels);
  }

  /** Every sentinel knows exactly the other pods, by DNS name only. */
  public void assertSentinelsClean(RedisClientPod client, String master) {
    List<String> all = podNames();
    assertThat(all).hasSize(3);
    for (String pod : all) {
      SentinelView view = sentinelView(client, pod);
      assertThat(client.cliRaw("-h", fqdn(pod), "-p", "26379", "SENTINEL", "GET-MASTER-ADDR-BY-NAME", name)
          .lines().findFirst().orElse("")).as("master according to the sentinel of %s", pod).isEqualTo(fqdn(master));
      assertThat(view.raw()).as("sentinel of %s holds no IP address", pod).doesNotContainPattern(IPV4);
      assertThat(view.replicaHosts()).as("replicas known to the sentinel of %s:\n%s", pod, view.raw())
          .containsExactlyInAnyOrderElementsOf(all.stream().filter(p -> !p.equals(master)).map(this::fqdn).toList());
      assertThat(view.sentinelHosts()).as("other sentinels known to the sentinel of %s:\n%s", pod, view.raw())
          .containsExactlyInAnyOrderElementsOf(all.stream().filter(p -> !p.equals(pod)).map(this::fqdn).toList());
    }
  }

  /** Values following a key line in redis-cli's raw output of an array of field/value arrays. */
  static List<String> field(String raw, String key) {
    List<String> lines = raw.lines().map(String::trim).toList();
    List<String> values = new ArrayList<>();
    for (int i = 0; i + 1 < lines.size(); i += 2) {
      if (Objects.equals(lines.get(i), key)) {
        values.add(lines.get(i + 1));
      }
    }
    return values;
  }

  /** INFO replication of one pod's Redis, as key -> value. */
  public java.util.Map<String, String> replicationInfo(RedisClientPod client, String pod) {
    var map = new java.util.LinkedHashMap<String, String>();
    for (String line : client.cliRaw("-h", fqdn(pod), "INFO", "replication").lines().toList()) {
      int colon = line.indexOf(':');
      if (colon > 0) {
        map.put(line.substring(0, colon), line.substring(colon + 1).trim());
      }
    }
    return map;
  }

  public void delete() {
    cluster.client().resources(RedisFailoverGroup.class).inNamespace(ns).withName(name).delete();
  }
}
