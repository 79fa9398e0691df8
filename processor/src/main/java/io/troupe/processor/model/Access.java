package io.troupe.processor.model;

import io.troupe.processor.model.MessageInterface.Visibility;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.WildcardType;

/** Whether the facade, written in one package, can name a type. */
final class Access {
  private Access() {}

  /** How visible {@code type} is from code in {@code facadePackage}, counting enclosing types. */
  static Visibility of(TypeElement type, String facadePackage) {
    Visibility result = Visibility.PUBLIC;
    for (Element e = type; e instanceof TypeElement; e = e.getEnclosingElement()) {
      if (e.getModifiers().contains(Modifier.PRIVATE)) {
        return Visibility.PRIVATE;
      }
      if (!e.getModifiers().contains(Modifier.PUBLIC)) {
        result = Visibility.PACKAGE;
      }
    }
    if (result == Visibility.PACKAGE
        && !packageOf(type).getQualifiedName().contentEquals(facadePackage)) {
      return Visibility.OTHER_PACKAGE;
    }
    return result;
  }

  /**
   * The first type mentioned in {@code type} (itself, its type arguments, array components,
   * wildcard bounds) that code in {@code facadePackage} cannot name, or null if there is none.
   */
  static TypeElement firstHidden(TypeMirror type, String facadePackage) {
    return switch (type.getKind()) {
      case DECLARED -> {
        DeclaredType declared = (DeclaredType) type;
        TypeElement element = (TypeElement) declared.asElement();
        Visibility visibility = of(element, facadePackage);
        if (visibility == Visibility.PRIVATE || visibility == Visibility.OTHER_PACKAGE) {
          yield element;
        }
        for (TypeMirror argument : declared.getTypeArguments()) {
          TypeElement hidden = firstHidden(argument, facadePackage);
          if (hidden != null) {
            yield hidden;
          }
        }
        yield null;
      }
      case ARRAY -> firstHidden(((ArrayType) type).getComponentType(), facadePackage);
      case WILDCARD -> {
        WildcardType wildcard = (WildcardType) type;
        TypeMirror bound =
            wildcard.getExtendsBound() != null
                ? wildcard.getExtendsBound()
                : wildcard.getSuperBound();
        yield bound == null ? null : firstHidden(bound, facadePackage);
      }
      default -> null;
    };
  }

  static PackageElement packageOf(Element element) {
    Element e = element;
    while (e.getKind() != ElementKind.PACKAGE) {
      e = e.getEnclosingElement();
    }
    return (PackageElement) e;
  }
}
