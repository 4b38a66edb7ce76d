package dev.rfg.e2e.support;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import org.testcontainers.k3s.K3sContainer;
import org.testcontainers.utility.DockerImageName;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The cluster the e2e tests run on, chosen explicitly, never by probing Docker:
 * {@code -Drfg.e2e.cluster=kubeconfig} (the default) uses $KUBECONFIG, the local cluster of
 * e2e/cluster/cluster.sh or any current context; {@code -Drfg.e2e.cluster=k3s} starts rancher/k3s through
 * Testcontainers, on machines with Docker and registry access.
 */
public final class Cluster {

  private static Cluster instance;
  private final KubernetesClient client;
  private final Path kubeconfig;

  private Cluster(KubernetesClient client, Path kubeconfig) {
    this.client = client;
    this.kubeconfig = kubeconfig;
  }

  public static synchronized Cluster get() {
    if (instance == null) {
      instance = "k3s".equals(System.getProperty("rfg.e2e.cluster")) ? k3s() : fromKubeconfig();
    }
    return instance;
  }

  private static Cluster fromKubeconfig() {
    String path = System.getenv("KUBECONFIG");
    if (path == null || !Files.exists(Path.of(path))) {
      throw new IllegalStateException("the cluster tier needs KUBECONFIG (e2e/cluster/cluster.sh up prints it), "
          + "or -Drfg.e2e.cluster=k3s");
    }
    try {
      var config = Config.fromKubeconfig(Files.readString(Path.of(path)));
      return new Cluster(new KubernetesClientBuilder().withConfig(config).build(), Path.of(path));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @SuppressWarnings("resource")
  private static Cluster k3s() {
    var k3s = new K3sContainer(DockerImageName.parse(System.getProperty("rfg.e2e.k3s.image",
        "rancher/k3s:v1.33.5-k3s1")));
    k3s.start();
    Runtime.getRuntime().addShutdownHook(new Thread(k3s::stop));
    try {
      Path file = Files.createTempFile("rfg-k3s", ".kubeconfig");
      Files.writeString(file, k3s.getKubeConfigYaml());
      return new Cluster(new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(k3s.getKubeConfigYaml()))
          .build(), file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public KubernetesClient client() {
    return client;
  }

  public Path kubeconfig() {
    return kubeconfig;
  }
}
