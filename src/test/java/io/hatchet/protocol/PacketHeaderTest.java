package io.hatchet.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** The socket.io header both sides read, alone. */
class PacketHeaderTest {
  @Test void readsTypeNamespaceAckIdAndWhereThePayloadStarts() {
    assertEquals(new PacketHeader(2, "/", -1, 2), PacketHeader.read("42[\"e\"]", 1));
    assertEquals(new PacketHeader(2, "/", 12, 4), PacketHeader.read("4212[\"e\"]", 1));
    assertEquals(new PacketHeader(2, "/", 12, 6), PacketHeader.read("42/,12[\"e\"]", 1));
    assertEquals(new PacketHeader(0, "/admin", -1, 9), PacketHeader.read("40/admin,", 1));
    assertEquals(new PacketHeader(0, "/admin", -1, 8), PacketHeader.read("40/admin", 1));
    assertEquals(new PacketHeader(0, "/", -1, 2), PacketHeader.read("40{\"token\":1}", 1));
    assertEquals(new PacketHeader(1, "/", -1, 2), PacketHeader.read("41", 1));
    assertEquals(new PacketHeader(5, "/", -1, 4), PacketHeader.read("451-[\"e\"]", 1));
  }

  @Test void ackIdsUpTo2To63Minus1() {
    for (long id : new long[] {0, 4294967296L, 9007199254740993L, Long.MAX_VALUE}) {
      assertEquals(id, PacketHeader.read("42" + id + "[]", 1).ackId());
    }
    assertNull(PacketHeader.read("429223372036854775808[]", 1), "2^63");
    assertNull(PacketHeader.read("42" + "1".repeat(20) + "[]", 1), "20 digits");
  }

  @Test void refusesWhatIsNoHeader() {
    for (String text : new String[] {"4", "4x", "47", "42-1[]", "42abc",
        "40/" + "a".repeat(300) + ",", "45-[]", "45" + "1".repeat(25) + "-[]", "4212 []"}) {
      assertNull(PacketHeader.read(text, 1), text);
    }
  }

  @Test void readsInTimeIndependentOfWhatFollows() {
    // A header is read in a bounded number of steps: 20 digits or 257 namespace characters.
    String digits = "1".repeat(1_000_000);
    assertNull(PacketHeader.read("42" + digits + "[]", 1));
    assertNull(PacketHeader.read("42/" + digits, 1));
  }
}
