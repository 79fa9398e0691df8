/** The Troupe annotation processor: writes typed facades for {@code @ActorMessage} interfaces. */
@SuppressWarnings(
    "requires-automatic") // JavaPoet and AutoService have no module-info, only module names
module io.troupe.processor {
  requires java.compiler;
  requires com.palantir.javapoet;
  requires static com.google.auto.service;

  provides javax.annotation.processing.Processor with
      io.troupe.processor.TroupeProcessor;
}
