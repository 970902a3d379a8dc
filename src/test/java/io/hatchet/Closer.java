package io.hatchet;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** What a test opened, closed at its end in reverse order: clients before their servers. */
final class Closer implements AutoCloseable {
  private final List<AutoCloseable> opened = new ArrayList<>();

  <T extends AutoCloseable> T add(T closeable) {
    opened.add(closeable);
    return closeable;
  }

  @Override
  public void close() {
    List<AutoCloseable> reversed = new ArrayList<>(opened);
    Collections.reverse(reversed);
    for (AutoCloseable closeable : reversed) {
      try {
        closeable.close();
      } catch (Exception ignored) {
        // cleanup only
      }
    }
    opened.clear();
  }
}
