package dev.rfg.e2e.support;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The chart's PodMonitor and ServiceMonitor turned into Prometheus scrape configs the way the Prometheus Operator
 * generates them (the subset the chart uses: label selectors, namespace selector, port name, path, interval,
 * relabelings, honorLabels, and the target labels namespace/pod/container/service/job/endpoint the operator adds).
 * So the cluster tier's Prometheus finds exactly the targets the chart's objects select, with the labels its alerts
 * expect, without running the Prometheus Operator.
 */
public final class MonitorScrapeConfigs {

  private MonitorScrapeConfigs() {
  }

  public static Map<String, Object> fromPodMonitor(GenericKubernetesResource monitor, Path kubeconfig) {
    String job = monitor.getMetadata().getNamespace() + "/" + monitor.getMetadata().getName();
    return translate(monitor, kubeconfig, "podMetricsEndpoints", "pod", "pod",
        "__meta_kubernetes_pod_container_port_name", List.of(copy("__meta_kubernetes_pod_container_name", "container"), copy("__meta_kubernetes_pod_name", "pod"),
            set("job", job)));
  }

  public static Map<String, Object> fromServiceMonitor(GenericKubernetesResource monitor, Path kubeconfig) {
    return translate(monitor, kubeconfig, "endpoints", "service", "endpointslice",
        "__meta_kubernetes_endpointslice_port_name",
        List.of(copy("__meta_kubernetes_service_name", "service"), copy("__meta_kubernetes_pod_name", "pod"),
            copy("__meta_kubernetes_pod_container_name", "container"), copy("__meta_kubernetes_service_name", "job")));
  }

  /** What both monitors share: selector, port, namespace, the kind's own target labels, endpoint, relabelings. */
  private static Map<String, Object> translate(GenericKubernetesResource monitor, Path kubeconfig, String endpointsKey,
      String selectorKind, String role, String portLabel, List<Object> ownLabels) {
    Map<String, Object> spec = map(monitor.getAdditionalProperties().get("spec"));
    Map<String, Object> endpoint = map(list(spec.get(endpointsKey)).get(0));
    String port = (String) endpoint.get("port");
    List<Object> relabel = new ArrayList<>(selectorKeeps(selectorKind, map(spec.get("selector"))));
    relabel.add(keep(List.of(portLabel), port));
    relabel.add(copy("__meta_kubernetes_namespace", "namespace"));
    relabel.addAll(ownLabels);
    relabel.add(set("endpoint", port));
    relabel.addAll(userRelabelings(endpoint));
    String pool = (monitor.getKind().equals("PodMonitor") ? "podMonitor/" : "serviceMonitor/")
        + monitor.getMetadata().getName();
    return scrapeConfig(pool, role, namespaces(spec, monitor), kubeconfig, endpoint, relabel);
  }

  private static Map<String, Object> scrapeConfig(String job, String role, List<String> namespaces,
      Path kubeconfig, Map<String, Object> endpoint, List<Object> relabel) {
    Map<String, Object> sd = new LinkedHashMap<>();
    sd.put("role", role);
    sd.put("kubeconfig_file", kubeconfig.toString());
    if (namespaces != null) {
      sd.put("namespaces", Map.of("names", namespaces));
    }
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("job_name", job);
    config.put("honor_labels", Boolean.TRUE.equals(endpoint.get("honorLabels")));
    config.put("scrape_interval", endpoint.getOrDefault("interval", "30s"));
    config.put("metrics_path", endpoint.getOrDefault("path", "/metrics"));
    config.put("kubernetes_sd_configs", List.of(sd));
    config.put("relabel_configs", relabel);
    return config;
  }

  /** null: every namespace. */
  private static List<String> namespaces(Map<String, Object> spec, GenericKubernetesResource monitor) {
    Map<String, Object> selector = map(spec.get("namespaceSelector"));
    if (Boolean.TRUE.equals(selector.get("any"))) {
      return null;
    }
    if (selector.get("matchNames") != null) {
      return list(selector.get("matchNames")).stream().map(String::valueOf).toList();
    }
    return List.of(monitor.getMetadata().getNamespace());
  }

  private static List<Object> selectorKeeps(String kind, Map<String, Object> selector) {
    List<Object> keeps = new ArrayList<>();
    map(selector.get("matchLabels")).forEach((key, value) -> keeps.add(keep(List.of(
        "__meta_kubernetes_" + kind + "_label_" + sanitized(key),
        "__meta_kubernetes_" + kind + "_labelpresent_" + sanitized(key)), "(" + value + ");true")));
    for (Object item : list(selector.get("matchExpressions"))) {
      Map<String, Object> expression = map(item);
      if (!"Exists".equals(expression.get("operator"))) {
        throw new IllegalArgumentException("only Exists expressions are translated: " + expression);
      }
      keeps.add(keep(List.of("__meta_kubernetes_" + kind + "_labelpresent_"
          + sanitized((String) expression.get("key"))), "true"));
    }
    return keeps;
  }

  private static List<Object> userRelabelings(Map<String, Object> endpoint) {
    List<Object> relabel = new ArrayList<>();
    for (Object item : list(endpoint.get("relabelings"))) {
      Map<String, Object> r = map(item);
      Map<String, Object> out = new LinkedHashMap<>();
      if (r.get("sourceLabels") != null) {
        out.put("source_labels", r.get("sourceLabels"));
      }
      if (r.get("targetLabel") != null) {
        out.put("target_label", r.get("targetLabel"));
      }
      for (String key : List.of("regex", "replacement", "action", "separator")) {
        if (r.get(key) != null) {
          out.put(key, r.get(key));
        }
      }
      relabel.add(out);
    }
    return relabel;
  }

  private static Map<String, Object> keep(List<String> sources, String regex) {
    return Map.of("action", "keep", "source_labels", sources, "regex", regex);
  }

  private static Map<String, Object> copy(String source, String target) {
    return Map.of("source_labels", List.of(source), "target_label", target);
  }

  private static Map<String, Object> set(String target, String value) {
    return Map.of("target_label", target, "replacement", value);
  }

  /** Prometheus's label-name rule for Kubernetes labels: every character outside [a-zA-Z0-9_] becomes '_'. */
  static String sanitized(String label) {
    return label.replaceAll("[^a-zA-Z0-9_]", "_");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object value) {
    return value == null ? Map.of() : (Map<String, Object>) value;
  }

  @SuppressWarnings("unchecked")
  private static List<Object> list(Object value) {
    return value == null ? List.of() : (List<Object>) value;
  }
}
