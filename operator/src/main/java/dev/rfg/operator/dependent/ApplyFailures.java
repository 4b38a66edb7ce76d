package dev.rfg.operator.dependent;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.WorkflowResult;

import java.util.Comparator;
import java.util.stream.Collectors;

/**
 * What the API server refused when the workflow applied the group's objects, in words for status and an event. A
 * spec can pass the CRD's schema and still be refused where only the API server knows the rule (a NetworkPolicy
 * peer's CIDR): the other objects are applied all the same, and the status says which kind failed and why.
 */
public final class ApplyFailures {

  /** Status messages are read by people; an API server's answer can be long. */
  private static final int MAX_REASON = 300;

  private ApplyFailures() {
  }

  /** Null when everything applied. */
  public static String describe(WorkflowResult result) {
    if (result == null || !result.erroredDependentsExist()) {
      return null;
    }
    return result.getErroredDependents().entrySet().stream()
        .sorted(Comparator.comparing(e -> kind(e.getKey())))
        .map(e -> "the API server refused the " + kind(e.getKey()) + ": " + reason(e.getValue()))
        .collect(Collectors.joining("; "));
  }

  private static String kind(DependentResource<?, ?> dependent) {
    return dependent.resourceType().getSimpleName();
  }

  /**
   * The API server's own message when there is one (it names the field and the value); never the request, which
   * for a Secret would carry its data.
   */
  static String reason(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof KubernetesClientException k && k.getStatus() != null && k.getStatus().getMessage() != null) {
        return shorten(k.getStatus().getMessage());
      }
    }
    return shorten(error.getClass().getSimpleName() + (error.getMessage() == null ? "" : ": " + error.getMessage()));
  }

  private static String shorten(String s) {
    return s.length() <= MAX_REASON ? s : s.substring(0, MAX_REASON) + "...";
  }
}
