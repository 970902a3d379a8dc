package io.hatchet.hub.internal.netty;

import com.google.gson.JsonObject;

/**
 * What the hub does with the sockets of a {@link SocketServer}. Every method runs on the
 * socket's event loop ({@link Socket#loop()}), one at a time per socket, in the order the
 * client's packets came: never under a lock of the server's.
 */
public interface SocketHandler {
  /**
   * A client joined the default namespace: from now on it may send events. While this runs, and
   * only then, {@link Socket#handshakeHeaders} and {@link Socket#handshakeAuth} say what the
   * client sent to open the session.
   */
  void connected(Socket socket);

  /**
   * Whether the client may join with the CONNECT it sent ({@link Socket#handshakeAuth} says
   * what it carried): null if it may, else the payload of the CONNECT_ERROR it gets instead of a
   * CONNECT, {@code {"message": ..., "data": ...}} as socket.io v4 clients read it, short and
   * safe to show. A client refused may send another CONNECT. By default every client may join.
   */
  default JsonObject refuseConnect(Socket socket) {
    return null;
  }

  /**
   * The client sent an EVENT. {@code packet} is the whole Engine.IO text packet and
   * {@code payloadStart} the index of its JSON array; the header was checked, the payload was
   * not parsed yet.
   *
   * @param ackId the acknowledgement id to answer with, or -1 if the client wants none
   */
  void event(Socket socket, String packet, int payloadStart, long ackId);

  /**
   * The client sent an EVENT past the server's request rate: it was not read. The handler
   * should tell the client, answering {@code ackId} if it is not -1.
   */
  void limited(Socket socket, long ackId);

  /**
   * The client broke the protocol and its connection is about to be closed: a chance to tell it
   * why, with {@link Socket#send}, before it goes. {@code why} is short and safe to show.
   * Called only for a socket that was {@link #connected}.
   */
  void refused(Socket socket, String why);

  /**
   * The socket takes writes again after {@link Socket#writable} said it did not: what waits for
   * it may be sent now. Called only for a socket that was {@link #connected}.
   */
  void writable(Socket socket);

  /**
   * The socket closed, for {@code reason}, after {@link #connected}; nothing it sends will be
   * written. Called once.
   */
  void closed(Socket socket, String reason);
}
