package io.troupe.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NamesTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "Increment, increment",
    "GetCount, getCount",
    "URLFetch, urlFetch",
    "IO, io",
    "A, a",
    "already, already",
    "X2Y, x2Y",
  })
  void recordVariantMethodIsLowerCamelCase(String variant, String method) {
    assertEquals(method, Names.method(variant));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "START, start",
    "STOP_ALL, stopAll",
    "Ping, ping",
    "slow, slow",
    "HTTP2_UP, http2Up",
  })
  void enumConstantMethodDropsUnderscores(String constant, String method) {
    assertEquals(method, Names.enumConstantMethod(constant));
  }

  @Test
  void facadeIsInterfaceNamePlusRefUnlessNamed() {
    assertEquals("CounterMsgRef", Names.facade("CounterMsg", ""));
    assertEquals("Counter", Names.facade("CounterMsg", "Counter"));
  }

  @Test
  void addedParametersAvoidComponentNames() {
    assertEquals("timeout", Names.timeoutParameter(List.of("key")));
    assertEquals("callTimeout", Names.timeoutParameter(List.of("timeout")));
    assertEquals("callTimeout2", Names.timeoutParameter(List.of("timeout", "callTimeout")));
    assertEquals("port", Names.portParameter(List.of("reply")));
    assertEquals("replyPort", Names.portParameter(List.of("port")));
  }

  @Test
  void keywordsAreNotMethodNames() {
    assertFalse(Names.isValidMethodName("new"));
    assertFalse(Names.isValidMethodName("do it"));
    assertFalse(Names.isValidMethodName(""));
    assertTrue(Names.isValidMethodName("renew"));
  }
}
