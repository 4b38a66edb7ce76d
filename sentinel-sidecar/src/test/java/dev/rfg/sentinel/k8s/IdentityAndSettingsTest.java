package dev.rfg.sentinel.k8s;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IdentityAndSettingsTest {
    final PodIdentity id = new PodIdentity("g", "ns", "g-headless", "cluster.local");

    @Test
    void myIdIsTheSha1OfGroupUidAndOrdinal() throws Exception {
        // printf 'uid-1/2' | sha1sum
        var md = java.security.MessageDigest.getInstance("SHA-1");
        String expected = java.util.HexFormat.of().formatHex(md.digest("uid-1/2".getBytes()));
        assertThat(PodIdentity.myId("uid-1", 2)).isEqualTo(expected).hasSize(40);
        assertThat(PodIdentity.myId("uid-1", 2)).isEqualTo(PodIdentity.myId("uid-1", 2));
        assertThat(PodIdentity.myId("uid-1", 1)).isNotEqualTo(PodIdentity.myId("uid-1", 2));
        assertThat(PodIdentity.myId("uid-2", 2)).isNotEqualTo(PodIdentity.myId("uid-1", 2));
    }

    @Test
    void membershipIsTheGroupsPodsBelowTheConfiguredSize() {
        assertThat(id.host(1)).isEqualTo("g-1.g-headless.ns.svc.cluster.local");
        assertThat(id.isMember("g-0.g-headless.ns.svc.cluster.local", 3)).isTrue();
        assertThat(id.isMember("G-2.g-headless.ns.svc.cluster.local.", 3)).isTrue();
        assertThat(id.isMember("g-2.g-headless.ns", 3)).isTrue();
        assertThat(id.isMember("g-3.g-headless.ns.svc.cluster.local", 3)).isFalse(); // scaled down
        assertThat(id.isMember("g-3.g-headless.ns.svc.cluster.local", 5)).isTrue();  // scaled up
        assertThat(id.isMember("10.0.0.7", 3)).isFalse();                              // a pod IP: never
        assertThat(id.isMember("h-0.g-headless.ns.svc.cluster.local", 3)).isFalse();   // another group
        assertThat(id.isMember("g-0.other.ns.svc.cluster.local", 3)).isFalse();
        assertThat(id.isMember("g-0.g-headless.other.svc.cluster.local", 3)).isFalse();
        assertThat(id.isMember("g-01.g-headless.ns.svc.cluster.local", 3)).isFalse();
        assertThat(id.podOfHost("g-2.g-headless.ns.svc.cluster.local")).isEqualTo("g-2");
        assertThat(id.ordinalOfPod("g-x")).isEqualTo(-1);
    }

    @Test
    void settingsAreReadFromTheOperatorsProperties(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("sentinel.properties");
        Files.writeString(f, """
                # Rendered by the RFG operator for the sentinel sidecars.
                master-name=g
                group-uid=u-1
                replicas=3
                quorum=2
                down-after-milliseconds=5000
                failover-timeout=60000
                parallel-syncs=1
                bootstrap-master=g-0
                headless-service=g-headless
                cluster-domain=cluster.local
                redis-port=6379
                sentinel-port=26379
                acl-user.app=~app:* +@read +@write
                acl-user.reports.v2=~r:* +get
                """);
        KubeSettings s = KubeSettings.read(f);
        assertThat(s).isEqualTo(new KubeSettings("g", "u-1", 3, 3, 2, 5000, 60000, 1, "g-0", "g-headless",
                "cluster.local", 6379, 26379, 300_000, Map.of("app", "~app:* +@read +@write", "reports.v2",
                        "~r:* +get")));
        Files.writeString(f, Files.readString(f).replace("replicas=3", "replicas=5").replace("quorum=2", "quorum=3"));
        KubeSettings again = KubeSettings.read(f);
        assertThat(again.replicas()).isEqualTo(5);
        assertThat(again.quorum()).isEqualTo(3);
        assertThat(again).isNotEqualTo(s);
        assertThat(again.voters()).as("without a voters line: the group size").isEqualTo(5);
        Files.writeString(f, Files.readString(f).replace("replicas=5", "replicas=5\nvoters=3"));
        assertThat(KubeSettings.read(f).voters()).as("a resize in progress").isEqualTo(3);
        assertThat(KubeSettings.read(f).replicas()).isEqualTo(5);
        Files.writeString(f, "master-name=g\n");
        assertThatThrownBy(() -> KubeSettings.read(f)).hasMessageContaining("group-uid");
    }

    @Test
    void envExpandsThePodNameInTheAnnouncedHost() {
        KubeEnv e = KubeEnv.from(Map.of("POD_NAME", "g-1", "POD_NAMESPACE", "ns", "RFG_GROUP", "g",
                "RFG_ANNOUNCE_HOST", "$(POD_NAME).g-headless.ns.svc.cluster.local"));
        assertThat(e.announceHost()).isEqualTo("g-1.g-headless.ns.svc.cluster.local");
        assertThat(e.stateDir()).isEqualTo(Path.of("/var/lib/rfg-sentinel"));
    }

    @Test
    void runtimeConfIsPrivateAndCarriesRoleAndPassword(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("redis-runtime.conf");
        assertThat(RuntimeConf.write(f, RuntimeConf.render("p\"w", "g-1.x", 6379))).isTrue();
        assertThat(Files.readAllLines(f)).contains("requirepass \"p\\\"w\"", "masterauth \"p\\\"w\"",
                "replicaof g-1.x 6379");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f))).isEqualTo("rw-------");
        assertThat(RuntimeConf.write(f, RuntimeConf.render("p\"w", "g-1.x", 6379))).isFalse();
        RuntimeConf.write(f, RuntimeConf.render("pw", null, 6379));
        assertThat(Files.readString(f)).doesNotContain("replicaof");
    }

    @Test
    @SuppressWarnings("unchecked")
    void miniJsonReadsPods() {
        Object pod = MiniJson.parse("""
                {"metadata":{"name":"g-0","resourceVersion":"42","labels":{"rfg.dev/role":"master"},
                 "annotations":{"rfg.dev/role-epoch":"7","x":"a\\"b\\u0041"}},"spec":{"n":[1,2.5,true,null]}}""");
        PodStore.PodMeta m = KubeApi.meta(pod);
        assertThat(m).isEqualTo(new PodStore.PodMeta("g-0", "42", "master", 7));
        assertThat(MiniJson.str(pod, "metadata", "annotations", "x")).isEqualTo("a\"bA");
        assertThat((List<Object>) MiniJson.at(pod, "spec", "n")).containsExactly(1L, 2.5, true, null);
    }
}
