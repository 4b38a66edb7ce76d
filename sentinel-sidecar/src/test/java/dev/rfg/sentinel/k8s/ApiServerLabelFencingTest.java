package dev.rfg.sentinel.k8s;

import dev.rfg.testing.RealApiServer;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The sidecar's JDK-HttpClient API client against a real etcd + kube-apiserver, authenticated as the sidecar's
 * ServiceAccount with exactly the Role the operator renders (SidecarRbacRenderer): concurrent label writers with
 * different epochs end with the newest winning, and exactly one pod labelled master; the token reads its own
 * group's ConfigMap (the settings) and no other.
 */
class ApiServerLabelFencingTest {
    static final String NS = "rfg-fence";
    static RealApiServer server;
    static KubernetesClient admin;
    static KubeApi api;
    static KubeApi otherNamespace;

    @BeforeAll
    static void start() throws Exception {
        server = RealApiServer.start();
        admin = server.client();
        admin.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NS).endMetadata().build())
                .create();
        admin.serviceAccounts().inNamespace(NS).resource(new ServiceAccountBuilder().withNewMetadata()
                .withName("g-sentinel").endMetadata().build()).create();
        // The Role of operator/.../SidecarRbacRenderer for a group of three, verbatim.
        admin.rbac().roles().inNamespace(NS).resource(new RoleBuilder().withNewMetadata().withName("g-sentinel")
                .endMetadata().withRules(
                        new PolicyRuleBuilder().withApiGroups("").withResources("pods")
                                .withResourceNames("g-0", "g-1", "g-2").withVerbs("get", "patch").build(),
                        new PolicyRuleBuilder().withApiGroups("").withResources("pods").withVerbs("list").build(),
                        new PolicyRuleBuilder().withApiGroups("").withResources("events").withVerbs("create")
                                .build(),
                        new PolicyRuleBuilder().withApiGroups("").withResources("configmaps")
                                .withResourceNames("g-config").withVerbs("get").build()).build()).create();
        // The group's ConfigMap, another group's, and one of the same name elsewhere.
        for (String[] cm : new String[][] {{NS, "g-config", "replicas=3"}, {NS, "h-config", "replicas=5"},
                {"default", "g-config", "replicas=7"}}) {
            admin.configMaps().inNamespace(cm[0]).resource(new ConfigMapBuilder().withNewMetadata().withName(cm[1])
                    .endMetadata().addToData("sentinel.properties", "master-name=g\n" + cm[2] + "\n")
                    .addToData("redis.conf", "appendonly yes\n").build()).create();
        }
        admin.rbac().roleBindings().inNamespace(NS).resource(new RoleBindingBuilder().withNewMetadata()
                .withName("g-sentinel").endMetadata().withNewRoleRef().withApiGroup("rbac.authorization.k8s.io")
                .withKind("Role").withName("g-sentinel").endRoleRef().addNewSubject().withKind("ServiceAccount")
                .withName("g-sentinel").withNamespace(NS).endSubject().build()).create();
        for (int i = 0; i < 3; i++) {
            admin.pods().inNamespace(NS).resource(new PodBuilder().withNewMetadata().withName("g-" + i)
                    .withLabels(Map.of(PodStore.GROUP_LABEL, "g", PodStore.ROLE_LABEL, i == 0 ? "master" : "replica"))
                    .endMetadata().withNewSpec().withServiceAccountName("g-sentinel")
                    .withAutomountServiceAccountToken(false).addNewContainer().withName("redis").withImage("redis")
                    .endContainer().endSpec().build()).create();
        }
        String token = admin.serviceAccounts().inNamespace(NS).withName("g-sentinel")
                .tokenRequest(new TokenRequestBuilder().withNewSpec().withExpirationSeconds(3600L).endSpec().build())
                .getStatus().getToken();
        Config cfg = Config.fromKubeconfig(server.kubeconfig());
        byte[] ca = cfg.getCaCertData() != null ? Base64.getDecoder().decode(cfg.getCaCertData())
                : java.nio.file.Files.readAllBytes(java.nio.file.Path.of(cfg.getCaCertFile()));
        api = new KubeApi(URI.create(cfg.getMasterUrl()), () -> token, KubeApi.sslTrusting(ca), NS, "g");
        otherNamespace = new KubeApi(URI.create(cfg.getMasterUrl()), () -> token, KubeApi.sslTrusting(ca), "default",
                "g");
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void theRoleIsEnoughAndNothingMore() throws Exception {
        PodStore.PodMeta p = api.get("g-0");
        assertThat(p.role()).isEqualTo("master");
        assertThat(p.roleEpoch()).isEqualTo(-1);
        assertThat(api.listWithRole("master")).extracting(PodStore.PodMeta::name).containsExactly("g-0");
        assertThat(api.listGroup()).extracting(PodStore.PodMeta::name).containsExactly("g-0", "g-1", "g-2");
        api.createEvent("uid-1", "FailoverStarted", "test event", "g-1");
        assertThat(admin.v1().events().inNamespace(NS).list().getItems())
                .anySatisfy(e -> {
                    assertThat(e.getReason()).isEqualTo("FailoverStarted");
                    assertThat(e.getInvolvedObject().getKind()).isEqualTo("RedisFailoverGroup");
                    assertThat(e.getInvolvedObject().getUid()).isEqualTo("uid-1");
                });
        // A stale resourceVersion is a conflict, not an overwrite.
        assertThat(api.setRole("g-1", "1", "replica", 0)).isFalse();
        // resourceNames: another group's pod in the same namespace can be neither read nor changed.
        assertThatThrownBy(() -> api.get("h-0")).hasMessageContaining("HTTP 403");
        assertThatThrownBy(() -> api.setRole("h-0", "1", "master", 9)).hasMessageContaining("HTTP 403");
        // Not in the Role: the token cannot read another namespace's pods.
        assertThatThrownBy(() -> otherNamespace.get("x")).hasMessageContaining("HTTP 403");
        assertThatThrownBy(() -> otherNamespace.listWithRole("master")).hasMessageContaining("HTTP 403");
    }

    @Test
    void theSidecarReadsItsOwnGroupsConfigMapAndNoOther() throws Exception {
        // What the sidecar polls every 2 s (SettingsSource.of: <group>-config, key sentinel.properties).
        assertThat(api.configMapData("g-config", "sentinel.properties")).isEqualTo("master-name=g\nreplicas=3\n");
        // An update is seen by the next read (a quorum read), not at the kubelet's next sync.
        admin.configMaps().inNamespace(NS).withName("g-config").edit(cm -> new ConfigMapBuilder(cm)
                .addToData("sentinel.properties", "master-name=g\nreplicas=5\n").build());
        assertThat(api.configMapData("g-config", "sentinel.properties")).isEqualTo("master-name=g\nreplicas=5\n");
        // resourceNames: another group's ConfigMap in the same namespace, and the same name elsewhere, are 403.
        assertThatThrownBy(() -> api.configMapData("h-config", "sentinel.properties"))
                .hasMessageContaining("HTTP 403").hasMessageNotContaining("replicas=");
        assertThatThrownBy(() -> otherNamespace.configMapData("g-config", "sentinel.properties"))
                .hasMessageContaining("HTTP 403");
        // A missing ConfigMap of the allowed name is a 404 (the sidecar then follows its mounted file).
        admin.configMaps().inNamespace(NS).withName("g-config").delete();
        assertThatThrownBy(() -> api.configMapData("g-config", "sentinel.properties"))
                .hasMessageContaining("HTTP 404");
        admin.configMaps().inNamespace(NS).resource(new ConfigMapBuilder().withNewMetadata().withName("g-config")
                .endMetadata().addToData("sentinel.properties", "master-name=g\nreplicas=3\n").build()).create();
    }

    @Test
    void concurrentWritersWithDifferentEpochsEndWithTheNewestWinning() throws Exception {
        int writers = 9;
        for (int round = 0; round < 3; round++) {
            long base = 10 + round * 100L;
            CountDownLatch go = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(writers);
            List<Future<?>> done = new ArrayList<>();
            List<Long> epochs = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                epochs.add(base + w);
            }
            Collections.shuffle(epochs);
            for (long epoch : epochs) {
                String target = "g-" + (epoch % 3);
                done.add(pool.submit(() -> {
                    go.await();
                    // Each writer is a leader of its epoch: the failover order, then an observer's repeat.
                    new RoleLabeler(api).switchMaster(null, target, epoch);
                    new RoleLabeler(api).switchMaster(null, target, epoch);
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> f : done) {
                f.get(120, TimeUnit.SECONDS);
            }
            pool.shutdown();
            long newest = base + writers - 1;
            String winner = "g-" + (newest % 3);
            List<PodStore.PodMeta> masters = api.listWithRole("master");
            assertThat(masters).as("round %d", round).extracting(PodStore.PodMeta::name).containsExactly(winner);
            assertThat(masters.get(0).roleEpoch()).isEqualTo(newest);
            for (int i = 0; i < 3; i++) {
                PodStore.PodMeta p = api.get("g-" + i);
                if (!p.name().equals(winner)) {
                    assertThat(p.role()).isEqualTo("replica");
                }
                assertThat(p.roleEpoch()).isLessThanOrEqualTo(newest);
            }
            // A stale leader afterwards changes nothing.
            assertThat(new RoleLabeler(api).switchMaster(winner.equals("g-0") ? "g-0" : winner, "g-1".equals(winner)
                    ? "g-2" : "g-1", base)).contains(RoleLabeler.Outcome.REFUSED_STALE);
            assertThat(api.listWithRole("master")).extracting(PodStore.PodMeta::name).containsExactly(winner);
        }
    }
}
