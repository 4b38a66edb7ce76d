package dev.rfg.operator.mock;

import dev.rfg.api.v1alpha1.ConditionTypes;
import dev.rfg.api.v1alpha1.Phase;
import dev.rfg.api.v1alpha1.RedisFailoverGroup;
import dev.rfg.operator.Groups;
import dev.rfg.operator.OperatorSettings;
import dev.rfg.operator.RedisFailoverGroupReconciler;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.javaoperatorsdk.operator.Operator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole operator against fabric8's mock API server (CRUD mode). The mock has no server-side apply, so
 * SSA is off here (production keeps it on; the API-server tier covers that path), and no controllers, so a
 * fake StatefulSet controller makes the pods and fake sentinels report the master.
 */
@EnableKubernetesMockClient(crud = true)
class OperatorOnMockServerTest {

  static KubernetesClient client;
  private final FakeSentinels sentinels = new FakeSentinels();
  private FakeStatefulSetController statefulSets;
  private Operator operator;
  private KubernetesClient operatorClient;
  /** Every test its own namespace: the mock server lives as long as the class. */
  private final String ns = "shop-" + java.util.UUID.randomUUID().toString().substring(0, 8);

  @BeforeEach
  void startOperator() {
    client.apiextensions().v1().customResourceDefinitions().resource(
        client.getKubernetesSerialization().unmarshal(
            getClass().getResourceAsStream("/META-INF/fabric8/redisfailovergroups.rfg.dev-v1.yml"),
            CustomResourceDefinition.class)).createOr(io.fabric8.kubernetes.client.dsl.NonDeletingOperation::update);
    statefulSets = new FakeStatefulSetController(client);
    // The operator's own client fails a request after 5 s, without retries: fabric8's mock server sometimes throws
    // on a status JSON patch computed against a stale cache (JsonPatchException "Missing field message") and never
    // answers; with the defaults (10 s timeout, 10 retries with back-off) that reconcile hung for about 3 minutes,
    // where a real API server answers 422 at once and JOSDK retries from a fresh cache.
    operatorClient = new KubernetesClientBuilder().withConfig(new ConfigBuilder(client.getConfiguration())
        .withRequestTimeout(5_000).withRequestRetryBackoffLimit(0).build()).build();
    operator = new Operator(o -> o.withKubernetesClient(operatorClient).withCloseClientOnStop(false)
        .withSSABasedCreateUpdateMatchForDependentResources(false).withUseSSAToPatchPrimaryResource(false));
    operator.register(new RedisFailoverGroupReconciler(OperatorSettings.defaults(), sentinels, sentinels));
    operator.start();
  }

  @AfterEach
  void stopOperator() {
    operator.stop();
    operatorClient.close();
  }

  private RedisFailoverGroup create(String spec) {
    RedisFailoverGroup group = Groups.fromYaml(spec);
    group.getMetadata().setUid(null);
    group.getMetadata().setGeneration(null);
    group.getMetadata().setNamespace(ns);
    return client.resource(group).create();
  }

  private RedisFailoverGroup current() {
    return client.resources(RedisFailoverGroup.class).inNamespace(ns).withName("cache").get();
  }

  private List<String> eventReasons() {
    return client.v1().events().inNamespace(ns).list().getItems().stream().map(Event::getReason).toList();
  }

  @Test
  void aNewGroupGetsEveryObjectThenReadyStatusFromTheSentinels() {
    create("{}");
    await().atMost(Duration.ofSeconds(20)).ignoreExceptions().untilAsserted(() -> {
      assertThat(client.apps().statefulSets().inNamespace(ns).withName("cache").get()).isNotNull();
      assertThat(client.services().inNamespace(ns).list().getItems()).extracting(s -> s.getMetadata().getName())
          .containsExactlyInAnyOrder("cache-headless", "cache-master", "cache-replicas", "cache-sentinel");
      assertThat(client.configMaps().inNamespace(ns).withName("cache-config").get()).isNotNull();
      assertThat(client.secrets().inNamespace(ns).withName("cache-auth").get().getMetadata().getOwnerReferences())
          .as("deleted with the group").singleElement()
          .satisfies(o -> assertThat(o.getKind()).isEqualTo("RedisFailoverGroup"));
      var admin = client.secrets().inNamespace(ns).withName("cache-sentinel-admin").get();
      assertThat(admin.getMetadata().getOwnerReferences()).as("the admin Secret is deleted with the group")
          .singleElement().satisfies(o -> assertThat(o.getKind()).isEqualTo("RedisFailoverGroup"));
      // The mock server keeps stringData as written (an API server would move it to data).
      assertThat(admin.getStringData().get("password")).as("a password of its own").isNotBlank()
          .isNotEqualTo(client.secrets().inNamespace(ns).withName("cache-auth").get().getStringData()
              .get("password"));
      assertThat(client.serviceAccounts().inNamespace(ns).withName("cache-sentinel").get()).isNotNull();
      assertThat(client.rbac().roles().inNamespace(ns).withName("cache-sentinel").get()).isNotNull();
      assertThat(client.rbac().roleBindings().inNamespace(ns).withName("cache-sentinel").get()).isNotNull();
      assertThat(client.policy().v1().podDisruptionBudget().inNamespace(ns).withName("cache").get()).isNotNull();
      assertThat(current().getStatus()).isNotNull();
      assertThat(current().getStatus().getAuthSecretName()).isEqualTo("cache-auth");
    });

    sentinels.elect("cache-0", 0);
    await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> {
      statefulSets.sync(ns, "cache");
      var status = current().getStatus();
      assertThat(status.getPhase()).isEqualTo(Phase.Ready);
      assertThat(status.getMaster().getPod()).isEqualTo("cache-0");
      assertThat(status.getReady()).isEqualTo("3/3");
      assertThat(status.getSentinels()).isEqualTo(3);
      assertThat(status.getObservedGeneration()).isEqualTo(current().getMetadata().getGeneration());
    });
    assertThat(sentinels.passwordsSeen().get("cache")).isNotBlank();
    assertThat(eventReasons()).contains("Created", "Ready");
  }

  /**
   * Groups that differ in their optional objects (spec.auth, the replicas Service, the budget) leave the informers
   * of those objects running. With JOSDK activation conditions, a reconcile of a group without them stopped the
   * informer and the next reconcile of a group with them started it again, listing every such object anew: seconds
   * per reconcile with 500 groups (e2e/bin/bench-operator-scale). And each object is cached once: the Services
   * share one informer.
   */
  @Test
  void groupsThatDifferInOptionalObjectsLeaveEveryInformerRunning() {
    var health = operator.getRuntimeInfo().getRegisteredController(RedisFailoverGroupReconciler.NAME)
        .getControllerHealthInfo();
    var atStart = java.util.Set.copyOf(health.informerEventSourceHealthIndicators().keySet());
    assertThat(atStart).as("informers of the optional objects, from the start")
        .contains("auth-secret", "master-service", "pod-disruption-budget");
    assertThat(atStart).as("the four Services share the master Service's informer")
        .doesNotContain("headless-service", "replicas-service", "sentinel-service");

    create("{}");
    await().atMost(Duration.ofSeconds(20)).ignoreExceptions().untilAsserted(() -> {
      assertThat(client.secrets().inNamespace(ns).withName("cache-auth").get()).isNotNull();
      assertThat(client.services().inNamespace(ns).withName("cache-replicas").get()).isNotNull();
      assertThat(client.policy().v1().podDisruptionBudget().inNamespace(ns).withName("cache").get()).isNotNull();
    });
    client.secrets().inNamespace(ns).resource(new SecretBuilder().withNewMetadata().withName("pw")
        .addToAnnotations("rfg.dev/allowed-groups", "*").endMetadata()
        .addToStringData("password", "s3cret").build()).create();
    RedisFailoverGroup lean = Groups.fromYaml("{auth: {secretName: pw}, services: {replicas: {enabled: false}}, "
        + "podDisruptionBudget: {enabled: false}}");
    lean.getMetadata().setName("lean");
    lean.getMetadata().setUid(null);
    lean.getMetadata().setGeneration(null);
    lean.getMetadata().setNamespace(ns);
    client.resource(lean).create();
    await().atMost(Duration.ofSeconds(20)).ignoreExceptions().untilAsserted(() -> {
      var status = client.resources(RedisFailoverGroup.class).inNamespace(ns).withName("lean").get().getStatus();
      assertThat(status.getAuthSecretName()).isEqualTo("pw");
      assertThat(client.apps().statefulSets().inNamespace(ns).withName("lean").get()).isNotNull();
    });

    assertThat(health.informerEventSourceHealthIndicators().keySet()).containsExactlyInAnyOrderElementsOf(atStart);
    assertThat(client.secrets().inNamespace(ns).withName("lean-auth").get()).isNull();
    assertThat(client.secrets().inNamespace(ns).withName("lean-sentinel-admin").get())
        .as("the admin password is generated with a named Secret too").isNotNull();
    assertThat(client.services().inNamespace(ns).withName("lean-replicas").get()).isNull();
    assertThat(client.policy().v1().podDisruptionBudget().inNamespace(ns).withName("lean").get()).isNull();
    assertThat(client.secrets().inNamespace(ns).withName("cache-auth").get()).isNotNull();
  }

  @Test
  void theOperatorRelabelsPodsToTheElectedMasterDemotionsFirst() {
    create("{}");
    sentinels.elect("cache-0", 0);
    await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> {
      statefulSets.sync(ns, "cache");
      assertThat(role("cache-0")).isEqualTo("master");
      assertThat(role("cache-1")).isEqualTo("replica");
    });

    sentinels.elect("cache-2", 1);
    await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> {
      assertThat(role("cache-2")).isEqualTo("master");
      assertThat(role("cache-0")).isEqualTo("replica");
      assertThat(current().getStatus().getMaster().getPod()).isEqualTo("cache-2");
      assertThat(current().getStatus().getLastFailoverTime()).isNotNull();
    });
    assertThat(eventReasons()).contains("FailoverObserved");
  }

  /**
   * A master whose pod is being deleted hands over before Redis stops (the preStop switchover): that is planned, a
   * Normal MasterMoved, not the FailoverObserved Warning of a failover nobody asked for.
   */
  @Test
  void aMasterWhosePodIsBeingDeletedHandsOverAsPlanned() {
    create("{}");
    sentinels.elect("cache-0", 0);
    await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> {
      statefulSets.sync(ns, "cache");
      assertThat(current().getStatus().getPhase()).isEqualTo(Phase.Ready);
    });
    // A pod being deleted whose containers are still stopping: a finalizer holds it as the kubelet would (the mock
    // has none to finish it).
    client.pods().inNamespace(ns).withName("cache-0").edit(p -> {
      p.getMetadata().getFinalizers().add("example.com/still-stopping");
      return p;
    });
    client.pods().inNamespace(ns).withName("cache-0").delete();
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(client.pods().inNamespace(ns)
        .withName("cache-0").get().getMetadata().getDeletionTimestamp()).isNotNull());
    sentinels.elect("cache-1", 1);
    await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> {
      assertThat(current().getStatus().getMaster().getPod()).isEqualTo("cache-1");
      assertThat(client.v1().events().inNamespace(ns).list().getItems()).anySatisfy(e -> {
        assertThat(e.getReason()).isEqualTo("MasterMoved");
        assertThat(e.getType()).isEqualTo("Normal");
        assertThat(e.getMessage()).contains("from cache-0 to cache-1", "because the pod of cache-0 was "
            + "being deleted");
      });
    });
    assertThat(eventReasons()).doesNotContain("FailoverObserved");
  }

  @Test
  void aLeftoverGeneratedSecretIsAdoptedWithItsPassword() {
    // Left by an earlier group of this name: RFG's labels say who made it.
    client.secrets().inNamespace(ns).resource(new SecretBuilder().withNewMetadata().withName("cache-auth")
        .withLabels(dev.rfg.operator.render.GroupLabels.common("cache")).endMetadata()
        .addToStringData("password", "kept").build()).create();
    create("{}");
    await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> {
      var secret = client.secrets().inNamespace(ns).withName("cache-auth").get();
      assertThat(secret.getMetadata().getOwnerReferences()).singleElement()
          .satisfies(o -> assertThat(o.getName()).isEqualTo("cache"));
      assertThat(client.apps().statefulSets().inNamespace(ns).withName("cache").get()).isNotNull();
    });
    var kept = client.secrets().inNamespace(ns).withName("cache-auth").get();
    // The mock server keeps stringData as written; a real API server moves it to data.
    assertThat(kept.getData() != null && kept.getData().containsKey("password")
        ? new String(java.util.Base64.getDecoder().decode(kept.getData().get("password")))
        : kept.getStringData().get("password")).isEqualTo("kept");
  }

  @Test
  void aSecretOfTheGeneratedNameMadeByOthersIsNeitherUsedNorAdopted() {
    client.secrets().inNamespace(ns).resource(new SecretBuilder().withNewMetadata().withName("cache-auth")
        .addToLabels("app", "billing").endMetadata().addToStringData("password", "theirs").build()).create();
    create("{}");
    await().atMost(Duration.ofSeconds(20)).ignoreExceptions().untilAsserted(() -> {
      assertThat(current().getStatus().getMessage()).contains("Secret cache-auth was not made by RFG for this group");
      assertThat(eventReasons()).contains("ConfigError");
    });
    assertThat(client.apps().statefulSets().inNamespace(ns).withName("cache").get()).isNull();
    assertThat(client.secrets().inNamespace(ns).withName("cache-auth").get().getMetadata().getOwnerReferences())
        .isNullOrEmpty();
  }

  @Test
  void aMissingSecretIsAConditionAndAnEventAndCreatesNothing() {
    create("{auth: {secretName: missing-password}}");
    await().atMost(Duration.ofSeconds(20)).ignoreExceptions().untilAsserted(() -> {
      var status = current().getStatus();
      assertThat(status).isNotNull();
      assertThat(status.getPhase()).isEqualTo(Phase.Error);
      assertThat(status.getMessage()).contains("Secret missing-password named in spec.auth.secretName does not exist");
      assertThat(status.getConditions()).filteredOn(c -> c.getType().equals(ConditionTypes.DEGRADED))
          .singleElement().satisfies(c -> assertThat(c.getStatus()).isEqualTo("True"));
      assertThat(eventReasons()).contains("ConfigError");
    });
    assertThat(client.apps().statefulSets().inNamespace(ns).withName("cache").get()).isNull();

    client.secrets().inNamespace(ns).resource(new SecretBuilder().withNewMetadata().withName("missing-password")
        .addToAnnotations("rfg.dev/allowed-groups", "*").endMetadata()
        .addToStringData("password", "s3cret").build()).create();
    await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() ->
        assertThat(client.apps().statefulSets().inNamespace(ns).withName("cache").get()).isNotNull());
  }

  @Test
  void anApplicationUserWithoutItsSecretIsAConditionAndAnEventButTheGroupIsMade() {
    create("{auth: {users: [{name: app, rules: '~app:* +@all', passwordSecret: {name: app-redis}}]}}");
    await().atMost(Duration.ofSeconds(20)).ignoreExceptions().untilAsserted(() -> {
      assertThat(client.apps().statefulSets().inNamespace(ns).withName("cache").get()).isNotNull();
      assertThat(current().getStatus().getConditions()).filteredOn(c -> c.getType().equals(
          ConditionTypes.ACL_USERS_READY)).singleElement().satisfies(c -> {
            assertThat(c.getStatus()).isEqualTo("False");
            assertThat(c.getMessage()).isEqualTo("Secret app-redis of ACL user app does not exist");
          });
      assertThat(eventReasons()).contains("AclUserSecretMissing");
    });

    client.secrets().inNamespace(ns).resource(new SecretBuilder().withNewMetadata().withName("app-redis")
        .addToAnnotations("rfg.dev/allowed-groups", "*").endMetadata()
        .addToStringData("password", "app-pw").build()).create();
    await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() ->
        assertThat(current().getStatus().getConditions()).filteredOn(c -> c.getType().equals(
            ConditionTypes.ACL_USERS_READY)).singleElement()
            .satisfies(c -> assertThat(c.getStatus()).isEqualTo("True")));
  }

  @Test
  void anApplicationUsersSecretThatDoesNotAllowTheGroupIsNeverMounted() {
    client.secrets().inNamespace(ns).resource(new SecretBuilder().withNewMetadata().withName("db-credentials")
        .endMetadata().addToStringData("password", "not-for-redis").build()).create();
    create("{auth: {users: [{name: app, rules: '+@all', passwordSecret: {name: db-credentials}}]}}");
    await().atMost(Duration.ofSeconds(20)).ignoreExceptions().untilAsserted(() -> {
      assertThat(current().getStatus().getMessage()).contains("Secret db-credentials (password of ACL user app) "
          + "does not let group cache mount it: annotate it rfg.dev/allowed-groups=cache (or '*')");
      assertThat(eventReasons()).contains("ConfigError");
    });
    assertThat(client.apps().statefulSets().inNamespace(ns).withName("cache").get()).as("no pod template names it")
        .isNull();
  }

  @Test
  void aSecretThatDisappearsLaterLeavesTheRunningPodsAlone() {
    client.secrets().inNamespace(ns).resource(new SecretBuilder().withNewMetadata().withName("pw")
        .addToAnnotations("rfg.dev/allowed-groups", "*").endMetadata()
        .addToStringData("password", "s3cret").build()).create();
    create("{auth: {secretName: pw}}");
    sentinels.elect("cache-0", 0);
    awaitReady();
    client.secrets().inNamespace(ns).withName("pw").delete();
    await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> {
      assertThat(current().getStatus().getMessage()).contains("Secret pw named in spec.auth.secretName does not exist");
      assertThat(current().getStatus().getPhase()).isEqualTo(Phase.Degraded);
    });
    assertThat(client.apps().statefulSets().inNamespace(ns).withName("cache").get()).isNotNull();
    assertThat(client.pods().inNamespace(ns).list().getItems()).hasSize(3);
  }

  @Test
  void scalingFollowsTheSpecButNeverRemovesTheMaster() {
    create("{replicas: 5}");
    sentinels.elect("cache-4", 0);
    awaitReady();
    mergePatch("{\"spec\":{\"replicas\":3}}");
    await().atMost(Duration.ofSeconds(20)).ignoreExceptions().untilAsserted(() -> assertThat(eventReasons()).contains("ScaleDownWaiting"));
    assertThat(client.apps().statefulSets().inNamespace(ns).withName("cache").get().getSpec().getReplicas())
        .isEqualTo(5);

    sentinels.elect("cache-1", 1);
    await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> {
      statefulSets.sync(ns, "cache");
      assertThat(client.apps().statefulSets().inNamespace(ns).withName("cache").get().getSpec().getReplicas())
          .isEqualTo(3);
      assertThat(current().getStatus().getReady()).isEqualTo("3/3");
    });
    assertThat(client.configMaps().inNamespace(ns).withName("cache-config").get().getData()
        .get("sentinel.properties")).contains("replicas=3");
  }

  @Test
  void aScaleDownWaitsWhileNoSentinelAnswersOrTheNamedMasterIsNoMaster() {
    create("{replicas: 5}");
    sentinels.elect("cache-1", 0);
    awaitReady();
    sentinels.elect(null, 0); // every sentinel unreachable from the operator
    mergePatch("{\"spec\":{\"replicas\":3}}");
    await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() ->
        assertThat(current().getStatus().getMessage()).contains("scale-down to 3 waits: no sentinel answers"));
    assertThat(client.apps().statefulSets().inNamespace(ns).withName("cache").get().getSpec().getReplicas())
        .isEqualTo(5);

    sentinels.elect("cache-1", 0);
    sentinels.reportRole("cache-1", "slave"); // a split view: the sentinels name a pod whose Redis is a replica
    await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() ->
        assertThat(current().getStatus().getMessage()).contains("scale-down to 3 waits: the sentinels name cache-1"
            + " as master, but its Redis reports role slave"));
    assertThat(client.apps().statefulSets().inNamespace(ns).withName("cache").get().getSpec().getReplicas())
        .isEqualTo(5);

    sentinels.reportRole("cache-1", "master");
    await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> {
      statefulSets.sync(ns, "cache");
      assertThat(client.apps().statefulSets().inNamespace(ns).withName("cache").get().getSpec().getReplicas())
          .isEqualTo(3);
    });
  }

  @Test
  void aTemplateChangeReplacesReplicasFirstThenSwitchesOverOnce() {
    create("{}");
    sentinels.elect("cache-0", 0);
    awaitReady();
    List<String> deleted = new java.util.concurrent.CopyOnWriteArrayList<>();
    var watch = client.pods().inNamespace(ns).watch(new io.fabric8.kubernetes.client.Watcher<Pod>() {
      @Override
      public void eventReceived(Action action, Pod pod) {
        if (action == Action.DELETED) {
          deleted.add(pod.getMetadata().getName());
        }
      }

      @Override
      public void onClose(io.fabric8.kubernetes.client.WatcherException cause) {
      }
    });
    try {
      mergePatch("{\"spec\":{\"redis\":{\"config\":{\"maxmemory\":\"100mb\"}}}}");

      await().atMost(Duration.ofSeconds(90)).ignoreExceptions().untilAsserted(() -> {
        statefulSets.sync(ns, "cache");
        var status = current().getStatus();
        assertThat(deleted).hasSize(3);
        assertThat(status.getPhase()).isEqualTo(Phase.Ready);
      });
    } finally {
      watch.close();
    }
    assertThat(deleted).as("replicas first, the old master last").containsExactly("cache-2", "cache-1", "cache-0");
    assertThat(sentinels.switchovers()).as("one switchover per rollout").containsExactly("cache-1");
    assertThat(current().getStatus().getMaster().getPod()).isEqualTo("cache-1");
    assertThat(eventReasons()).contains("RollingUpdateStarted", "RollingUpdate", "Switchover", "RollingUpdateFinished",
        "MasterMoved").as("the operator's own switchover is no failover").doesNotContain("FailoverObserved");
  }

  /**
   * A server image that cannot replace the running one (8.0 writes RDB format 12, 7.0 reads up to 10) is refused
   * before anything is rendered: the StatefulSet and the pods stay, SpecApplied is False with the reason, one
   * event says it; setting the image back is accepted and changes nothing either.
   */
  @Test
  void aServerDowngradeIsRefusedAndNothingRunningChanges() {
    create("{redis: {image: \"redis:8.0.2\"}}");
    sentinels.elect("cache-0", 0);
    awaitReady();
    var before = client.apps().statefulSets().inNamespace(ns).withName("cache").get();
    var uids = client.pods().inNamespace(ns).list().getItems().stream().map(p -> p.getMetadata().getUid()).toList();

    mergePatch("{\"spec\":{\"redis\":{\"image\":\"redis:7.0.15\"}}}");
    await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> {
      var applied = current().getStatus().getConditions().stream()
          .filter(c -> c.getType().equals(ConditionTypes.SPEC_APPLIED)).findFirst().orElseThrow();
      assertThat(applied.getStatus()).isEqualTo("False");
      assertThat(applied.getMessage()).contains("redis:7.0.15 (Redis 7.0, RDB format 10) cannot replace redis:8.0.2");
      assertThat(eventReasons()).contains("ServerChangeRefused");
    });
    var after = client.apps().statefulSets().inNamespace(ns).withName("cache").get();
    assertThat(after.getMetadata().getGeneration()).isEqualTo(before.getMetadata().getGeneration());
    assertThat(after.getSpec().getTemplate().getSpec().getContainers()).filteredOn(c -> c.getName().equals("redis"))
        .singleElement().satisfies(c -> assertThat(c.getImage()).isEqualTo("redis:8.0.2"));
    assertThat(current().getStatus().getConditions()).filteredOn(c -> c.getType().equals(ConditionTypes.AVAILABLE))
        .singleElement().satisfies(c -> assertThat(c.getStatus()).isEqualTo("True"));

    mergePatch("{\"spec\":{\"redis\":{\"image\":\"redis:8.0.2\"}}}");
    await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> {
      statefulSets.sync(ns, "cache");
      assertThat(current().getStatus().getConditions()).filteredOn(c -> c.getType().equals(ConditionTypes.SPEC_APPLIED))
          .singleElement().satisfies(c -> assertThat(c.getStatus()).isEqualTo("True"));
      assertThat(current().getStatus().getPhase()).isEqualTo(Phase.Ready);
    });
    assertThat(client.pods().inNamespace(ns).list().getItems()).extracting(p -> p.getMetadata().getUid())
        .containsExactlyInAnyOrderElementsOf(uids);
    assertThat(eventReasons().stream().filter("ServerChangeRefused"::equals)).hasSize(1);
  }

  /** Turning an optional object off removes it (a budget left behind would still pace drains); on brings it back. */
  @Test
  void optionalObjectsTurnedOffAreRemovedAndComeBack() {
    create("{}");
    await().atMost(Duration.ofSeconds(20)).ignoreExceptions().untilAsserted(() -> {
      assertThat(client.services().inNamespace(ns).withName("cache-replicas").get()).isNotNull();
      assertThat(client.policy().v1().podDisruptionBudget().inNamespace(ns).withName("cache").get()).isNotNull();
    });
    mergePatch("{\"spec\":{\"services\":{\"replicas\":{\"enabled\":false}},"
        + "\"podDisruptionBudget\":{\"enabled\":false}}}");
    await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
      assertThat(client.services().inNamespace(ns).withName("cache-replicas").get()).isNull();
      assertThat(client.policy().v1().podDisruptionBudget().inNamespace(ns).withName("cache").get()).isNull();
    });
    assertThat(client.services().inNamespace(ns).withName("cache-master").get()).as("the other Services stay")
        .isNotNull();
    assertThat(client.services().inNamespace(ns).withName("cache-sentinel").get()).isNotNull();

    mergePatch("{\"spec\":{\"services\":{\"replicas\":{\"enabled\":true}},"
        + "\"podDisruptionBudget\":{\"enabled\":true}}}");
    await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
      assertThat(client.services().inNamespace(ns).withName("cache-replicas").get()).isNotNull();
      assertThat(client.policy().v1().podDisruptionBudget().inNamespace(ns).withName("cache").get()).isNotNull();
    });
  }

  @Test
  void aSwitchoverAnnotationMovesTheMasterOnceAndIsRemoved() {
    create("{}");
    sentinels.elect("cache-0", 0);
    awaitReady();
    mergePatch("{\"metadata\":{\"annotations\":{\"rfg.dev/switchover\":\"cache-2\"}}}");
    await().atMost(Duration.ofSeconds(40)).ignoreExceptions().untilAsserted(() -> {
      assertThat(current().getStatus().getMaster().getPod()).isEqualTo("cache-2");
      assertThat(current().getMetadata().getAnnotations()).doesNotContainKey("rfg.dev/switchover");
    });
    assertThat(sentinels.switchovers()).containsExactly("cache-2");
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(eventReasons()).contains("MasterMoved"));
    assertThat(eventReasons()).doesNotContain("FailoverObserved");
  }

  /**
   * A change as a user's {@code kubectl patch --type=merge} makes it: no resourceVersion, so the operator's own
   * writes in between cannot make it fail with a conflict (an update from a read copy did, under load).
   */
  private void mergePatch(String json) {
    client.resources(RedisFailoverGroup.class).inNamespace(ns).withName("cache")
        .patch(PatchContext.of(PatchType.JSON_MERGE), json);
  }

  /** The fake controller makes the pods while the operator works towards Ready. */
  private void awaitReady() {
    await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> {
      statefulSets.sync(ns, "cache");
      assertThat(current().getStatus().getPhase()).isEqualTo(Phase.Ready);
    });
  }

  private String role(String pod) {
    Pod p = client.pods().inNamespace(ns).withName(pod).get();
    return p == null ? null : p.getMetadata().getLabels().get("rfg.dev/role");
  }
}
