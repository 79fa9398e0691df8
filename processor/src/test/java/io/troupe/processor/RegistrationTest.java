package io.troupe.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** How build tools find the processor: the files a user's javac and Gradle read from the jar. */
class RegistrationTest {

  @Test
  void javacFindsTheProcessorThroughItsServiceFile() {
    String services =
        Compilations.resource("META-INF/services/javax.annotation.processing.Processor");
    assertEquals(TroupeProcessor.class.getName(), services.strip());
  }

  @Test
  void gradleTreatsTheProcessorAsIsolating() {
    String gradle = Compilations.resource("META-INF/gradle/incremental.annotation.processors");
    assertEquals(TroupeProcessor.class.getName() + ",isolating", gradle.strip());
  }
}
