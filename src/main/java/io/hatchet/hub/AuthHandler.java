package io.hatchet.hub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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

  @Override public ObjectNode handle(Connection connection, ObjectNode request)
      throws RequestException {
    JsonNode version = Fields.required(request, "v");
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
    if (!version.isNumber()) {
      throw RequestException.badRequest("'v' must be a number");
    }
    // decimalValue() compares exactly, where asLong() would wrap 2^64 + 1 round to 1.
    if (version.decimalValue().compareTo(BigDecimal.valueOf(Events.PROTOCOL_VERSION)) != 0) {
      throw new RequestException(ErrorCode.UNSUPPORTED_VERSION,
          "this hub speaks protocol version " + Events.PROTOCOL_VERSION + ", not "
              + RequestException.quote(version.toString()));
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

    ObjectNode answer = Answers.ok();
    answer.put("session", name);
    answer.put("role", credential.role.wireName);
    ArrayNode events = answer.putArray("events");
    if (credential.events.isEmpty()) {
      events.add("*");
    } else {
      credential.events.forEach(events::add);
    }
    answer.put("maxMessageBytes", registry.maxMessageBytes);
    answer.put("id", session.consumerId);
    answer.put("userId", session.userId());
    if (session.resumption != null) {
      answer.put("seq", session.resumption.seq());
      if (resume != null) {
        answer.put("recovered", session.resumption.recovered());
      }
    }
    return answer;
  }

  /**
   * The answer is on its way: a consumer's replay, and then its live events, may follow. Until
   * now its record kept them back, so that none reaches the client before the answer that
   * tells it the session exists and which number comes next.
   */
  @Override public void answered(Connection connection, ObjectNode request) {
    JsonNode name = request.get("session");
    Session session = name != null && name.isTextual()
        ? connection.session(name.textValue()) : null;
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
