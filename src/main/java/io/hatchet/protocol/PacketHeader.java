package io.hatchet.protocol;

/**
 * The header of a socket.io 5 packet as it travels inside an Engine.IO message: its type digit,
 * an optional namespace ({@code /name,}), an optional acknowledgement id (decimal digits), and
 * where its JSON payload starts. Both the client and the hub read packets with it, so the two
 * sides agree on what a valid header is.
 *
 * <p>It is read in one pass that stops early: an ack id is at most {@link #MAX_ACK_DIGITS} digits
 * (2^63 - 1), a namespace at most {@link #MAX_NAMESPACE_LENGTH} characters, so that no header
 * costs more than a few dozen character reads, whatever follows it.
 *
 * @param type the socket.io packet type, {@code 0} (CONNECT) to {@code 6} (BINARY_ACK)
 * @param namespace the namespace, {@code "/"} when the packet names none
 * @param ackId the acknowledgement id, or -1 if the packet has none
 * @param payloadStart the index of the payload's first character (the text's length if none)
 */
public record PacketHeader(int type, String namespace, long ackId, int payloadStart) {
  /** The packet type that opens a namespace. */
  public static final int CONNECT = 0;
  /** The packet type that leaves a namespace. */
  public static final int DISCONNECT = 1;
  /** The packet type of an event: a JSON array of its name and arguments. */
  public static final int EVENT = 2;
  /** The packet type of an acknowledgement, answering an event's ack id. */
  public static final int ACK = 3;
  /** The packet type with which a server refuses a {@link #CONNECT}. */
  public static final int CONNECT_ERROR = 4;
  /** The packet type of an event with binary attachments, which hatchet does not take. */
  public static final int BINARY_EVENT = 5;
  /** The packet type of an acknowledgement with binary attachments, which hatchet does not take. */
  public static final int BINARY_ACK = 6;

  /** The longest ack id: 2^63 - 1 has 19 digits. */
  public static final int MAX_ACK_DIGITS = 19;
  /** The longest namespace read. Only the default one is served; this bounds the search. */
  public static final int MAX_NAMESPACE_LENGTH = 256;

  /** The default namespace, the only one hatchet uses. */
  public static final String DEFAULT_NAMESPACE = "/";

  /**
   * Whether the packet is for the default namespace.
   *
   * @return whether {@link #namespace()} is {@value #DEFAULT_NAMESPACE}
   */
  public boolean isDefaultNamespace() {
    return namespace.equals(DEFAULT_NAMESPACE);
  }

  /**
   * Whether the packet has a payload after its header.
   *
   * @param text the text the header was read from
   * @return whether anything follows the header
   */
  public boolean hasPayload(CharSequence text) {
    return payloadStart < text.length();
  }

  /**
   * Reads the header of the socket.io packet in {@code text} from index {@code from} (just past
   * the Engine.IO message type {@code 4}). Returns null if it is not a valid header: no type, a
   * type past 6, a namespace too long, an ack id over 2^63 - 1, or a payload
   * that starts with neither {@code [} nor <code>{</code>.
   *
   * @param text the text of an Engine.IO message
   * @param from the index of the socket.io packet type
   * @return the header, or null
   */
  public static PacketHeader read(CharSequence text, int from) {
    int length = text.length();
    if (from >= length) return null;
    int type = text.charAt(from) - '0';
    if (type < CONNECT || type > BINARY_ACK) return null;
    int at = from + 1;
    if (type == BINARY_EVENT || type == BINARY_ACK) {
      // The attachment count and its dash come first; the caller refuses binary packets anyway,
      // so only their shape matters here, not their count.
      int digits = at;
      while (at < length && at - digits <= MAX_ACK_DIGITS && isDigit(text.charAt(at))) at++;
      if (at == digits || at - digits > MAX_ACK_DIGITS || at >= length || text.charAt(at) != '-') {
        return null;
      }
      at++;
    }
    String namespace = DEFAULT_NAMESPACE;
    if (at < length && text.charAt(at) == '/') {
      // Up to its comma, or to the end of a packet that has nothing more (40/admin).
      int end = at;
      while (end < length && end - at <= MAX_NAMESPACE_LENGTH && text.charAt(end) != ',') {
        end++;
      }
      if (end - at > MAX_NAMESPACE_LENGTH) return null;
      namespace = text.subSequence(at, end).toString();
      at = end < length ? end + 1 : end;
    }
    long ackId = -1;
    int digits = at;
    while (at < length && isDigit(text.charAt(at))) {
      if (at - digits == MAX_ACK_DIGITS) return null;
      at++;
    }
    if (at > digits) {
      try {
        ackId = Long.parseLong(text, digits, at, 10);
      } catch (NumberFormatException e) {
        return null; // 19 digits above 2^63 - 1
      }
    }
    if (at < length && text.charAt(at) != '[' && text.charAt(at) != '{') return null;
    return new PacketHeader(type, namespace, ackId, at);
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }
}
