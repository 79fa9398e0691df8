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
 * <p>Every new error message needs a compilation test that asserts its text and its line.
 */
public final class ErrorReporter {
  private final Messager messager;
  private int errors;

  public ErrorReporter(Messager messager) {
    this.messager = messager;
  }

  /** Reports an error positioned on {@code element}. */
  public void error(Element element, String message) {
    errors++;
    messager.printMessage(Diagnostic.Kind.ERROR, message, element);
  }

  /** Reports an error positioned on {@code annotation} of {@code element}. */
  public void error(Element element, AnnotationMirror annotation, String message) {
    errors++;
    messager.printMessage(Diagnostic.Kind.ERROR, message, element, annotation);
  }

  /** How many errors were reported so far. */
  public int errorCount() {
    return errors;
  }
}
