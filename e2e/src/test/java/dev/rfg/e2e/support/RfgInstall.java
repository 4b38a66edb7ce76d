package dev.rfg.e2e.support;

import java.time.Duration;
import java.util.Map;

/** The chart installed the way the README tells a user to, once per test run. */
public final class RfgInstall {

  public static final String NAMESPACE = "rfg-system";
  /** The helm release name: the chart's object names and selector labels derive from it. */
  public static final String RELEASE = "rfg";
  private static boolean installed;

  private RfgInstall() {
  }

  public static synchronized void ensure(Cluster cluster) {
    if (installed) {
      return;
    }
    cluster.client().resource(TestNamespace.restricted(NAMESPACE)).serverSideApply();
    Tools.run(Duration.ofMinutes(5), env(cluster), "helm", "upgrade", "--install", RELEASE, "helm/rfg-operator",
        "--namespace", NAMESPACE, "--create-namespace", "--set", "logFormat=plain", "--wait", "--timeout", "4m")
        .orFail("helm install of the chart");
    installed = true;
  }

  public static Map<String, String> env(Cluster cluster) {
    return Map.of("KUBECONFIG", cluster.kubeconfig().toString());
  }

  public static Tools.Result kubectl(Cluster cluster, String... args) {
    String[] argv = new String[args.length + 1];
    argv[0] = "kubectl";
    System.arraycopy(args, 0, argv, 1, args.length);
    return Tools.run(Duration.ofMinutes(2), env(cluster), argv);
  }
}
