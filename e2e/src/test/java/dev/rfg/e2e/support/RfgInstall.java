package dev.rfg.e2e.support;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The chart installed the way the README tells a user to, once per test run. */
public final class RfgInstall {

  public static final String NAMESPACE = "rfg-system";
  /** The helm release name: the chart's object names and selector labels derive from it. */
  public static final String RELEASE = "rfg";
  /** This checkout's chart. */
  public static final String CHART = "helm/rfg-operator";
  private static boolean installed;

  private RfgInstall() {
  }

  /** This checkout's chart, unless a chart is installed already (by this or by {@link #install}). */
  public static synchronized void ensure(Cluster cluster) {
    if (!installed) {
      install(cluster, CHART);
    }
  }

  /**
   * {@code helm upgrade --install} of a chart (this checkout's, or another release's directory), waiting until the
   * operator is ready; {@link #ensure} then leaves it as it is.
   */
  public static synchronized void install(Cluster cluster, String chart) {
    cluster.client().resource(TestNamespace.restricted(NAMESPACE)).serverSideApply();
    List<String> argv = new ArrayList<>(List.of("helm", "upgrade", "--install", RELEASE, chart,
        "--namespace", NAMESPACE, "--create-namespace", "--set", "logFormat=plain", "--wait", "--timeout", "4m"));
    Tools.run(Duration.ofMinutes(5), env(cluster), argv.toArray(String[]::new)).orFail("helm install of " + chart);
    installed = true;
  }

  /** {@code helm uninstall}, waiting until the release's objects are gone; {@link #ensure} installs again. */
  public static synchronized void uninstall(Cluster cluster) {
    Tools.run(Duration.ofMinutes(3), env(cluster), "helm", "uninstall", RELEASE, "--namespace", NAMESPACE,
        "--ignore-not-found", "--wait", "--timeout", "2m").orFail("helm uninstall");
    installed = false;
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
