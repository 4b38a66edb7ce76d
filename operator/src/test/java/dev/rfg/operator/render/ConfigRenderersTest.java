package dev.rfg.operator.render;

import dev.rfg.operator.Groups;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ConfigRenderersTest {

  @Test
  void redisConfCarriesUserDirectivesAndTheRuntimeIncludeLast() {
    var group = Groups.fromYaml("""
        redis:
          config: {maxmemory: 400mb, maxmemory-policy: allkeys-lru}
          minReplicasToWrite: 1
          minReplicasMaxLag: 5
        """);
    String conf = RedisConfRenderer.render(group.getSpec().getRedis());
    assertThat(conf).contains("port 6379\n", "dir /data\n", "maxmemory 400mb\n", "maxmemory-policy allkeys-lru\n",
        "min-replicas-to-write 1\n", "min-replicas-max-lag 5\n");
    assertThat(conf).endsWith("include /run/rfg/redis-runtime.conf\n");
    assertThat(conf).doesNotContain("requirepass", "masterauth", "replicaof");
  }

  @Test
  void splitBrainBoundIsOffByDefault() {
    assertThat(RedisConfRenderer.render(Groups.minimal().getSpec().getRedis())).doesNotContain("min-replicas");
  }

  @Test
  void sentinelSettingsFollowTheSpec() {
    var group = Groups.fromYaml("{replicas: 5, sentinel: {downAfterMilliseconds: 2000}}");
    String props = SentinelSettingsRenderer.render(group, GroupNames.of(group, "cluster.local"), 5);
    assertThat(props).contains("master-name=cache\n", "replicas=5\n", "voters=5\n", "quorum=3\n",
        "down-after-milliseconds=2000\n", "failover-timeout=10000\n", "parallel-syncs=1\n",
        "bootstrap-master=cache-0\n", "group-uid=6a1f7c1e-0000-4000-8000-000000000001\n");
  }

  /** While 3 -> 5 waits for the new pods, the majority and the default quorum are those of the 3 voters. */
  @Test
  void applicationUsersReachTheSidecarsAsRulesWithoutPasswords() throws Exception {
    var group = Groups.fromYaml("{auth: {users: [{name: app, rules: '~app:* +@read \\\\x', passwordSecret: {name: s}},"
        + " {name: ro, rules: '~* +@read', passwordSecret: {name: s, key: ro}}]}}");
    var props = new java.util.Properties();
    props.load(new java.io.StringReader(SentinelSettingsRenderer.render(group, GroupNames.of(group, "cluster.local"),
        3)));
    assertThat(props).containsEntry("acl-user.app", "~app:* +@read \\\\x").containsEntry("acl-user.ro", "~* +@read");
  }

  @Test
  void aResizeInProgressCountsTheVotersItHas() {
    var group = Groups.fromYaml("{replicas: 5}");
    assertThat(SentinelSettingsRenderer.render(group, GroupNames.of(group, "cluster.local"), 3))
        .contains("replicas=5\n", "voters=3\n", "quorum=2\n");
    var explicit = Groups.fromYaml("{replicas: 5, sentinel: {quorum: 4}}");
    assertThat(SentinelSettingsRenderer.render(explicit, GroupNames.of(explicit, "cluster.local"), 3))
        .as("a quorum the spec sets, capped by the voters there are").contains("quorum=3\n");
    assertThat(SentinelSettingsRenderer.renderedVoters(SentinelSettingsRenderer.render(group, GroupNames.of(group, "cluster.local"), 4)))
        .isEqualTo(4);
  }

  @Test
  void servicesSelectByRole() {
    var group = Groups.fromYaml("{services: {master: {type: LoadBalancer, annotations: {a: b}}}}");
    var names = GroupNames.of(group, "cluster.local");
    var master = ServiceRenderer.master(group, names);
    assertThat(master.getMetadata().getName()).isEqualTo("cache-master");
    assertThat(master.getSpec().getType()).isEqualTo("LoadBalancer");
    assertThat(master.getMetadata().getAnnotations()).containsEntry("a", "b");
    assertThat(master.getSpec().getSelector()).containsEntry("rfg.dev/role", "master").containsEntry("rfg.dev/group", "cache");
    assertThat(ServiceRenderer.replicas(names).getSpec().getSelector()).containsEntry("rfg.dev/role", "replica");
    var headless = ServiceRenderer.headless(names);
    assertThat(headless.getSpec().getClusterIP()).isEqualTo("None");
    assertThat(headless.getSpec().getPublishNotReadyAddresses()).isTrue();
    assertThat(ServiceRenderer.sentinel(names).getSpec().getPorts()).singleElement()
        .satisfies(p -> assertThat(p.getPort()).isEqualTo(26379));
  }

  @Test
  void sidecarRoleIsLeastPrivilege() {
    var names = GroupNames.of(Groups.minimal(), "cluster.local");
    var role = SidecarRbacRenderer.role(names, 4);
    assertThat(role.getRules()).hasSize(4);
    // Changes only to the group's own pods, each by name (four: a scale-down from 4 whose last pod still runs).
    assertThat(role.getRules().get(0).getResources()).containsExactly("pods");
    assertThat(role.getRules().get(0).getVerbs()).containsExactly("get", "patch");
    assertThat(role.getRules().get(0).getResourceNames()).containsExactly("cache-0", "cache-1", "cache-2", "cache-3");
    // The one read RBAC cannot narrow: the labeler lists pods by label. No watch.
    assertThat(role.getRules().get(1).getResources()).containsExactly("pods");
    assertThat(role.getRules().get(1).getVerbs()).containsExactly("list");
    assertThat(role.getRules().get(1).getResourceNames()).isNullOrEmpty();
    assertThat(role.getRules().get(2).getApiGroups()).containsExactly("");
    assertThat(role.getRules().get(2).getResources()).containsExactly("events");
    assertThat(role.getRules().get(2).getVerbs()).containsExactly("create");
    // The group's own ConfigMap only (its settings), read only.
    assertThat(role.getRules().get(3).getApiGroups()).containsExactly("");
    assertThat(role.getRules().get(3).getResources()).containsExactly("configmaps");
    assertThat(role.getRules().get(3).getResourceNames()).containsExactly("cache-config")
        .containsExactly(names.configMap());
    assertThat(role.getRules().get(3).getVerbs()).containsExactly("get");
  }
}
