package dev.rfg.operator.render;

import dev.rfg.operator.Groups;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StatefulSetRendererTest {

  private static final String SENTINEL_IMAGE = "rfg/sentinel:test";

  private static StatefulSet render(String spec) {
    var group = Groups.fromYaml(spec);
    var names = GroupNames.of(group, "cluster.local");
    return StatefulSetRenderer.render(group, names, SENTINEL_IMAGE, "cache-auth", "password",
        group.getSpec().getReplicas());
  }

  @Test
  void applicationUsersPasswordsAreFilesInTheSentinelContainerOnlyFromOptionalSecrets() {
    var pod = render("{auth: {users: [{name: app, rules: '+get', passwordSecret: {name: s1}}, {name: ro, rules: '+get',"
        + " passwordSecret: {name: s1, key: ro}}, {name: other, rules: '+get', passwordSecret: {name: s2}}]}}")
        .getSpec().getTemplate().getSpec();
    var users = pod.getVolumes().stream().filter(v -> v.getName().equals("acl-users")).findFirst().orElseThrow();
    assertThat(users.getProjected().getSources()).extracting(s -> s.getSecret().getName()).containsExactly("s1", "s2");
    assertThat(users.getProjected().getSources()).allSatisfy(s -> assertThat(s.getSecret().getOptional())
        .as("a missing Secret never keeps a pod from starting").isTrue());
    assertThat(users.getProjected().getSources().get(0).getSecret().getItems())
        .extracting(i -> i.getKey() + "->" + i.getPath()).containsExactly("password->app", "ro->ro");
    assertThat(pod.getContainers()).allSatisfy(c -> assertThat(c.getVolumeMounts()).extracting(m -> m.getName())
        .doesNotContain("acl-users"));
    var sentinel = pod.getInitContainers().get(0);
    assertThat(sentinel.getVolumeMounts()).anySatisfy(m -> {
      assertThat(m.getName()).isEqualTo("acl-users");
      assertThat(m.getMountPath()).isEqualTo("/etc/rfg-users");
    });
    assertThat(render("{}").getSpec().getTemplate().getSpec().getVolumes()).extracting(Volume::getName)
        .doesNotContain("acl-users");
  }

  @Test
  void defaultsGiveThreeOnDeletePodsWithASentinelSidecar() {
    StatefulSet sts = render("{}");
    assertThat(sts.getMetadata().getName()).isEqualTo("cache");
    assertThat(sts.getSpec().getReplicas()).isEqualTo(3);
    assertThat(sts.getSpec().getServiceName()).isEqualTo("cache-headless");
    assertThat(sts.getSpec().getPodManagementPolicy()).isEqualTo("Parallel");
    assertThat(sts.getSpec().getUpdateStrategy().getType()).isEqualTo("OnDelete");
    assertThat(sts.getSpec().getSelector().getMatchLabels()).containsExactly(java.util.Map.entry("rfg.dev/group", "cache"));
    assertThat(sts.getSpec().getVolumeClaimTemplates()).isEmpty();

    var pod = sts.getSpec().getTemplate().getSpec();
    Container sentinel = pod.getInitContainers().get(0);
    assertThat(sentinel.getName()).isEqualTo("sentinel");
    assertThat(sentinel.getRestartPolicy()).as("native sidecar").isEqualTo("Always");
    assertThat(sentinel.getImage()).isEqualTo(SENTINEL_IMAGE);
    assertThat(sentinel.getStartupProbe().getHttpGet().getPath()).isEqualTo("/startup");
    Container redis = pod.getContainers().get(0);
    assertThat(redis.getName()).isEqualTo("redis");
    assertThat(redis.getImage()).isEqualTo("redis:8.0.2");
    assertThat(redis.getArgs()).containsExactly("/etc/rfg/redis.conf", "--replica-announce-ip",
        "$(POD_NAME).cache-headless.shop.svc.cluster.local");
    assertThat(redis.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/readyz/redis");
    assertThat(pod.getServiceAccountName()).isEqualTo("cache-sentinel");
    assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
    assertThat(pod.getAffinity().getPodAntiAffinity().getPreferredDuringSchedulingIgnoredDuringExecution())
        .singleElement().satisfies(term -> assertThat(term.getPodAffinityTerm().getTopologyKey())
            .isEqualTo("kubernetes.io/hostname"));
    assertThat(pod.getVolumes()).extracting(Volume::getName)
        .containsExactlyInAnyOrder("config", "runtime", "auth", "sentinel-admin", "tmp", "data", "sentinel-state",
            "kube-api-access");
    assertThat(pod.getVolumes()).filteredOn(v -> v.getName().equals("sentinel-admin")).singleElement()
        .satisfies(v -> assertThat(v.getSecret().getSecretName()).isEqualTo("cache-sentinel-admin"));
    assertThat(pod.getContainers()).as("the admin password in the sentinel container only")
        .allSatisfy(c -> assertThat(c.getVolumeMounts()).extracting(m -> m.getName()).doesNotContain("sentinel-admin"));
    assertThat(pod.getInitContainers().get(0).getVolumeMounts()).extracting(m -> m.getName())
        .contains("sentinel-admin");
    assertThat(pod.getVolumes()).filteredOn(v -> v.getName().equals("runtime")).singleElement()
        .satisfies(v -> assertThat(v.getEmptyDir().getMedium()).isEqualTo("Memory"));
  }

  /** The API token reaches the sentinel container alone: nothing in the redis container can act on the API. */
  @Test
  void onlyTheSentinelContainerHasAnApiToken() {
    var pod = render("{}").getSpec().getTemplate().getSpec();
    assertThat(pod.getAutomountServiceAccountToken()).isFalse();
    assertThat(pod.getVolumes()).filteredOn(v -> v.getName().equals("kube-api-access")).singleElement()
        .satisfies(v -> assertThat(v.getProjected().getSources())
            .anySatisfy(s -> assertThat(s.getServiceAccountToken().getPath()).isEqualTo("token")));
    assertThat(pod.getInitContainers().get(0).getVolumeMounts())
        .anySatisfy(m -> {
          assertThat(m.getName()).isEqualTo("kube-api-access");
          assertThat(m.getMountPath()).isEqualTo("/var/run/secrets/kubernetes.io/serviceaccount");
          assertThat(m.getReadOnly()).isTrue();
        });
    assertThat(pod.getContainers()).allSatisfy(c -> assertThat(c.getVolumeMounts())
        .noneSatisfy(m -> assertThat(m.getName()).isEqualTo("kube-api-access")));
  }

  /**
   * Every field the API server would default is rendered as it would default it: otherwise the server-side apply
   * matcher sees a difference on every reconcile and re-applies the StatefulSet (an API write per group per resync).
   */
  @Test
  void aTerminatingMasterHandsOverInTwoThirdsOfItsGracePeriod() {
    var pod = render("{}").getSpec().getTemplate().getSpec();
    assertThat(pod.getTerminationGracePeriodSeconds()).isEqualTo(30L);
    var hook = pod.getContainers().get(0).getLifecycle().getPreStop().getHttpGet();
    assertThat(hook.getPath()).isEqualTo("/prestop?budget-seconds=20");
    assertThat(hook.getPort().getIntVal()).isEqualTo(SentinelContainerRenderer.HTTP_PORT);

    var tuned = render("{pod: {terminationGracePeriodSeconds: 90}}").getSpec().getTemplate().getSpec();
    assertThat(tuned.getTerminationGracePeriodSeconds()).isEqualTo(90L);
    assertThat(tuned.getContainers().get(0).getLifecycle().getPreStop().getHttpGet().getPath())
        .isEqualTo("/prestop?budget-seconds=60");
    var shortest = render("{pod: {terminationGracePeriodSeconds: 3}}").getSpec().getTemplate().getSpec();
    assertThat(shortest.getContainers().get(0).getLifecycle().getPreStop().getHttpGet().getPath())
        .isEqualTo("/prestop?budget-seconds=2");
  }

  @Test
  void downwardApiReferencesNameTheirApiVersionAsTheServerDefaultsIt() {
    var pod = render("{}").getSpec().getTemplate().getSpec();
    var env = java.util.stream.Stream.concat(pod.getInitContainers().stream(), pod.getContainers().stream())
        .flatMap(c -> c.getEnv().stream()).filter(e -> e.getValueFrom() != null
            && e.getValueFrom().getFieldRef() != null).toList();
    assertThat(env).extracting(e -> e.getName() + "=" + e.getValueFrom().getFieldRef().getFieldPath())
        .contains("POD_NAME=metadata.name", "POD_NAMESPACE=metadata.namespace");
    assertThat(env).allSatisfy(e -> assertThat(e.getValueFrom().getFieldRef().getApiVersion()).isEqualTo("v1"));
  }

  @Test
  void passwordComesFromTheSecretAsAFileNeverAnArgument() {
    StatefulSet sts = render("{auth: {secretName: my-pass, key: pw}}".replace("my-pass", "my-pass"));
    var pod = sts.getSpec().getTemplate().getSpec();
    assertThat(pod.getVolumes()).filteredOn(v -> v.getName().equals("auth")).singleElement().satisfies(v -> {
      assertThat(v.getSecret().getSecretName()).isEqualTo("cache-auth");
      assertThat(v.getSecret().getItems()).singleElement()
          .satisfies(item -> assertThat(item.getPath()).isEqualTo("password"));
    });
    String everything = new io.fabric8.kubernetes.client.utils.KubernetesSerialization().asYaml(sts);
    assertThat(everything).doesNotContain("requirepass").doesNotContain("masterauth");
  }

  @Test
  void userOverridesReachThePods() {
    StatefulSet sts = render("""
        replicas: 5
        redis:
          image: redis:7.2.5
          imagePullPolicy: Always
          resources: {limits: {memory: 512Mi}}
        sentinel: {image: my/sentinel:1}
        pod:
          nodeSelector: {disk: ssd}
          tolerations: [{key: dedicated, operator: Exists}]
          priorityClassName: high
          labels: {team: payments}
          annotations: {owner: me}
          securityContext: {runAsUser: 1000, runAsNonRoot: true}
          affinity: {podAntiAffinity: {requiredDuringSchedulingIgnoredDuringExecution: [{topologyKey: zone}]}}
        """);
    var template = sts.getSpec().getTemplate();
    var pod = template.getSpec();
    assertThat(sts.getSpec().getReplicas()).isEqualTo(5);
    assertThat(pod.getContainers().get(0).getImage()).isEqualTo("redis:7.2.5");
    assertThat(pod.getContainers().get(0).getImagePullPolicy()).isEqualTo("Always");
    assertThat(pod.getContainers().get(0).getResources().getLimits()).containsEntry("memory", new Quantity("512Mi"));
    assertThat(pod.getInitContainers().get(0).getImage()).isEqualTo("my/sentinel:1");
    assertThat(pod.getNodeSelector()).containsEntry("disk", "ssd");
    assertThat(pod.getTolerations()).hasSize(1);
    assertThat(pod.getPriorityClassName()).isEqualTo("high");
    assertThat(pod.getSecurityContext().getRunAsUser()).isEqualTo(1000L);
    assertThat(pod.getAffinity().getPodAntiAffinity().getRequiredDuringSchedulingIgnoredDuringExecution()).hasSize(1);
    assertThat(template.getMetadata().getLabels()).containsEntry("team", "payments")
        .containsEntry("rfg.dev/group", "cache");
    assertThat(template.getMetadata().getAnnotations()).containsEntry("owner", "me")
        .containsKey(GroupLabels.CONFIG_HASH);
  }

  @Test
  void persistenceAddsAClaimTemplateAndKeepsTheSentinelStateOnIt() {
    StatefulSet sts = render("""
        redis: {persistence: {enabled: true, size: 5Gi, storageClassName: fast, whenDeleted: Delete}}
        """);
    assertThat(sts.getSpec().getVolumeClaimTemplates()).singleElement().satisfies(claim -> {
      assertThat(claim.getMetadata().getName()).isEqualTo("data");
      assertThat(claim.getSpec().getStorageClassName()).isEqualTo("fast");
      assertThat(claim.getSpec().getResources().getRequests()).containsEntry("storage", new Quantity("5Gi"));
    });
    assertThat(sts.getSpec().getPersistentVolumeClaimRetentionPolicy().getWhenDeleted()).isEqualTo("Delete");
    var pod = sts.getSpec().getTemplate().getSpec();
    assertThat(pod.getVolumes()).extracting(Volume::getName).doesNotContain("data", "sentinel-state");
    assertThat(pod.getInitContainers().get(0).getVolumeMounts())
        .anySatisfy(m -> {
          assertThat(m.getName()).isEqualTo("data");
          assertThat(m.getSubPath()).isEqualTo("rfg-sentinel");
        });
  }

  @Test
  void aConfigChangeChangesThePodTemplateAndAScaleDoesNot() {
    String base = render("{}").getSpec().getTemplate().getMetadata().getAnnotations().get(GroupLabels.CONFIG_HASH);
    String tuned = render("{redis: {config: {maxmemory: 100mb}}}").getSpec().getTemplate().getMetadata()
        .getAnnotations().get(GroupLabels.CONFIG_HASH);
    assertThat(tuned).isNotEqualTo(base);
    assertThat(render("{replicas: 5}").getSpec().getTemplate()).isEqualTo(render("{}").getSpec().getTemplate());
  }

  /** A user's securityContext is laid over the defaults: what it does not set stays restricted. */
  @Test
  void aSecurityContextOverrideKeepsTheDefaultsItDoesNotSet() {
    var pod = render("{pod: {securityContext: {fsGroup: 2000, supplementalGroups: [3000]}}}").getSpec()
        .getTemplate().getSpec().getSecurityContext();
    assertThat(pod.getFsGroup()).isEqualTo(2000L);
    assertThat(pod.getSupplementalGroups()).containsExactly(3000L);
    assertThat(pod.getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
    assertThat(pod.getRunAsNonRoot()).isTrue();
    assertThat(pod.getRunAsUser()).isEqualTo(999L);

    var own = render("{pod: {securityContext: {seccompProfile: {type: Localhost, localhostProfile: redis.json},"
        + " runAsUser: 1000}}}").getSpec().getTemplate().getSpec().getSecurityContext();
    assertThat(own.getSeccompProfile().getType()).isEqualTo("Localhost");
    assertThat(own.getSeccompProfile().getLocalhostProfile()).isEqualTo("redis.json");
    assertThat(own.getRunAsUser()).isEqualTo(1000L);
    assertThat(own.getRunAsGroup()).isEqualTo(999L);
  }
}
