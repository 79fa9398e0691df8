package io.troupe.internal.cluster;

/**
 * Text a peer chose (node names, actor names, hosts), made safe to put in a log line or a reason.
 */
final class Names {
  /** The longest part of a peer's text kept in a log line. */
  static final int MAX_LOGGED_CHARS = 64;

  /**
   * The longest part of a peer-supplied message (an error text, an exception's message) kept in a
   * log line.
   */
  static final int MAX_MESSAGE_CHARS = 300;

  private Names() {}

  /**
   * {@code text} (an error a peer sent, or an exception whose message may hold a peer's text) made
   * safe for a log line: {@link #clean(String, int)} with {@link #MAX_MESSAGE_CHARS}.
   */
  static String clean(Object text) {
    return clean(String.valueOf(text), MAX_MESSAGE_CHARS);
  }

  /**
   * {@code text} in double quotes, cut to {@link #MAX_LOGGED_CHARS} characters, with control
   * characters (newlines that would forge log lines, escapes) shown as {@code \\uXXXX}.
   */
  static String quote(String text) {
    return text == null
        ? "null"
        : '"'
            + clean(text, MAX_LOGGED_CHARS, true)
            + '"'
            + (text.length() > MAX_LOGGED_CHARS ? "... (" + text.length() + " characters)" : "");
  }

  /**
   * {@code text} cut to {@code maxChars} characters with control characters shown as {@code
   * \\uXXXX}: a peer's longer text (a failure's reason) made safe for a log line or a message.
   */
  static String clean(String text, int maxChars) {
    return text == null
        ? "null"
        : clean(text, maxChars, false) + (text.length() > maxChars ? "... (truncated)" : "");
  }

  private static String clean(String text, int maxChars, boolean quoted) {
    int n = Math.min(text.length(), maxChars);
    StringBuilder b = new StringBuilder(n + 16);
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      if (Character.isISOControl(c)
          || (quoted && (c == '"' || c == '\\'))
          || Character.getType(c) == Character.FORMAT) {
        b.append(String.format("\\u%04x", (int) c));
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }
}
