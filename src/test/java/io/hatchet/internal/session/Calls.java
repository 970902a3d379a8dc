package io.hatchet.internal.session;

import io.hatchet.HatchetException;
import io.hatchet.internal.connection.Sent;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** Calls for tests of the session's parts, and what became of them. */
final class Calls {
  /** Outcomes in the order they came, as "accepted NAME" or "failed NAME: CODE". */
  final List<String> outcomes = new ArrayList<>();

  /** A call named {@code name} whose argument is {@code json}, recording its outcome. */
  Call call(String name, String json, Call.Kind kind) {
    return call(name, json, kind, answer -> outcomes.add("accepted " + name));
  }

  Call call(String name, String json, Call.Kind kind, Consumer<Answer> onAccepted) {
    return new Call(name, json, json.length(), json.length(), kind, onAccepted,
        e -> outcomes.add("failed " + name + ": " + e.code()));
  }

  /** An emission that counts how often it is cancelled. */
  static final class Emission implements Sent {
    int cancels;

    @Override public void cancel() {
      cancels++;
    }
  }

  static List<String> events(List<Call> calls) {
    List<String> events = new ArrayList<>();
    for (Call call : calls) events.add(call.event);
    return events;
  }

  static HatchetException failure(String code) {
    return new HatchetException(code, "test");
  }
}
