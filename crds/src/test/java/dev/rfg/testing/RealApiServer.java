package dev.rfg.testing;

import io.fabric8.kubeapitest.KubeAPIServer;
import io.fabric8.kubeapitest.KubeAPIServerConfigBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A real etcd + kube-apiserver (fabric8 kube-api-test) from the binaries e2e/cluster/cluster.sh tools builds
 * into ~/.kubeapitest/k8s/&lt;version&gt;-linux-amd64. Nothing is downloaded. Without the binaries the tests skip,
 * unless -Drfg.apiserver.required=true (the README's test command sets it), where they fail.
 */
public final class RealApiServer implements AutoCloseable {

  public static final String VERSION = System.getProperty("rfg.k8s.version", "1.33.13");
  private final KubeAPIServer server;
  private final KubernetesClient client;

  private RealApiServer(KubeAPIServer server, KubernetesClient client) {
    this.server = server;
    this.client = client;
  }

  public static Path binaries() {
    String base = System.getenv().getOrDefault("KUBE_API_TEST_DIR",
        Path.of(System.getProperty("user.home"), ".kubeapitest").toString());
    return Path.of(base, "k8s", VERSION + "-linux-amd64");
  }

  /** Starts one, or skips (fails, when required) the calling test class when the binaries are missing. */
  public static RealApiServer start() {
    boolean present = Files.isExecutable(binaries().resolve("kube-apiserver"))
        && Files.isExecutable(binaries().resolve("etcd"));
    String missing = "no kube-apiserver/etcd under " + binaries() + ": run e2e/cluster/cluster.sh tools";
    if (!present) {
      if (Boolean.getBoolean("rfg.apiserver.required")) {
        Assertions.fail(missing);
      }
      Assumptions.abort(missing);
    }
    var server = new KubeAPIServer(KubeAPIServerConfigBuilder.anAPIServerConfig()
        .withApiServerVersion(VERSION).withOfflineMode(true).withUpdateKubeConfig(false)
        .withStartupTimeout(120_000).build());
    server.start();
    var client = new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(server.getKubeConfigYaml())).build();
    return new RealApiServer(server, client);
  }

  /** Applies a CRD and waits until the API server serves it. */
  public void installCrd(String yaml) {
    var crd = client.getKubernetesSerialization().unmarshal(yaml, CustomResourceDefinition.class);
    client.resource(crd).serverSideApply();
    client.resource(crd).waitUntilCondition(c -> c != null && c.getStatus() != null
        && c.getStatus().getConditions() != null && c.getStatus().getConditions().stream()
            .anyMatch(x -> "Established".equals(x.getType()) && "True".equals(x.getStatus())),
        60, TimeUnit.SECONDS);
  }

  public KubernetesClient client() {
    return client;
  }

  public String kubeconfig() {
    return server.getKubeConfigYaml();
  }

  @Override
  public void close() {
    client.close();
    server.stop();
  }
}
