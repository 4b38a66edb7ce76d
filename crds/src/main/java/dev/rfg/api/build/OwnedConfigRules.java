package dev.rfg.api.build;

import dev.rfg.api.v1alpha1.OwnedRedisConfig;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.api.model.apiextensions.v1.ValidationRule;
import io.fabric8.kubernetes.api.model.apiextensions.v1.ValidationRuleBuilder;

import java.util.ArrayList;
import java.util.List;

/**
 * Validation of spec.redis.config that annotations cannot express: one rule per owned directive (cheap for
 * the API server's CEL cost budget, and each message names its key), directive names as redis.conf spells
 * them, and one-line values, so no value can smuggle in a second directive.
 */
final class OwnedConfigRules {

  static final String KEY_PATTERN = "^[a-z][a-z0-9-]*$";
  static final String VALUE_PATTERN = "^[^\\r\\n]*$";

  private OwnedConfigRules() {
  }

  static void apply(JSONSchemaProps root) {
    JSONSchemaProps config = root.getProperties().get("spec").getProperties().get("redis").getProperties()
        .get("config");
    List<ValidationRule> rules = new ArrayList<>();
    rules.add(rule("self.all(k, k.size() <= 64 && k.matches('" + KEY_PATTERN + "'))",
        "redis.config keys must be redis.conf directive names: lowercase letters, digits and dashes"));
    for (String key : OwnedRedisConfig.KEYS) {
      rules.add(rule("!('" + key + "' in self)", "redis.config may not set " + key
          + ": the operator owns this directive"));
    }
    config.setXKubernetesValidations(rules);
    JSONSchemaProps values = config.getAdditionalProperties().getSchema();
    values.setPattern(VALUE_PATTERN);
    values.setMaxLength(1024L);
  }

  private static ValidationRule rule(String rule, String message) {
    return new ValidationRuleBuilder().withRule(rule).withMessage(message).build();
  }
}
