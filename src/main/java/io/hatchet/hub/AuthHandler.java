package io.hatchet.hub;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import io.hatchet.protocol.Claims;
import io.hatchet.protocol.ErrorCode;
import io.hatchet.protocol.Events;
import io.hatchet.protocol.Limits;
import java.math.BigDecimal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code auth}: opens a session with an app's key or a token signed with its producer keys. A
 * consumer claims its id and, with {@code resume}, recovers what it missed: the replay is written
 * after the answer (see {@link #answered}).
 */
final class AuthHandler implements RequestHandler {
  private static final Logger log = LoggerFactory.getLogger(AuthHandler.class);

  private final HubRegistry registry;

  AuthHandler(HubRegistry registry) {
    this.registry = registry;
  }

  @Override public JsonObject handle(Connection connection, JsonObject request)
      throws RequestException {
    JsonElement version = Fields.required(request, "v");
    String name = Fields.session(request);
    String appName = Fields.string(request, "app", Integer.MAX_VALUE);
    String key = Fields.string(request, "key", Integer.MAX_VALUE);
    String id = Fields.optionalString(request, "id", Limits.MAX_SESSION_LENGTH);
    String roleName = Fields.optionalString(request, "role", Limits.MAX_NAME_LENGTH);
    Long resume = Fields.optionalLong(request, "resume", 0);
    Role expected = roleName != null ? Role.fromWire(roleName) : null;
    if (roleName != null && expected == null) {
      throw RequestException.badRequest(
          "'role' must be 'consumer', 'contributor' or 'producer', not "
              + RequestException.quote(roleName));
    }
    if (!(version instanceof JsonPrimitive number) || !number.isNumber()) {
      throw RequestException.badRequest("'v' must be a number");
    }
    // Compared exactly, where a long would wrap 2^64 + 1 round to 1. From the text, not Gson's
    // getAsBigDecimal, which throws for exponents (1e10000) that StrictJson lets through.
    String text = number.getAsNumber().toString();
    if (new BigDecimal(text).compareTo(BigDecimal.valueOf(Events.PROTOCOL_VERSION)) != 0) {
      throw new RequestException(ErrorCode.UNSUPPORTED_VERSION,
          "this hub speaks protocol version " + Events.PROTOCOL_VERSION + ", not "
              + RequestException.quote(text));
    }
    AppRoutes app = registry.app(appName);
    if (app == null) {
      String quoted = RequestException.quote(appName);
      log.debug("auth refused: no app {}, key {}", quoted, KeyGrant.mask(key));
      throw new RequestException(ErrorCode.UNKNOWN_APP, "no app " + quoted + " on this hub");
    }
    Credential credential;
    try {
      credential = authenticate(app, key, expected);
    } catch (RequestException e) {
      // Never the credential itself: at most its first characters.
      log.debug("auth refused: app '{}', {}, credential {}: {}",
          appName, e.code.wireName(), KeyGrant.mask(key), e.getMessage());
      throw e;
    }
    Session session = connection.open(name, app, credential, id, resume);
    log.debug("auth: app '{}', {}, session '{}' is a {}",
        appName, credential.label, name, credential.role.wireName);

    JsonArray events = new JsonArray();
    if (credential.events.isEmpty()) {
      events.add("*");
    } else {
      credential.events.forEach(events::add);
    }
    JsonObject answer = Answers.ok();
    answer.addProperty("session", name);
    answer.addProperty("role", credential.role.wireName);
    answer.add("events", events);
    answer.addProperty("maxMessageBytes", registry.maxMessageBytes);
    answer.addProperty("id", session.consumerId);
    answer.addProperty("userId", session.userId());
    if (session.resumption != null) {
      answer.addProperty("seq", session.resumption.seq());
      if (resume != null) {
        answer.addProperty("recovered", session.resumption.recovered());
      }
    }
    return answer;
  }

  /**
   * The answer is on its way: a consumer's replay, and then its live events, may follow. Until
   * now its record kept them back, so that none reaches the client before the answer that
   * tells it the session exists and which number comes next.
   */
  @Override public void answered(Connection connection, JsonObject request) {
    String name = Fields.text(request.get("session"));
    Session session = name != null ? connection.session(name) : null;
    if (session != null && session.consumerId != null) {
      session.app.consumers.release(session);
    }
  }

  /**
   * A consumer or contributor key of the app, else a token.
   *
   * @throws RequestException {@code bad_key}, {@code wrong_role} or one of the token codes
   */
  private static Credential authenticate(AppRoutes app, String key, Role expected)
      throws RequestException {
    KeyGrant grant = app.app.grantFor(key);
    if (grant != null) {
      if (expected != null && expected != grant.role) {
        throw new RequestException(ErrorCode.WRONG_ROLE, "the key is a " + grant.role.wireName
            + " key of app '" + app.name() + "', not a " + expected.wireName + " credential");
      }
      return Credential.of(grant);
    }
    if (Claims.looksLikeToken(key)) {
      return app.verifier.verify(key, expected);
    }
    throw new RequestException(ErrorCode.BAD_KEY, "the key is not a consumer or contributor key"
        + " of app '" + app.name() + "', nor a token");
  }
}
