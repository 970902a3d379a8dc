package io.hatchet.hub;

import com.google.gson.JsonObject;
import io.hatchet.protocol.ErrorCode;
import io.hatchet.protocol.Limits;

/** {@code alias}: names the user behind a consumer session, for {@code publish} with {@code to}. */
final class AliasHandler implements RequestHandler {
  @Override public JsonObject handle(Connection connection, JsonObject request)
      throws RequestException {
    String name = Fields.session(request);
    String alias = Fields.nullableString(request, "alias", Limits.MAX_NAME_LENGTH);
    Session session = connection.authenticated(name);
    if (session.role() != Role.CONSUMER) {
      throw new RequestException(ErrorCode.NOT_PERMITTED, "session '" + name + "' is a "
          + session.role().wireName + ": only consumer sessions may have an alias");
    }
    if (session.userId() != null) {
      throw new RequestException(ErrorCode.NOT_PERMITTED, "session '" + name
          + "' is a consumer of user " + RequestException.quote(session.userId())
          + ": its alias is its userId");
    }
    if (session.credential.fixesAlias()) {
      throw new RequestException(ErrorCode.NOT_PERMITTED, "session '" + name
          + "' has the alias its authorizer gave it");
    }
    connection.alias(session, alias);
    return Answers.ok();
  }
}
