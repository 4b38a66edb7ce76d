package dev.rfg.operator.events;

import dev.rfg.api.v1alpha1.RedisFailoverGroup;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.MicroTime;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/**
 * Kubernetes Events on a group, as `kubectl describe rfg` shows them. A repeat of the same reason and message
 * bumps the count of the existing Event instead of adding one.
 */
public final class GroupEvents {

  private static final Logger LOG = LoggerFactory.getLogger(GroupEvents.class);
  /** The API server parses eventTime with exactly six fractional digits. */
  private static final DateTimeFormatter MICRO_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSXXX").withZone(ZoneOffset.UTC);
  private final KubernetesClient client;

  public GroupEvents(KubernetesClient client) {
    this.client = client;
  }

  public void normal(RedisFailoverGroup group, String reason, String message) {
    emit(group, "Normal", reason, message);
  }

  public void warning(RedisFailoverGroup group, String reason, String message) {
    emit(group, "Warning", reason, message);
  }

  private void emit(RedisFailoverGroup group, String type, String reason, String message) {
    String namespace = group.getMetadata().getNamespace();
    String name = group.getMetadata().getName() + "." + Integer.toHexString((reason + message).hashCode())
        .toLowerCase(Locale.ROOT);
    Instant at = Instant.now();
    String now = at.truncatedTo(ChronoUnit.SECONDS).toString();
    LOG.info("group {}/{}: {} {}", namespace, group.getMetadata().getName(), reason, message);
    try {
      var events = client.v1().events().inNamespace(namespace);
      Event existing = events.withName(name).get();
      if (existing != null) {
        existing.setCount(existing.getCount() == null ? 2 : existing.getCount() + 1);
        existing.setLastTimestamp(now);
        events.resource(existing).update();
        return;
      }
      events.resource(new EventBuilder()
          .withNewMetadata().withName(name).withNamespace(namespace).endMetadata()
          .withNewInvolvedObject().withApiVersion(group.getApiVersion()).withKind(group.getKind())
          .withName(group.getMetadata().getName()).withNamespace(namespace)
          .withUid(group.getMetadata().getUid()).withResourceVersion(group.getMetadata().getResourceVersion())
          .endInvolvedObject()
          .withType(type).withReason(reason).withMessage(message)
          .withFirstTimestamp(now).withLastTimestamp(now).withCount(1)
          .withEventTime(new MicroTime(MICRO_TIME.format(at)))
          .withReportingComponent("rfg-operator").withReportingInstance(hostname()).withAction(reason)
          .withNewSource().withComponent("rfg-operator").endSource()
          .build()).create();
    } catch (KubernetesClientException e) {
      // An event is worth less than the reconcile that reports it.
      LOG.warn("could not record event {} on {}/{}: {}", reason, namespace, group.getMetadata().getName(),
          e.getMessage());
    }
  }

  private static String hostname() {
    return System.getenv().getOrDefault("HOSTNAME", "rfg-operator");
  }
}
