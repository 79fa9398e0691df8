package io.troupe.processor;

import java.util.Collection;
import java.util.Locale;
import java.util.Set;
import javax.lang.model.SourceVersion;

/**
 * How every generated name is derived, in one place: the facade's class name, its method names, and
 * the names of parameters the facade adds to a variant's components.
 */
public final class Names {
  private Names() {}

  /** The annotation that marks a message interface for a facade: {@code @ActorMessage}. */
  public static final String ACTOR_MESSAGE = "io.troupe.annotation.ActorMessage";

  /** The annotation that asks for a wire codec as well: {@code @ClusterMessage}. */
  public static final String CLUSTER_MESSAGE = "io.troupe.annotation.ClusterMessage";

  /** The annotation that renames one variant's facade method: {@code @FacadeMethod}. */
  public static final String FACADE_METHOD = "io.troupe.annotation.FacadeMethod";

  /** The annotation generated files carry. */
  public static final String GENERATED_ANNOTATION = "javax.annotation.processing.Generated";

  /** The reply port type whose presence makes a variant a call. */
  public static final String RPC_REPLY_PORT = "io.troupe.rpc.RpcReplyPort";

  /** What {@code @Generated} names as the generator. */
  public static final String GENERATOR = "io.troupe.processor.TroupeProcessor";

  /**
   * Methods every facade has (its own and {@link Object}'s): a variant method with one of these
   * names would not compile or would hide them.
   */
  public static final Set<String> FACADE_OWN_METHODS =
      Set.of(
          "of",
          "from",
          "ref",
          "equals",
          "hashCode",
          "toString",
          "getClass",
          "notify",
          "notifyAll",
          "wait",
          "clone",
          "finalize");

  /**
   * The handler interface's simple name, from the facade's: {@code CounterMsgRef ->
   * CounterMsgHandler}, {@code Counter -> CounterHandler} (so {@code facadeName} renames both).
   *
   * @param facadeSimpleName the facade's simple name
   * @return the handler interface's simple name
   */
  public static String handler(String facadeSimpleName) {
    String base =
        facadeSimpleName.endsWith("Ref") && facadeSimpleName.length() > 3
            ? facadeSimpleName.substring(0, facadeSimpleName.length() - 3)
            : facadeSimpleName;
    return base + "Handler";
  }

  /**
   * The handler method for a variant whose facade method is {@code method}: {@code get -> onGet}.
   *
   * @param method the facade method's name, not empty
   * @return the handler method's name
   */
  public static String handlerMethod(String method) {
    return "on" + Character.toUpperCase(method.charAt(0)) + method.substring(1);
  }

  /**
   * A parameter name not among {@code componentNames}: {@code first}, else {@code second}, else
   * {@code second} numbered from 2.
   *
   * @param componentNames the names already taken by the variant's components
   * @param first the preferred name
   * @param second the name to use when {@code first} is taken
   * @return a name not in {@code componentNames}
   */
  public static String parameter(Collection<String> componentNames, String first, String second) {
    return free(componentNames, first, second);
  }

  /**
   * The codec's simple name under {@code @ClusterMessage}: the interface's name + "Codec".
   *
   * @param interfaceSimpleName the message interface's simple name
   * @return the codec class's simple name
   */
  public static String codec(String interfaceSimpleName) {
    return interfaceSimpleName + "Codec";
  }

  /**
   * The facade's simple name: {@code facadeOption} if set, else the interface's name + "Ref".
   *
   * @param interfaceSimpleName the message interface's simple name
   * @param facadeOption the annotation's {@code facadeName}, empty when not set
   * @return the facade class's simple name
   */
  public static String facade(String interfaceSimpleName, String facadeOption) {
    return facadeOption.isEmpty() ? interfaceSimpleName + "Ref" : facadeOption;
  }

  /**
   * The cast or call method for a record variant: {@code GetCount -> getCount}.
   *
   * @param variantSimpleName the record variant's simple name
   * @return the facade method's name
   */
  public static String method(String variantSimpleName) {
    return lowerCamel(variantSimpleName);
  }

  /**
   * The cast method for one enum constant: {@code STOP_ALL -> stopAll}, {@code Ping -> ping}.
   *
   * @param constant the enum constant's name
   * @return the facade method's name
   */
  public static String enumConstantMethod(String constant) {
    if (constant.contains("_") || constant.equals(constant.toUpperCase(Locale.ROOT))) {
      StringBuilder name = new StringBuilder();
      for (String word : constant.split("_")) {
        if (word.isEmpty()) {
          continue;
        }
        String lower = word.toLowerCase(Locale.ROOT);
        name.append(
            name.isEmpty() ? lower : Character.toUpperCase(lower.charAt(0)) + lower.substring(1));
      }
      return name.isEmpty() ? constant : name.toString();
    }
    return lowerCamel(constant);
  }

  /**
   * The non-blocking twin of call method {@code method}: {@code get -> getAsync}.
   *
   * @param method the blocking call method's name
   * @return the name of the method that returns a future instead
   */
  public static String async(String method) {
    return method + "Async";
  }

  /**
   * The parameter that carries a call's timeout: "timeout" unless a component owns that name.
   *
   * @param componentNames the names already taken by the variant's components
   * @return the timeout parameter's name
   */
  public static String timeoutParameter(Collection<String> componentNames) {
    return free(componentNames, "timeout", "callTimeout");
  }

  /**
   * The lambda parameter that receives the runtime's reply port.
   *
   * @param componentNames the names already taken by the variant's components
   * @return the reply port parameter's name
   */
  public static String portParameter(Collection<String> componentNames) {
    return free(componentNames, "port", "replyPort");
  }

  /**
   * A type variable name not in {@code taken}, based on {@code name}.
   *
   * @param taken the type variable names already in use
   * @param name the preferred name
   * @return {@code name}, or a numbered form of it that is free
   */
  public static String typeVariable(Collection<String> taken, String name) {
    return free(taken, name, name + "1");
  }

  /**
   * True if {@code name} may name a method: an identifier that is not a keyword.
   *
   * @param name the candidate name
   * @return whether {@code name} is a legal method name
   */
  public static boolean isValidMethodName(String name) {
    return SourceVersion.isIdentifier(name) && !SourceVersion.isKeyword(name);
  }

  /**
   * True if {@code name} may name a class: an identifier that is not a keyword.
   *
   * @param name the candidate name
   * @return whether {@code name} is a legal class name
   */
  public static boolean isValidClassName(String name) {
    return SourceVersion.isIdentifier(name) && !SourceVersion.isKeyword(name);
  }

  /**
   * Lower-cases the leading capital run, keeping the last capital of a run that starts a word:
   * {@code Increment -> increment}, {@code URLFetch -> urlFetch}, {@code IO -> io}.
   */
  static String lowerCamel(String name) {
    int run = 0;
    while (run < name.length() && Character.isUpperCase(name.charAt(run))) {
      run++;
    }
    if (run == 0) {
      return name;
    }
    if (run > 1 && run < name.length() && Character.isLowerCase(name.charAt(run))) {
      run--; // "URLFetch": the F begins the next word
    }
    return name.substring(0, run).toLowerCase(Locale.ROOT) + name.substring(run);
  }

  private static String free(Collection<String> taken, String first, String second) {
    if (!taken.contains(first)) {
      return first;
    }
    if (!taken.contains(second)) {
      return second;
    }
    for (int i = 2; ; i++) {
      String candidate = second + i;
      if (!taken.contains(candidate)) {
        return candidate;
      }
    }
  }
}
