package io.troupe.internal.cluster;

/** Text a peer chose (node names, actor names, hosts), made safe to put in a log line or a reason. */
final class Names {
  /** The longest part of a peer's text kept in a log line. */
  static final int MAX_LOGGED_CHARS = 64;

  private Names() {}

  /**
   * {@code text} in double quotes, cut to {@link #MAX_LOGGED_CHARS} characters, with control
   * characters (newlines that would forge log lines, escapes) shown as {@code \\uXXXX}.
   */
  static String quote(String text) {
    if (text == null) {
      return "null";
    }
    StringBuilder b = new StringBuilder(Math.min(text.length(), MAX_LOGGED_CHARS) + 16).append('"');
    int n = Math.min(text.length(), MAX_LOGGED_CHARS);
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      if (Character.isISOControl(c) || c == '"' || c == '\\' || Character.getType(c) == Character.FORMAT) {
        b.append(String.format("\\u%04x", (int) c));
      } else {
        b.append(c);
      }
    }
    b.append('"');
    if (text.length() > n) {
      b.append("... (").append(text.length()).append(" characters)");
    }
    return b.toString();
  }
}
