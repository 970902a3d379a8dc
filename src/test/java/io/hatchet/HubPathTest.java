package io.hatchet;

import static io.hatchet.HubFixture.APP;
import static io.hatchet.HubFixture.CONSUMER_KEY;
import static io.hatchet.HubFixture.CONTRIBUTOR_KEY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.concurrent.TimeUnit;
import okhttp3.HttpUrl;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/*
 * PENDING: Hatchet.Builder.path(String) does not exist yet, so this file is not compiled; rename
 * it to HubPathTest.java once it does. UrlTest has the other half: a URL with a path is refused,
 * with a message that points here.
 */
/** Where on the hub's host the client asks for Engine.IO: /socket.io/, or the path it is given. */
class HubPathTest {
  private final Closer closer = new Closer();

  @AfterEach
  void closeAll() {
    closer.close();
  }

  @Test
  void byDefaultTheClientAsksForSocketIo() throws Exception {
    assertEquals("/socket.io/", firstRequestPath(hub -> Hatchet.builder(hub.url())));
  }

  @Test
  void theClientAsksForThePathItIsGivenAndConnectsThere() throws Exception {
    assertEquals("/other/", firstRequestPath(hub -> Hatchet.builder(hub.url()).path("/other/")));
  }

  @Test
  void theDefaultPathGivenExplicitlyReachesARealHub() {
    HubFixture fixture = closer.add(new HubFixture());
    Hatchet hatchet = closer.add(Hatchet.builder(fixture.hub.url()).path("/socket.io/").build());
    Await.get(hatchet.consumer(APP, CONSUMER_KEY).watch("log", data -> {}));
    assertEquals(1, Await.get(hatchet.contributor(APP, CONTRIBUTOR_KEY).broadcast("log", 1)));
  }

  /**
   * Connects a Hatchet made by {@code builder} to a {@link FakeHub}, which speaks Engine.IO on
   * any path; checks the first request's query and that a consumer authenticates through it, and
   * returns its path.
   */
  private String firstRequestPath(java.util.function.Function<FakeHub, Hatchet.Builder> builder)
      throws Exception {
    FakeHub hub = closer.add(new FakeHub());
    Hatchet hatchet = closer.add(builder.apply(hub).build());
    RecordedRequest request = hub.server.takeRequest(Await.SECONDS, TimeUnit.SECONDS);
    assertNotNull(request, "the client asked the hub for nothing");
    HttpUrl url = request.getRequestUrl();
    assertEquals("4", url.queryParameter("EIO"), url.toString());
    assertEquals("websocket", url.queryParameter("transport"), url.toString());
    Await.get(hatchet.consumer("demo", "ckey").ready());
    return url.encodedPath();
  }
}
