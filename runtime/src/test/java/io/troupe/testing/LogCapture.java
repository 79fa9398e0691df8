package io.troupe.testing;

import java.io.ByteArrayOutputStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;

/**
 * Captures what one logger writes at WARNING and above while open (the default {@code
 * System.Logger} backend is java.util.logging). The runtime module does not read {@code
 * java.logging}, so its tests reach it by reflection, which needs no readability.
 */
public final class LogCapture implements AutoCloseable {
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final Object logger;
  private final Object handler;

  /**
   * Starts capturing the logger named after {@code of}.
   *
   * @param of the class whose logger to capture
   */
  public LogCapture(Class<?> of) {
    this(of.getName());
  }

  /**
   * Starts capturing the logger of this name (and the loggers below it), such as {@link
   * io.troupe.Loggers#CLUSTER}.
   *
   * @param name the logger's name
   */
  public LogCapture(String name) {
    try {
      Class<?> loggerType = Class.forName("java.util.logging.Logger");
      Class<?> handlerType = Class.forName("java.util.logging.Handler");
      Class<?> formatterType = Class.forName("java.util.logging.Formatter");
      Class<?> levelType = Class.forName("java.util.logging.Level");
      Object formatter =
          Class.forName("java.util.logging.SimpleFormatter").getConstructor().newInstance();
      handler =
          Class.forName("java.util.logging.StreamHandler")
              .getConstructor(java.io.OutputStream.class, formatterType)
              .newInstance(bytes, formatter);
      handlerType
          .getMethod("setLevel", levelType)
          .invoke(handler, levelType.getField("WARNING").get(null));
      logger = loggerType.getMethod("getLogger", String.class).invoke(null, name);
      loggerType.getMethod("addHandler", handlerType).invoke(logger, handler);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("java.util.logging is not available", e);
    }
  }

  /**
   * Everything captured so far.
   *
   * @return the formatted records
   */
  public String text() {
    try {
      handler.getClass().getMethod("flush").invoke(handler);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
    synchronized (bytes) {
      return bytes.toString(StandardCharsets.UTF_8);
    }
  }

  /**
   * Whether a captured record contains {@code part}.
   *
   * @param part the text to find
   * @return true if found
   */
  public boolean contains(String part) {
    return text().contains(part);
  }

  @Override
  public void close() {
    try {
      Class<?> handlerType = Class.forName("java.util.logging.Handler");
      Method remove = logger.getClass().getMethod("removeHandler", handlerType);
      remove.invoke(logger, handler);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }
}
