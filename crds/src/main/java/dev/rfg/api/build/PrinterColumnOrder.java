package dev.rfg.api.build;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;

import java.util.Comparator;
import java.util.List;

/**
 * The generator sorts printer columns by JSON path, which puts Age first; {@code kubectl get rfg} should
 * read Master, Ready, Sentinels, Phase, Age.
 */
final class PrinterColumnOrder {

  static final List<String> ORDER = List.of("Master", "Ready", "Sentinels", "Phase", "Age");

  private PrinterColumnOrder() {
  }

  static void apply(List<CustomResourceColumnDefinition> columns) {
    columns.sort(Comparator.comparingInt(c -> {
      int i = ORDER.indexOf(c.getName());
      return i < 0 ? ORDER.size() : i;
    }));
  }
}
