package dev.rfg.e2e;

import dev.rfg.e2e.support.FailoverGroup;
import dev.rfg.e2e.support.GroupFixture;
import io.fabric8.kubernetes.api.model.Event;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * `kubectl delete secret NAME-auth` (by hand, or a GitOps prune) on a running group. It used to be an outage: the
 * operator made a new Secret with a new random password, the kubelet updated the mounted files within a minute or
 * so, and every pod's readiness check logged in with a password Redis did not have. Now the Secret comes back with
 * the password the pods run with, and nothing that runs notices.
 */
@Tag("cluster")
class AuthSecretDeletedTest {

  /** Longer than the kubelet's sync period (1 min) plus its Secret cache: a changed file would have arrived. */
  private static final Duration KUBELET_REFRESH = Duration.ofSeconds(90);
  private static GroupFixture fixture;
  private static FailoverGroup group;

  @BeforeAll
  static void start() {
    fixture = GroupFixture.start("rfg-secret-deleted", "cache", 5000);
    group = fixture.group();
  }

  @AfterAll
  static void cleanUp() {
    if (fixture != null) {
      fixture.close();
    }
  }

  @Test
  void aDeletedGeneratedSecretComesBackWithThePasswordInUse() {
    var secrets = group.cluster().client().secrets().inNamespace(group.namespace());
    String password = group.password();
    String uid = secrets.withName("cache-auth").get().getMetadata().getUid();
    int restarts = group.containerRestarts();

    secrets.withName("cache-auth").delete();

    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
        .untilAsserted(() -> assertThat(secrets.withName("cache-auth").get().getMetadata().getUid()).isNotEqualTo(uid));
    assertThat(group.password()).as("the password of the Secret made again").isEqualTo(password);
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(eventReasons()).contains("AuthSecretRestored"));

    // The kubelet now refreshes the mounted files from the new Secret: nothing that runs may notice.
    await().during(KUBELET_REFRESH).atMost(KUBELET_REFRESH.plusSeconds(30)).pollInterval(Duration.ofSeconds(3))
        .untilAsserted(() -> {
          assertThat(group.pods()).allSatisfy(p -> assertThat(FailoverGroup.isReady(p))
              .as("%s ready", p.getMetadata().getName()).isTrue());
          assertThat(group.containerRestarts()).as("container restarts").isEqualTo(restarts);
        });
    assertThat(fixture.client().cli("-h", "cache-master", "SET", "after-delete", "yes")).isEqualTo("OK");
    group.assertSettled();
  }

  private static java.util.List<String> eventReasons() {
    return group.cluster().client().v1().events().inNamespace(group.namespace()).list().getItems().stream()
        .map(Event::getReason).toList();
  }
}
