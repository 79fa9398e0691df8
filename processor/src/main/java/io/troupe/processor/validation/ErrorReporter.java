package io.troupe.processor.validation;

import javax.annotation.processing.Messager;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.tools.Diagnostic;

/**
 * The one owner of the {@link Messager}. Reporting an error records it and returns, so one
 * compilation shows the user every problem; callers compare {@link #errorCount()} before and after
 * a check to decide whether to generate.
 *
 * <p>Every error is a {@link CompileError}, whose text lives in that catalogue only; every new one
 * needs a failing source under {@code src/test/resources/errors/} (checked by a test) and a test
 * asserting its text and its line.
 */
public final class ErrorReporter {
  private final Messager messager;
  private int errors;

  public ErrorReporter(Messager messager) {
    this.messager = messager;
  }

  /** Reports {@code error}, filled with {@code arguments}, positioned on {@code element}. */
  public void error(Element element, CompileError error, Object... arguments) {
    errors++;
    messager.printMessage(Diagnostic.Kind.ERROR, error.format(arguments), element);
  }

  /**
   * Reports {@code error}, filled with {@code arguments}, positioned on {@code annotation} of
   * {@code element}.
   */
  public void error(
      Element element, AnnotationMirror annotation, CompileError error, Object... arguments) {
    errors++;
    messager.printMessage(Diagnostic.Kind.ERROR, error.format(arguments), element, annotation);
  }

  /** How many errors were reported so far. */
  public int errorCount() {
    return errors;
  }
}
