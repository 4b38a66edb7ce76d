package dev.rfg.operator.apiserver;

import dev.rfg.api.v1alpha1.RedisFailoverGroup;
import dev.rfg.operator.Groups;
import dev.rfg.operator.events.GroupEvents;
import dev.rfg.operator.gate.DestructiveActionGate;
import dev.rfg.operator.mock.FakeSentinels;
import dev.rfg.operator.render.GroupLabels;
import dev.rfg.operator.render.GroupNames;
import dev.rfg.operator.rollout.PodChanges;
import dev.rfg.operator.status.Passwords;
import dev.rfg.operator.status.PodState;
import dev.rfg.testing.RealApiServer;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the operator does to running pods in one reconcile, row by row: a rollout step, a switchover a user asked
 * for, or nothing, and only with the gate open. On a real API server, so the pod deletes, the events and the
 * removal of a handled request are the real ones; the sentinels are fakes that record what they were asked.
 */
class PodChangesTest {

  private static RealApiServer apiServer;
  private static KubernetesClient client;
  private static int namespaces;

  @BeforeAll
  static void start() {
    apiServer = RealApiServer.start();
    client = apiServer.client();
    apiServer.installCrd(client.getKubernetesSerialization().asYaml(client.getKubernetesSerialization().unmarshal(
        PodChangesTest.class.getResourceAsStream("/META-INF/fabric8/redisfailovergroups.rfg.dev-v1.yml"),
        CustomResourceDefinition.class)));
  }

  @AfterAll
  static void stop() {
    if (apiServer != null) {
      apiServer.close();
    }
  }

  static final DestructiveActionGate.Verdict OPEN = new DestructiveActionGate.Verdict("cache-0", null);
  static final DestructiveActionGate.Verdict HELD = new DestructiveActionGate.Verdict(null, "the sentinels disagree");

  /**
   * @param row what the case is
   * @param request the rfg.dev/switchover annotation, or null
   * @param updateRevision the StatefulSet's, where every pod runs r1
   * @param refusal what the sentinels answer a switchover with, or null for OK
   * @param switchedTo the switchover the sentinels were asked for, or null
   * @param deleted the pod deleted, or null
   * @param event the event reason written, or null
   * @param requestRemoved whether the annotation is gone afterwards
   * @param acted whether the result says pods or the master changed
   */
  record Row(String row, String request, DestructiveActionGate.Verdict gate, String updateRevision, String refusal,
      String switchedTo, String deleted, String event, boolean requestRemoved, boolean acted) {
    @Override
    public String toString() {
      return row;
    }
  }

  static Stream<Arguments> rows() {
    return Stream.of(
        new Row("nothing asked", null, OPEN, "r1", null, null, null, null, false, false),
        new Row("a requested switchover", "cache-1", OPEN, "r1", null, "cache-1", null, "Switchover", true, true),
        new Row("a switchover to any replica", "", OPEN, "r1", null, "cache-1", null, "Switchover", true, true),
        new Row("a requested switchover while the gate holds", "cache-1", HELD, "r1", null, null, null, null, false,
            false),
        new Row("a switchover to a pod of no group", "cache-7", OPEN, "r1", null, null, null, "SwitchoverRefused",
            true, false),
        new Row("a switchover the sentinels refuse", "cache-2", OPEN, "r1", "NOGOODSLAVE", null, null,
            "SwitchoverRefused", false, false),
        new Row("a new template: the highest replica first", null, OPEN, "r2", null, null, "cache-2",
            "RollingUpdateStarted", false, true),
        new Row("a new template while the gate holds", null, HELD, "r2", null, null, null, null, false, false))
        .map(Arguments::of);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void oneReconcilesChangesToRunningPods(Row row) {
    String ns = "pc-" + (++namespaces);
    client.resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build()).create();
    RedisFailoverGroup group = Groups.fromYaml("{}");
    group.getMetadata().setNamespace(ns);
    group.getMetadata().setUid(null);
    group.getMetadata().setGeneration(null);
    if (row.request() != null) {
      group.getMetadata().setAnnotations(new java.util.HashMap<>(java.util.Map.of(GroupLabels.SWITCHOVER_REQUEST,
          row.request())));
    }
    group = client.resource(group).create();
    for (int i = 0; i < 3; i++) {
      client.pods().inNamespace(ns).resource(new PodBuilder().withNewMetadata().withName("cache-" + i)
          .addToLabels(GroupLabels.GROUP, "cache").endMetadata().withNewSpec().addNewContainer().withName("redis")
          .withImage("redis").endContainer().endSpec().build()).create();
    }
    List<PodState> pods = List.of(pod(0, "master"), pod(1, "replica"), pod(2, "replica"));
    FakeSentinels sentinels = new FakeSentinels();
    sentinels.elect("cache-0", 1);
    sentinels.refuseSwitchovers(row.refusal());
    GroupNames names = GroupNames.of(group, "cluster.local");

    var result = new PodChanges(sentinels).apply(group, names, client, row.updateRevision(), pods, row.gate(), 3,
        Passwords.of("pw"), null, new GroupEvents(client));

    assertThat(sentinels.switchovers()).as("switchovers asked for")
        .isEqualTo(row.switchedTo() == null ? List.of() : List.of(row.switchedTo()));
    assertThat(client.pods().inNamespace(ns).list().getItems()).extracting(p -> p.getMetadata().getName())
        .as("pods left").isEqualTo(Stream.of("cache-0", "cache-1", "cache-2")
            .filter(p -> !p.equals(row.deleted())).toList());
    List<String> reasons = client.v1().events().inNamespace(ns).list().getItems().stream().map(Event::getReason)
        .toList();
    if (row.event() == null) {
      assertThat(reasons).as("events").isEmpty();
    } else {
      assertThat(reasons).as("events").contains(row.event());
    }
    var annotations = client.resources(RedisFailoverGroup.class).inNamespace(ns).withName("cache").get()
        .getMetadata().getAnnotations();
    boolean requestLeft = annotations != null && annotations.containsKey(GroupLabels.SWITCHOVER_REQUEST);
    assertThat(requestLeft).as("switchover request still there").isEqualTo(row.request() != null
        && !row.requestRemoved());
    assertThat(result.acted()).as("acted").isEqualTo(row.acted());
  }

  private static PodState pod(int ordinal, String role) {
    return new PodState("cache-" + ordinal, true, role, 1, "r1", null, false);
  }
}
