package io.hatchet.hub;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Consumer records by a key: an event they watch, their alias, a room, their user. Changed under
 * the {@link ConsumerDirectory}'s lock; read by publishers without any, as concurrent sets in a
 * concurrent map, where a record is either in or out. A key goes when its last record does.
 */
final class RecordIndex {
  private final ConcurrentMap<String, Set<ConsumerRecord>> byKey = new ConcurrentHashMap<>();

  // compute() is atomic per key, so a set emptied by one call is never reused by another.
  void add(String key, ConsumerRecord record) {
    byKey.compute(key, (k, records) -> {
      Set<ConsumerRecord> result = records != null ? records : ConcurrentHashMap.newKeySet();
      result.add(record);
      return result;
    });
  }

  void remove(String key, ConsumerRecord record) {
    byKey.computeIfPresent(key, (k, records) -> {
      records.remove(record);
      return records.isEmpty() ? null : records;
    });
  }

  /** The records under {@code key}: a live, weakly consistent view; empty if none. */
  Set<ConsumerRecord> get(String key) {
    Set<ConsumerRecord> records = byKey.get(key);
    return records != null ? records : Set.of();
  }

  /** Keys plus entries: zero once the index is empty. */
  int size() {
    int size = byKey.size();
    for (Set<ConsumerRecord> records : byKey.values()) {
      size += records.size();
    }
    return size;
  }
}
