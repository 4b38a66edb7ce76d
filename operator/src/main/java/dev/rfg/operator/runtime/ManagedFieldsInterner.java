package dev.rfg.operator.runtime;

import java.lang.ref.WeakReference;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * One shared copy of each distinct {@code managedFields} field set. Every object the operator caches carries the
 * field sets of its managers, and the field sets of, say, 500 StatefulSets applied by the same operator are the
 * same tree apart from the owner reference: at 500 groups these trees were about half of the operator's live heap
 * (some 340,000 maps). JOSDK's server-side apply matcher reads them, so they cannot be dropped; shared, they cost
 * next to nothing.
 *
 * <p>Trees are interned bottom-up, so equal subtrees are one instance and comparing a parent compares its
 * children by identity. The shared maps are unmodifiable (a write into one would change every object that shares
 * it, so it fails instead) and keep the order they were read in. Entries are weak: a field set no cached object
 * uses any more is collected.
 */
public final class ManagedFieldsInterner {

  private final Map<Map<String, Object>, WeakReference<Map<String, Object>>> canonical = new WeakHashMap<>();

  /** The shared copy of this field set (a {@code FieldsV1} tree: maps of maps, leaves are empty maps). */
  @SuppressWarnings("unchecked")
  public synchronized Map<String, Object> intern(Map<String, Object> fields) {
    Map<String, Object> copy = LinkedHashMap.newLinkedHashMap(fields.size());
    for (var entry : fields.entrySet()) {
      Object value = entry.getValue();
      copy.put(entry.getKey(), value instanceof Map<?, ?> child ? intern((Map<String, Object>) child) : value);
    }
    Map<String, Object> candidate = Collections.unmodifiableMap(copy);
    WeakReference<Map<String, Object>> known = canonical.get(candidate);
    Map<String, Object> shared = known == null ? null : known.get();
    if (shared != null) {
      return shared;
    }
    canonical.put(candidate, new WeakReference<>(candidate));
    return candidate;
  }

  /** Distinct field sets held now (for tests and diagnostics). */
  public synchronized int size() {
    return canonical.size();
  }
}
