package dev.rfg.e2e;

import dev.rfg.e2e.support.FailoverGroup;
import dev.rfg.e2e.support.GroupFixture;
import dev.rfg.e2e.support.RfgInstall;
import dev.rfg.e2e.support.Tools;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue #7, scenario 10: bad input. Every invalid spec is refused by {@code kubectl apply} with a message a person
 * understands, also on an existing group; a Secret that does not exist gives a condition and an event and
 * disturbs nothing running; deleting the group removes everything it owned.
 */
@Tag("cluster")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BadInputTest {

  private static GroupFixture fixture;
  private static FailoverGroup group;

  /** A spec fragment (under spec:) and what kubectl must print when it is refused. */
  record BadSpec(String spec, String message) {
  }

  static final List<BadSpec> BAD_SPECS = List.of(
      new BadSpec("{replicas: 2}", "replicas must be 1 (no failover) or at least 3"),
      new BadSpec("{replicas: 0}", "should be greater than or equal to 1"),
      new BadSpec("{replicas: 3, sentinel: {quorum: 4}}", "sentinel.quorum must not exceed replicas"),
      new BadSpec("{replicas: 3, redis: {minReplicasToWrite: 3}}", "redis.minReplicasToWrite must be less than replicas"),
      new BadSpec("{replicas: 3, sentinel: {downAfterMilliseconds: 5000, failoverTimeoutMilliseconds: 1000}}",
          "sentinel.failoverTimeoutMilliseconds must be at least downAfterMilliseconds"),
      new BadSpec("{replicas: 3, sentinel: {downAfterMilliseconds: 10}}", "should be greater than or equal to 100"),
      new BadSpec("{replicas: 3, redis: {config: {requirepass: secret}}}",
          "redis.config may not set requirepass: the operator owns this directive"),
      new BadSpec("{replicas: 3, redis: {config: {MaxMemory: 1gb}}}",
          "redis.config keys must be redis.conf directive names"),
      new BadSpec("{replicas: 3, pod: {labels: {rfg.dev/role: master}}}", "pod.labels may not use the rfg.dev/ prefix"),
      new BadSpec("{replicas: 3, auth: {secretName: Not_A_Name}}",
          "spec.auth.secretName in body should match"));

  @BeforeAll
  static void createGroup() {
    fixture = GroupFixture.start("rfg-bad-input", "bi", 3000);
    group = fixture.group();
  }

  @AfterAll
  static void cleanUp() {
    if (fixture != null) {
      fixture.close();
    }
  }

  @Test
  @Order(1)
  void everyInvalidSpecIsRefusedWithItsMessage() {
    for (int i = 0; i < BAD_SPECS.size(); i++) {
      BadSpec bad = BAD_SPECS.get(i);
      String name = "bad-" + i;
      var refused = apply("""
          apiVersion: rfg.dev/v1alpha1
          kind: RedisFailoverGroup
          metadata: {name: %s}
          spec: %s
          """.formatted(name, bad.spec()));
      assertThat(refused.exitCode()).as("kubectl apply of spec %s", bad.spec()).isNotZero();
      assertThat(refused.output()).as("kubectl apply of spec %s", bad.spec()).contains(bad.message());
      assertThat(kubectl("get", "rfg", name, "-n", group.namespace()).exitCode())
          .as("%s was not created", name).isNotZero();
    }
  }

  @Test
  @Order(2)
  void aBadChangeToARunningGroupIsRefusedAndChangesNothing() {
    long generation = group.resource().getMetadata().getGeneration();
    var refused = kubectl("patch", "rfg", group.name(), "-n", group.namespace(), "--type=merge", "-p",
        "{\"spec\":{\"redis\":{\"persistence\":{\"enabled\":true}}}}");
    assertThat(refused.exitCode()).isNotZero();
    assertThat(refused.output()).contains("redis.persistence.enabled cannot be changed on an existing group");
    assertThat(group.resource().getMetadata().getGeneration()).isEqualTo(generation);
  }

  @Test
  @Order(3)
  void aMissingSecretIsAConditionAndAnEventAndDisturbsNothingRunning() {
    String master = group.awaitReady(Duration.ofMinutes(2));
    Map<String, String> uidsBefore = podUids();
    int restartsBefore = group.containerRestarts();
    String template = statefulSetTemplate();

    kubectl("patch", "rfg", group.name(), "-n", group.namespace(), "--type=merge", "-p",
        "{\"spec\":{\"auth\":{\"secretName\":\"no-such-secret\"}}}").orFail("kubectl patch spec.auth");
    await("Degraded condition naming the Secret").atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofSeconds(1))
        .ignoreExceptions().untilAsserted(() -> assertThat(group.resource().getStatus().getConditions())
            .anySatisfy(c -> {
              assertThat(c.getType()).isEqualTo("Degraded");
              assertThat(c.getStatus()).isEqualTo("True");
              assertThat(c.getMessage()).contains("no-such-secret");
            }));
    await("ConfigError event").atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofSeconds(2))
        .untilAsserted(() -> assertThat(group.describe()).contains("ConfigError", "no-such-secret"));

    // Nothing running was touched: same pods, no restarts, same pod template, the master still serves writes
    // with the password it had.
    assertThat(podUids()).isEqualTo(uidsBefore);
    assertThat(group.containerRestarts()).isEqualTo(restartsBefore);
    assertThat(statefulSetTemplate()).isEqualTo(template);
    assertThat(group.masterLabelled()).containsExactly(master);
    assertThat(fixture.client().cli("-h", group.masterService(), "SET", "still-writable", "1")).isEqualTo("OK");

    // Fixing the spec brings the group back to Ready, still without touching the pods.
    kubectl("patch", "rfg", group.name(), "-n", group.namespace(), "--type=json", "-p",
        "[{\"op\":\"remove\",\"path\":\"/spec/auth\"}]").orFail("kubectl patch removing spec.auth");
    group.awaitReady(Duration.ofMinutes(2));
    assertThat(podUids()).isEqualTo(uidsBefore);
  }

  @Test
  @Order(4)
  void deletingTheGroupRemovesEverythingItOwned() {
    var client = group.cluster().client();
    String ns = group.namespace();
    kubectl("delete", "rfg", group.name(), "-n", ns, "--wait=true").orFail("kubectl delete rfg");
    await("everything the group owned is gone").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(2))
        .untilAsserted(() -> {
          String selector = "rfg.dev/group=" + group.name();
          assertThat(client.apps().statefulSets().inNamespace(ns).withLabel("rfg.dev/group", group.name()).list()
              .getItems()).as("StatefulSets").isEmpty();
          assertThat(client.pods().inNamespace(ns).withLabel("rfg.dev/group", group.name()).list().getItems())
              .as("pods").isEmpty();
          assertThat(client.services().inNamespace(ns).withLabel("rfg.dev/group", group.name()).list().getItems())
              .as("Services").isEmpty();
          assertThat(client.configMaps().inNamespace(ns).withLabel("rfg.dev/group", group.name()).list().getItems())
              .as("ConfigMaps").isEmpty();
          assertThat(client.secrets().inNamespace(ns).withLabel("rfg.dev/group", group.name()).list().getItems())
              .as("Secrets").isEmpty();
          assertThat(client.rbac().roles().inNamespace(ns).withLabel("rfg.dev/group", group.name()).list()
              .getItems()).as("Roles").isEmpty();
          assertThat(client.rbac().roleBindings().inNamespace(ns).withLabel("rfg.dev/group", group.name()).list()
              .getItems()).as("RoleBindings").isEmpty();
          assertThat(client.serviceAccounts().inNamespace(ns).withLabel("rfg.dev/group", group.name()).list()
              .getItems()).as("ServiceAccounts").isEmpty();
          assertThat(client.policy().v1().podDisruptionBudget().inNamespace(ns).withLabel("rfg.dev/group",
              group.name()).list().getItems()).as("PodDisruptionBudgets").isEmpty();
          assertThat(kubectl("get", "all,cm,secret,role,rolebinding,sa,pdb,pvc", "-n", ns, "-l", selector,
              "-o", "name").stdout()).as("kubectl get -l %s", selector).isBlank();
        });
  }

  private static Map<String, String> podUids() {
    return group.pods().stream().collect(Collectors.toMap(p -> p.getMetadata().getName(),
        p -> p.getMetadata().getUid()));
  }

  private static String statefulSetTemplate() {
    return String.valueOf(group.cluster().client().apps().statefulSets().inNamespace(group.namespace())
        .withName(group.name()).get().getSpec().getTemplate());
  }

  private static Tools.Result apply(String yaml) {
    try {
      var file = Files.createTempFile("rfg-e2e-bad", ".yaml");
      Files.writeString(file, yaml);
      try {
        return kubectl("apply", "-n", group.namespace(), "-f", file.toString());
      } finally {
        Files.deleteIfExists(file);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Tools.Result kubectl(String... args) {
    return RfgInstall.kubectl(group.cluster(), args);
  }
}
