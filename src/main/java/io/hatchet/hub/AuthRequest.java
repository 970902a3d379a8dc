package io.hatchet.hub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code auth}: opens a session with an app's key. */
final class AuthRequest implements RequestHandler {
  private static final Logger log = LoggerFactory.getLogger(AuthRequest.class);

  private final HubRegistry registry;

  AuthRequest(HubRegistry registry) {
    this.registry = registry;
  }

  @Override public ObjectNode handle(Connection connection, ObjectNode request)
      throws RequestException {
    JsonNode version = Fields.required(request, "v");
    String name = Fields.session(request);
    String appName = Fields.string(request, "app", Integer.MAX_VALUE);
    String key = Fields.string(request, "key", Integer.MAX_VALUE);
    if (!version.isNumber()) {
      throw RequestException.badRequest("'v' must be a number");
    }
    // decimalValue() compares exactly, where asLong() would wrap 2^64 + 1 round to 1.
    if (version.decimalValue().compareTo(BigDecimal.ONE) != 0) {
      throw new RequestException(ErrorCode.UNSUPPORTED_VERSION,
          "this hub speaks protocol version 1, not " + version);
    }
    AppRoutes app = registry.app(appName);
    if (app == null) {
      log.debug("auth refused: no app '{}', key {}", appName, KeyGrant.mask(key));
      throw new RequestException(ErrorCode.UNKNOWN_APP, "no app '" + appName + "' on this hub");
    }
    KeyGrant grant = app.app.grantFor(key);
    if (grant == null) {
      log.debug("auth refused: app '{}', key {} is not its key", appName, KeyGrant.mask(key));
      throw new RequestException(ErrorCode.BAD_KEY,
          "the key is not a consumer or contributor key of app '" + appName + "'");
    }
    connection.open(name, app, grant);
    log.debug("auth: app '{}', key {}, session '{}' is a {}",
        appName, grant.masked(), name, grant.role.wireName);

    ObjectNode answer = Answers.ok();
    answer.put("session", name);
    answer.put("role", grant.role.wireName);
    ArrayNode events = answer.putArray("events");
    if (grant.events.isEmpty()) {
      events.add("*");
    } else {
      grant.events.forEach(events::add);
    }
    answer.put("maxMessageBytes", registry.maxMessageBytes);
    return answer;
  }
}
