package dev.rfg.operator;

import dev.rfg.operator.render.GroupLabels;
import io.fabric8.kubernetes.api.model.Secret;

import java.util.Arrays;

/**
 * Whether a Secret the spec names lets this group mount it: its {@value GroupLabels#ALLOWED_GROUPS} annotation
 * names the group or is {@code *}. Whoever may create a group but not read Secrets must not get a Secret's content
 * into a container whose image the spec chooses; the Secret's owner says yes by annotating it.
 */
final class SecretAccess {

  private SecretAccess() {
  }

  static boolean allows(Secret secret, String group) {
    var annotations = secret.getMetadata().getAnnotations();
    String allowed = annotations == null ? null : annotations.get(GroupLabels.ALLOWED_GROUPS);
    return allowed != null && Arrays.stream(allowed.split(",")).map(String::trim)
        .anyMatch(g -> g.equals("*") || g.equals(group));
  }

  /** The problem text for a Secret that does not allow the group. */
  static String refusal(String secretName, String what, String group) {
    return "Secret " + secretName + " (" + what + ") does not let group " + group + " mount it: annotate it "
        + GroupLabels.ALLOWED_GROUPS + "=" + group + " (or '*')";
  }
}
