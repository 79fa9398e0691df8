package io.troupe.processor.model;

import com.palantir.javapoet.ClassName;
import javax.lang.model.element.VariableElement;

/**
 * One constant of an enum variant: the facade casts it.
 *
 * @param element the constant (for diagnostics)
 * @param enumType the enum class
 * @param constant the constant's name
 * @param typeArgumentsMatch false if the enum implements a generic interface with fixed arguments
 * @param visibility whether the facade can name the enum
 */
public record EnumConstantVariant(
    VariableElement element,
    ClassName enumType,
    String constant,
    String methodName,
    NameSource nameSource,
    boolean typeArgumentsMatch,
    MessageInterface.Visibility visibility)
    implements MethodVariant {}
