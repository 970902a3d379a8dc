package io.hatchet.hub;

import com.google.gson.JsonElement;
import java.util.List;

/**
 * One publish as a {@link MessageHook} sees it: what was sent, and the session that sent it.
 * Made by the hub for each publish; immutable, except for {@link #sessionData()}.
 */
public final class PublishContext {
  private final String app;
  private final String session;
  private final String role;
  private final SessionData sessionData;
  private final String event;
  private final JsonElement data;
  private final List<String> to;
  private final List<String> rooms;

  PublishContext(Session session, String event, JsonElement data, List<String> to,
      List<String> rooms) {
    // Read here, on the session's event loop, where its data is made.
    this.app = session.app.name();
    this.session = session.name;
    this.role = session.role().wireName;
    this.sessionData = session.data();
    this.event = event;
    this.data = data;
    this.to = to == null ? List.of() : List.copyOf(to);
    this.rooms = rooms == null ? List.of() : List.copyOf(rooms);
  }

  /**
   * The app published to.
   *
   * @return the app's name
   */
  public String app() {
    return app;
  }

  /**
   * The name of the publishing session on its connection.
   *
   * @return the session name
   */
  public String session() {
    return session;
  }

  /**
   * The role of the publishing session.
   *
   * @return {@code contributor} or {@code producer}
   */
  public String role() {
    return role;
  }

  /**
   * The event's name.
   *
   * @return the event
   */
  public String event() {
    return event;
  }

  /**
   * The event's data as it was sent. Changing it changes nothing: return
   * {@link Verdict#replace} to route other data.
   *
   * @return the data; JSON's null is a {@code JsonNull}
   */
  public JsonElement data() {
    return data;
  }

  /**
   * The aliases the publish is sent to.
   *
   * @return the aliases; empty for a broadcast or a publish to rooms
   */
  public List<String> to() {
    return to;
  }

  /**
   * The rooms the publish is sent to (producers only).
   *
   * @return the rooms; empty unless it is sent to rooms
   */
  public List<String> rooms() {
    return rooms;
  }

  /**
   * The publishing session's data, as its {@link Authorizer} or earlier calls left it.
   *
   * @return the session's data
   */
  public SessionData sessionData() {
    return sessionData;
  }

  @Override public String toString() {
    return "PublishContext{" + event + " from session '" + session + "' of app '" + app
        + "'}";
  }
}
