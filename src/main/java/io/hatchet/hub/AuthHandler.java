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
 * after the answer (see {@link #answered}). On a hub with an {@link Authorizer}, the authorizer
 * decides first, while the request waits in its connection's {@link PendingRequests}
 * ({@link #authorizing}).
 */
final class AuthHandler implements RequestHandler {
  private static final Logger log = LoggerFactory.getLogger(AuthHandler.class);

  private final HubRegistry registry;

  AuthHandler(HubRegistry registry) {
    this.registry = registry;
  }

  @Override public JsonObject handle(Connection connection, JsonObject request)
      throws RequestException {
    return builtIn(connection, read(connection, request, true), null);
  }

  /** The fields of an {@code auth}; {@code app} and {@code key} are null if not given. */
  private record Auth(String name, String app, String key, String id, Role expected,
      Long resume) {
  }

  /**
   * Reads and checks the fields of {@code request}; {@code keyed}: {@code app} and {@code key}
   * must be there, as without an authorizer.
   *
   * @throws RequestException {@code bad_request} or {@code unsupported_version}
   */
  private static Auth read(Connection connection, JsonObject request, boolean keyed)
      throws RequestException {
    JsonElement version = Fields.required(request, "v");
    String name = Fields.session(request);
    String appName = keyed ? Fields.string(request, "app", Integer.MAX_VALUE)
        : Fields.optionalString(request, "app", Integer.MAX_VALUE);
    String key = keyed ? Fields.string(request, "key", Integer.MAX_VALUE)
        : Fields.optionalString(request, "key", Integer.MAX_VALUE);
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
    if (connection.pushinator() != null) {
      throw RequestException.badRequest("this connection authenticated with pushinator's"
          + " auth(userId, hash): hatchet's sessions need a connection of their own");
    }
    return new Auth(name, appName, key, id, expected, resume);
  }

  /**
   * Opens the session the app's keys and tokens allow, as without an authorizer, with
   * {@code data} if an authorizer filled it.
   */
  private JsonObject builtIn(Connection connection, Auth auth, SessionData data)
      throws RequestException {
    if (auth.app == null || auth.key == null) {
      throw RequestException.badRequest("'" + (auth.app == null ? "app" : "key")
          + "' is missing: the authorizer left this auth to the app's keys and tokens");
    }
    AppRoutes app = registry.app(auth.app);
    if (app == null) {
      String quoted = RequestException.quote(auth.app);
      log.debug("auth refused: no app {}, key {}", quoted, KeyGrant.mask(auth.key));
      throw new RequestException(ErrorCode.UNKNOWN_APP, "no app " + quoted + " on this hub");
    }
    Credential credential;
    try {
      credential = authenticate(app, auth.key, auth.expected);
    } catch (RequestException e) {
      // Never the credential itself: at most its first characters.
      log.debug("auth refused: app '{}', {}, credential {}: {}",
          auth.app, e.code.wireName(), KeyGrant.mask(auth.key), e.getMessage());
      throw e;
    }
    return open(connection, auth, app, credential, data);
  }

  /** Opens the session, with {@code data} if an authorizer filled it, and makes its answer. */
  private JsonObject open(Connection connection, Auth auth, AppRoutes app,
      Credential credential, SessionData data) throws RequestException {
    Session session = connection.open(auth.name, app, credential, auth.id, auth.resume);
    if (data != null) {
      session.data(data);
    }
    if (credential.alias != null) {
      connection.alias(session, credential.alias);
    }
    log.debug("auth: app '{}', {}, session '{}' is a {}",
        app.name(), credential.label, auth.name, credential.role.wireName);

    JsonArray events = new JsonArray();
    if (credential.events.isEmpty()) {
      events.add(Events.EVERY_EVENT);
    } else {
      credential.events.forEach(events::add);
    }
    JsonObject answer = Answers.ok();
    answer.addProperty("session", auth.name);
    answer.addProperty("role", credential.role.wireName);
    answer.add("events", events);
    answer.addProperty("maxMessageBytes", registry.maxMessageBytes);
    answer.addProperty("id", session.consumerId);
    answer.addProperty("userId", session.userId());
    if (session.resumption != null) {
      answer.addProperty("seq", session.resumption.seq());
      if (auth.resume != null) {
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

  /** An {@code auth} of {@code connection} that waits in its line for the authorizer. */
  PendingRequests.Entry authorizing(Connection connection, Hooks hooks, Request request,
      long ackId) {
    return new Authorizing(connection, hooks, request, ackId);
  }

  /**
   * One {@code auth} in line for the authorizer: its fields are checked before the authorizer is
   * asked, and the session is opened, or not, at its finish.
   */
  private final class Authorizing extends PendingRequests.Hooked {
    private final SessionData data = new BoundedSessionData();
    private Auth auth;

    Authorizing(Connection connection, Hooks hooks, Request request, long ackId) {
      super(connection, hooks, request, ackId);
    }

    @Override boolean isPublish() {
      return false;
    }

    @Override void start() {
      JsonObject argument = argument();
      try {
        auth = read(connection, argument, false);
        if (connection.session(auth.name) != null) {
          throw new RequestException(ErrorCode.SESSION_IN_USE,
              "session '" + auth.name + "' is already authenticated on this connection");
        }
      } catch (RequestException e) {
        answerEarly(Answers.error(e.code, e.getMessage()));
        return;
      }
      AuthContext context = new AuthContext(argument, connection.handshake(), data);
      ask("the authorizer", () -> hooks.authorizer.authorize(context));
    }

    /** A consumer's replay, and its live events, may follow the answer now. */
    @Override void answered() {
      AuthHandler.this.answered(connection, argument());
    }

    /** Opens the session as the authorizer decided, or tells why not. */
    @Override JsonObject decide() {
      try {
        if (failure != null) {
          return Answers.error(failure, failureMessage);
        }
        if (!(outcome instanceof Authorization authorization)) {
          return failed("answered " + outcome.getClass().getName() + ", not an Authorization");
        }
        JsonElement metadata = authorization.metadata;
        int size = metadata == null ? 0 : new JsonBytes(256).value(metadata).size();
        if (size > registry.maxMessageBytes) {
          return failed("gave metadata of " + size + " bytes, more than the hub's limit of "
              + registry.maxMessageBytes);
        }
        JsonObject decided = switch (authorization.decision) {
          case BUILT_IN -> builtIn(connection, auth, data);
          case REJECT -> Answers.error(ErrorCode.NOT_AUTHORIZED, authorization.message);
          case ACCEPT -> accept(authorization.identity);
        };
        if (metadata != null && decided.get("error") instanceof JsonObject error) {
          // A refusal's goes where a refused client looks; an acceptance's only if it opened.
          if (authorization.decision == Authorization.Decision.REJECT) {
            error.add("metadata", metadata);
          }
        } else if (metadata != null) {
          decided.add("metadata", metadata);
        }
        return decided;
      } catch (RequestException e) {
        return Answers.error(e.code, e.getMessage());
      }
    }

    private JsonObject accept(Identity identity) throws RequestException {
      AppRoutes app = registry.app(identity.app());
      if (app == null) {
        return failed("accepted app " + RequestException.quote(identity.app())
            + ", which this hub does not have");
      }
      if (auth.expected != null && auth.expected != identity.roleValue()) {
        throw new RequestException(ErrorCode.WRONG_ROLE, "the authorizer accepted a "
            + identity.role() + ", not a " + auth.expected.wireName);
      }
      return open(connection, auth, app, Credential.authorized(identity), data);
    }

    /** The authorizer's mistake: logged for the application, {@code hook_failed} for the client. */
    private JsonObject failed(String why) {
      hooks.warn(connection.socket(), "the authorizer " + why);
      return Answers.error(ErrorCode.HOOK_FAILED,
          "the authorizer failed on this request; the hub's log says why");
    }
  }
}
