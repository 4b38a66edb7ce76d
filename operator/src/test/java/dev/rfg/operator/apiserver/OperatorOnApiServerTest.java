package dev.rfg.operator.apiserver;

import dev.rfg.api.v1alpha1.Phase;
import dev.rfg.api.v1alpha1.RedisFailoverGroup;
import dev.rfg.operator.Groups;
import dev.rfg.operator.OperatorSettings;
import dev.rfg.operator.RedisFailoverGroupReconciler;
import dev.rfg.operator.mock.FakeSentinels;
import dev.rfg.operator.mock.FakeStatefulSetController;
import dev.rfg.operator.runtime.OperatorClient;
import dev.rfg.operator.runtime.ReconcileTimingMetrics;
import dev.rfg.testing.RealApiServer;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.monitoring.Metrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The operator as it runs in production (server-side apply for dependents and status) against a real
 * kube-apiserver: no controllers there either, so the fake StatefulSet controller and fake sentinels stand in.
 */
class OperatorOnApiServerTest {

  private static final String NS = "shop";
  private static RealApiServer apiServer;
  private static KubernetesClient client;
  private static KubernetesClient operatorClient;
  private static Operator operator;
  private static final FakeSentinels SENTINELS = new FakeSentinels();
  private static final SimpleMeterRegistry REGISTRY = new SimpleMeterRegistry();

  @BeforeAll
  static void start() {
    apiServer = RealApiServer.start();
    client = apiServer.client();
    apiServer.installCrd(client.getKubernetesSerialization().asYaml(client.getKubernetesSerialization().unmarshal(
        OperatorOnApiServerTest.class.getResourceAsStream("/META-INF/fabric8/redisfailovergroups.rfg.dev-v1.yml"),
        CustomResourceDefinition.class)));
    client.resource(new NamespaceBuilder().withNewMetadata().withName(NS).endMetadata().build()).serverSideApply();
    // The operator's own client, as in the image: its informers hold interned managedFields, which the server-side
    // apply matcher below must still read right.
    operatorClient = OperatorClient.create(client.getConfiguration());
    operator = new Operator(o -> o.withKubernetesClient(operatorClient)
        .withMetrics(new ReconcileTimingMetrics(Metrics.NOOP, REGISTRY)));
    operator.register(new RedisFailoverGroupReconciler(OperatorSettings.defaults(), SENTINELS, SENTINELS));
    operator.start();
  }

  @AfterAll
  static void stop() {
    if (operator != null) {
      operator.stop();
    }
    if (apiServer != null) {
      apiServer.close();
    }
  }

  /** A group as a user would create it: no uid or generation of its own. */
  private static void create(String name, String spec) {
    var group = Groups.fromYaml(spec);
    group.getMetadata().setName(name);
    group.getMetadata().setUid(null);
    group.getMetadata().setGeneration(null);
    group.getMetadata().setNamespace(NS);
    client.resource(group).create();
  }

  private static RedisFailoverGroup current(String name) {
    return client.resources(RedisFailoverGroup.class).inNamespace(NS).withName(name).get();
  }

  @Test
  void serverSideApplyPathConvergesAndStaysQuiet() {
    create("cache", "{}");
    var statefulSets = new FakeStatefulSetController(client);
    SENTINELS.elect("cache-0", 0);
    await().atMost(Duration.ofSeconds(60)).ignoreExceptions().untilAsserted(() -> {
      statefulSets.sync(NS, "cache");
      var status = current("cache").getStatus();
      assertThat(status.getPhase()).isEqualTo(Phase.Ready);
      assertThat(status.getReady()).isEqualTo("3/3");
    });
    StatefulSet sts = client.apps().statefulSets().inNamespace(NS).withName("cache").get();
    assertThat(sts.getMetadata().getOwnerReferences()).singleElement()
        .satisfies(o -> assertThat(o.getKind()).isEqualTo("RedisFailoverGroup"));
    assertThat(sts.getMetadata().getManagedFields()).anySatisfy(f ->
        assertThat(f.getOperation()).isEqualTo("Apply"));

    // A converged group is not rewritten on every reconcile: the SSA matcher sees no difference.
    String version = client.apps().statefulSets().inNamespace(NS).withName("cache").get().getMetadata()
        .getResourceVersion();
    await().pollDelay(Duration.ofSeconds(12)).atMost(Duration.ofSeconds(30)).untilAsserted(() ->
        assertThat(client.apps().statefulSets().inNamespace(NS).withName("cache").get().getMetadata()
            .getResourceVersion()).isEqualTo(version));

    // Nor is anything re-applied, not even an identical object or status (a no-op apply keeps the
    // resourceVersion but still costs the API server a write request): a reconcile of a converged group sends
    // no apply at all. Another manager's label on a Service is an event that makes the group reconcile.
    double applies = applyRequests();
    long reconciles = reconciles();
    client.services().inNamespace(NS).withName("cache-master").edit(s -> {
      s.getMetadata().getLabels().put("example.com/touched", "yes");
      return s;
    });
    await().atMost(Duration.ofSeconds(30)).until(() -> reconciles() > reconciles);
    await().pollDelay(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10)).untilAsserted(() ->
        assertThat(applyRequests()).as("server-side applies after the group converged").isEqualTo(applies));
  }

  private static long reconciles() {
    return REGISTRY.get(ReconcileTimingMetrics.NAME).timer().count();
  }

  /** kube-apiserver's count of server-side apply requests, every resource. */
  private static double applyRequests() {
    return client.raw("/metrics").lines().filter(l -> l.startsWith("apiserver_request_total{")
        && l.contains("verb=\"APPLY\"")).mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
        .sum();
  }

  @Test
  void kubectlScaleReachesTheStatefulSet() {
    create("scaled", "{}");
    await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() ->
        assertThat(client.apps().statefulSets().inNamespace(NS).withName("scaled").get()).isNotNull());
    client.resources(RedisFailoverGroup.class).inNamespace(NS).withName("scaled").scale(5);
    await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> {
      assertThat(client.apps().statefulSets().inNamespace(NS).withName("scaled").get().getSpec().getReplicas())
          .isEqualTo(5);
      assertThat(client.configMaps().inNamespace(NS).withName("scaled-config").get().getData()
          .get("sentinel.properties")).contains("replicas=5");
    });
  }
  /**
   * redis.conf lives in immutable ConfigMaps named by content: a change makes a new one, which the template names;
   * the old one stays while a pod still names it (a container restart there reads what the pod was made with) and
   * goes once none does. The API server refuses to change one.
   */
  @Test
  void redisConfRevisionsAreImmutableAndGoOnceNoPodNamesThem() {
    create("conf", "{redis: {config: {maxmemory: 100mb}}}");
    var statefulSets = new FakeStatefulSetController(client);
    await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> {
      statefulSets.sync(NS, "conf");
      assertThat(redisConfigMaps("conf")).hasSize(1);
      assertThat(client.pods().inNamespace(NS).withName("conf-2").get()).isNotNull();
    });
    String first = redisConfigMaps("conf").get(0).getMetadata().getName();
    assertThat(first).startsWith("conf-redis-");
    var firstMap = client.configMaps().inNamespace(NS).withName(first).get();
    assertThat(firstMap.getImmutable()).isTrue();
    assertThat(firstMap.getData().get("redis.conf")).contains("maxmemory 100mb");
    assertThat(dev.rfg.operator.render.PodVolumes.configMapsOf(client.pods().inNamespace(NS).withName("conf-0").get()))
        .contains(first, "conf-config");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> client.configMaps().inNamespace(NS).withName(first)
        .edit(cm -> new io.fabric8.kubernetes.api.model.ConfigMapBuilder(cm).addToData("redis.conf", "x").build()))
        .hasMessageContaining("field is immutable");

    // A merge patch, not edit(): the operator's status patches change the resourceVersion under an edit (409).
    client.resources(RedisFailoverGroup.class).inNamespace(NS).withName("conf").patch(
        io.fabric8.kubernetes.client.dsl.base.PatchContext.of(io.fabric8.kubernetes.client.dsl.base.PatchType.JSON_MERGE),
        "{\"spec\":{\"redis\":{\"config\":{\"maxmemory\":\"200mb\"}}}}");
    await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> {
      assertThat(redisConfigMaps("conf")).as("the old revision stays while pods name it").hasSize(2);
      String template = client.apps().statefulSets().inNamespace(NS).withName("conf").get().getSpec()
          .getTemplate().getSpec().getVolumes().stream().filter(v -> v.getProjected() != null)
          .flatMap(v -> v.getProjected().getSources().stream()).filter(src -> src.getConfigMap() != null)
          .map(src -> src.getConfigMap().getName()).filter(n -> n.startsWith("conf-redis-")).findFirst().orElseThrow();
      assertThat(template).isNotEqualTo(first);
      assertThat(client.configMaps().inNamespace(NS).withName(template).get().getData().get("redis.conf"))
          .contains("maxmemory 200mb");
    });
    // The rollout done (here by hand: these fake sentinels elect one master for every group), the pods name only
    // the new revision: the old one goes.
    client.pods().inNamespace(NS).withLabel("rfg.dev/group", "conf").delete();
    await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> {
      statefulSets.sync(NS, "conf");
      assertThat(client.pods().inNamespace(NS).withName("conf-0").get()).isNotNull();
      client.resources(RedisFailoverGroup.class).inNamespace(NS).withName("conf").edit(g -> {
        g.getMetadata().getAnnotations().put("example.com/nudge", Long.toString(System.nanoTime()));
        return g;
      });
      assertThat(redisConfigMaps("conf")).extracting(cm -> cm.getMetadata().getName())
          .singleElement().isNotEqualTo(first);
    });
  }

  /** spec.networkPolicy: the API server takes what the renderer makes, and turning it off deletes it. */
  @Test
  void aNetworkPolicyIsMadeWhenTheSpecAsksAndGoesWhenItNoLongerDoes() {
    create("fenced", """
        networkPolicy:
          enabled: true
          clients: [{podSelector: {matchLabels: {app: web}}}]
        """);
    var policies = client.network().v1().networkPolicies().inNamespace(NS);
    await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> {
      var policy = policies.withName("fenced").get();
      assertThat(policy.getSpec().getPodSelector().getMatchLabels()).containsEntry("rfg.dev/group", "fenced");
      assertThat(policy.getSpec().getIngress()).hasSize(2);
      assertThat(policy.getMetadata().getOwnerReferences()).singleElement()
          .satisfies(o -> assertThat(o.getKind()).isEqualTo("RedisFailoverGroup"));
    });
    client.resources(RedisFailoverGroup.class).inNamespace(NS).withName("fenced").patch(
        io.fabric8.kubernetes.client.dsl.base.PatchContext.of(io.fabric8.kubernetes.client.dsl.base.PatchType.JSON_MERGE),
        "{\"spec\":{\"networkPolicy\":{\"enabled\":false}}}");
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(policies.withName("fenced").get()).isNull());
    assertThat(client.apps().statefulSets().inNamespace(NS).withName("fenced").get())
        .as("turning the policy off touches nothing else").isNotNull();
  }

  /**
   * A CIDR the CRD's schema cannot check (a string) is refused by the API server's NetworkPolicy validation: the
   * group's other objects are applied all the same, condition SpecApplied and an event say what and why, and the
   * corrected spec applies.
   */
  @Test
  void anObjectTheApiServerRefusesIsSaidAndTheOthersAreApplied() {
    create("refused", """
        networkPolicy:
          enabled: true
          clients: [{ipBlock: {cidr: 10.0.0.0/33}}]
        """);
    await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> {
      var applied = current("refused").getStatus().getConditions().stream()
          .filter(c -> c.getType().equals("SpecApplied")).findFirst().orElseThrow();
      assertThat(applied.getStatus()).isEqualTo("False");
      assertThat(applied.getReason()).isEqualTo("ApplyFailed");
      assertThat(applied.getMessage()).contains("the API server refused the NetworkPolicy", "10.0.0.0/33");
      assertThat(current("refused").getStatus().getMessage()).contains("the API server refused the NetworkPolicy");
      assertThat(client.apps().statefulSets().inNamespace(NS).withName("refused").get()).isNotNull();
      assertThat(client.v1().events().inNamespace(NS).list().getItems()).anySatisfy(e -> {
        assertThat(e.getInvolvedObject().getName()).isEqualTo("refused");
        assertThat(e.getReason()).isEqualTo("ApplyFailed");
        assertThat(e.getType()).isEqualTo("Warning");
        assertThat(e.getMessage()).contains("10.0.0.0/33");
      });
    });
    client.resources(RedisFailoverGroup.class).inNamespace(NS).withName("refused").patch(
        io.fabric8.kubernetes.client.dsl.base.PatchContext.of(io.fabric8.kubernetes.client.dsl.base.PatchType.JSON_MERGE),
        "{\"spec\":{\"networkPolicy\":{\"clients\":[{\"ipBlock\":{\"cidr\":\"10.0.0.0/8\"}}]}}}");
    await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> {
      assertThat(current("refused").getStatus().getConditions()).anySatisfy(c -> {
        assertThat(c.getType()).isEqualTo("SpecApplied");
        assertThat(c.getStatus()).isEqualTo("True");
      });
      assertThat(client.network().v1().networkPolicies().inNamespace(NS).withName("refused").get()).isNotNull();
    });
  }

  private static java.util.List<io.fabric8.kubernetes.api.model.ConfigMap> redisConfigMaps(String group) {
    return client.configMaps().inNamespace(NS).withLabel("rfg.dev/config", "redis").withLabel("rfg.dev/group", group)
        .list().getItems();
  }
}
