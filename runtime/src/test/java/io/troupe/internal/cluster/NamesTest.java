package io.troupe.internal.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** A peer's names in log lines: quoted, cut, no control characters (no forged lines). */
class NamesTest {
  @Test
  void namesAreQuotedCutAndFreeOfControlCharacters() {
    assertEquals("\"node-a\"", Names.quote("node-a"));
    String forged = Names.quote("x\nWARNING: forged line\r\u001b[31m");
    assertFalse(
        forged.contains("\n") || forged.contains("\r") || forged.contains("\u001b"), forged);
    String huge = Names.quote("y".repeat(8 << 20));
    assertTrue(huge.length() < 200, huge.length() + " characters");
    assertTrue(huge.endsWith("(8388608 characters)"), huge);
  }

  @Test
  void peerMessagesAreCutAndFreeOfControlCharactersButNotQuoted() {
    assertEquals("unknown variant \"X\"", Names.clean("unknown variant \"X\""));
    String forged = Names.clean("bad\nERROR: forged line\u001b[0m\u202e");
    assertFalse(
        forged.contains("\n") || forged.contains("\u001b") || forged.contains("\u202e"), forged);
    assertTrue(forged.contains("\\u000a"), forged);
    String huge = Names.clean("z".repeat(1 << 20));
    assertTrue(huge.length() < Names.MAX_MESSAGE_CHARS + 40, huge.length() + " characters");
    assertTrue(huge.endsWith("(truncated)"), huge);
    assertEquals("null", Names.clean((Object) null));
  }
}
