package io.hatchet.examples;

import static java.util.concurrent.CompletableFuture.completedFuture;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hatchet.Consumer;
import io.hatchet.Contributor;
import io.hatchet.Hatchet;
import io.hatchet.hub.App;
import io.hatchet.hub.Authorization;
import io.hatchet.hub.HatchetHub;
import io.hatchet.hub.Identity;
import io.hatchet.hub.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A chat that embeds the hub: its own sessions decide who connects, and every message is checked
 * and signed with its sender's name before it is routed. The README's "Hooks" example.
 */
class ChatHooksTest {
  private final List<String> out = new ArrayList<>();

  private void println(Object line) {
    out.add(String.valueOf(line));
  }

  @Test
  void theAppsSessionsDecideWhoConnectsAndItsHookWhatIsSent() throws Exception {
    // README: Hooks
    Map<String, String> sessions = Map.of("s3cr3t-session", "ben");   // the application's own

    HatchetHub hub = HatchetHub.builder()
        .app(App.named("chat"))                         // no keys: the authorizer decides
        .authorizer(context -> {
          String user = sessions.get(context.key());    // or context.cookie("sid"), a header...
          if (user == null) {
            return completedFuture(Authorization.reject("please log in", Map.of("login", "/login")));
          }
          context.sessionData().put("user", user);      // for the message hook
          Identity identity = "contributor".equals(context.role())
              ? Identity.contributor("chat").allowedEvents("message")
              : Identity.consumer("chat", user);        // alias "ben", in the room user:ben
          return completedFuture(Authorization.accept(identity));
        })
        .messageHook(publish -> completedFuture(publish.data().getAsString().contains("http")
            ? Verdict.reject("no_links", "links are not allowed here")
            : Verdict.replace(Map.of("from", publish.sessionData().get("user"),
                "text", publish.data().getAsString()))))
        .start();

    try (Hatchet hatchet = Hatchet.connect(hub.url())) {
      BlockingQueue<String> received = new LinkedBlockingQueue<>();
      Consumer inbox = hatchet.consumer("chat", "s3cr3t-session");
      inbox.watch("message", data -> received.add(data.toString()));
      inbox.ready().get(10, TimeUnit.SECONDS);

      Contributor chat = hatchet.contributor("chat", "s3cr3t-session");
      chat.send("message", "hello", "ben").get(10, TimeUnit.SECONDS);
      println(received.poll(10, TimeUnit.SECONDS));      // {"from":"ben","text":"hello"}
      chat.broadcast("message", "see http://spam.example")
          .exceptionally(refused -> {
            println(refused.getMessage());                 // ... (no_links)
            return 0;
          }).get(10, TimeUnit.SECONDS);
      hatchet.consumer("chat", "stolen-session").ready()
          .exceptionally(refused -> {
            println(refused.getMessage());                 // ... please log in (not_authorized)
            return null;
          }).get(10, TimeUnit.SECONDS);
    }
    hub.close();
    // README end

    assertEquals(3, out.size(), out::toString);
    assertTrue(out.get(0).equals("{\"from\":\"ben\",\"text\":\"hello\"}")
        || out.get(0).equals("{\"text\":\"hello\",\"from\":\"ben\"}"), out.get(0));
    assertTrue(out.get(1).contains("links are not allowed here (no_links)"), out.get(1));
    assertTrue(out.get(2).contains("please log in (not_authorized)"), out.get(2));
  }
}
