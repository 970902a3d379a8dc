package io.hatchet.hub;

import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import java.util.regex.Pattern;

/**
 * What a {@link MessageHook} decided about one publish: route it as it is, route other data in
 * its place, or refuse it with a code and a message that the publisher receives. Immutable.
 */
public final class Verdict {
  private static final Pattern CODE = Pattern.compile("[a-z][a-z0-9_]{0,63}");
  private static final Verdict PASS = new Verdict(null, null, null);

  /** The data to route instead; null to route the publish's own. */
  final JsonElement replacement;
  /** The refusal's code; null unless refused. */
  final String code;
  final String message;

  private Verdict(JsonElement replacement, String code, String message) {
    this.replacement = replacement;
    this.code = code;
    this.message = message;
  }

  /**
   * Routes the publish as it was sent.
   *
   * @return the verdict
   */
  public static Verdict pass() {
    return PASS;
  }

  /**
   * Routes the publish with {@code data} in place of its own: any value Gson encodes, a
   * {@code JsonElement} as it is, null for JSON's null. The hub's limit on data
   * ({@code maxMessageBytes}) applies to it too.
   *
   * @param data the data consumers receive
   * @return the verdict
   * @throws IllegalArgumentException if Gson cannot encode {@code data}
   */
  public static Verdict replace(Object data) {
    JsonElement tree = HookData.tree(data);
    return new Verdict(tree == null ? JsonNull.INSTANCE : tree, null, null);
  }

  /**
   * Refuses the publish: it is not routed, and the publisher's answer carries {@code code} and
   * {@code message} (a Java client's future fails with a {@code RejectedException} of that
   * code).
   *
   * @param code 1 to 64 lower-case letters, digits and underscores, starting with a letter, such
   *     as {@code spam}
   * @param message why, for people
   * @return the verdict
   * @throws IllegalArgumentException if {@code code} is not such a code, or {@code message} is
   *     null
   */
  public static Verdict reject(String code, String message) {
    if (code == null || !CODE.matcher(code).matches()) {
      throw new IllegalArgumentException("a code has 1 to 64 lower-case letters, digits and"
          + " underscores, starting with a letter: " + code);
    }
    if (message == null) throw new IllegalArgumentException("message == null");
    return new Verdict(null, code, message);
  }

  boolean rejects() {
    return code != null;
  }

  @Override public String toString() {
    return code != null ? "Verdict{reject " + code + ": " + message + "}"
        : replacement != null ? "Verdict{replace}" : "Verdict{pass}";
  }
}
