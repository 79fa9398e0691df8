package io.troupe.integration.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.ActorRef;
import io.troupe.Node;
import io.troupe.annotation.ActorMessage;
import io.troupe.rpc.CallFailedException;
import io.troupe.rpc.RpcReplyPort;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Drives actors written against generated handlers: each variant reaches its own method with the
 * message's components, a call is answered with what its method returns, an answer can be handed on
 * to another actor, and misuse the compiler cannot see (answering twice, returning null or the
 * answer of another call) fails the actor, so the caller sees {@link CallFailedException} rather
 * than a timeout.
 */
class GeneratedHandlerTest {
  private static final Duration WAIT = Duration.ofSeconds(5);

  @ActorMessage
  sealed interface LedgerMsg {
    record Credit(String account, long cents) implements LedgerMsg {}

    record Balance(String account, RpcReplyPort<Long> reply) implements LedgerMsg {}

    /** Answered by the auditor, to whom the ledger hands the port. */
    record Audit(RpcReplyPort<String> reply) implements LedgerMsg {}

    /** Each misuse the type system leaves to run time. */
    record Misuse(Kind kind, RpcReplyPort<Long> reply) implements LedgerMsg {}

    enum Command implements LedgerMsg {
      CLOSE
    }
  }

  enum Kind {
    TWICE,
    NULL,
    FOREIGN
  }

  @ActorMessage
  sealed interface AuditorMsg {
    record Report(long total, RpcReplyPort<String> reply) implements AuditorMsg {}
  }

  /** The ledger's state: a total per account would do, one total keeps the test short. */
  private record Books(long total, List<String> log) {
    Books with(long newTotal, String entry) {
      List<String> newLog = new ArrayList<>(log);
      newLog.add(entry);
      return new Books(newTotal, List.copyOf(newLog));
    }
  }

  private static final class Ledger implements LedgerMsgHandler<Books, AuditorMsgRef> {
    private AuditorMsgRef auditor;

    /** The answer of the last balance call: returning it for another call is misuse. */
    private Answered<Books> lastBalance;

    @Override
    public Books preStart(ActorRef<LedgerMsg> self, AuditorMsgRef auditor) {
      this.auditor = auditor;
      return new Books(0, List.of());
    }

    @Override
    public Books onCredit(ActorRef<LedgerMsg> self, String account, long cents, Books books) {
      return books.with(books.total() + cents, account + "+" + cents);
    }

    @Override
    public Answered<Books> onBalance(
        ActorRef<LedgerMsg> self, String account, Reply<Long, Books> reply, Books books) {
      lastBalance = reply.answer(books.total(), books.with(books.total(), "balance " + account));
      return lastBalance;
    }

    @Override
    public Answered<Books> onAudit(
        ActorRef<LedgerMsg> self, Reply<String, Books> reply, Books books) {
      return reply.later(
          port -> auditor.ref().cast(new AuditorMsg.Report(books.total(), port)),
          books.with(books.total(), "audit"));
    }

    @Override
    public Answered<Books> onMisuse(
        ActorRef<LedgerMsg> self, Kind kind, Reply<Long, Books> reply, Books books) {
      return switch (kind) {
        case TWICE -> {
          reply.answer(1L, books);
          yield reply.answer(2L, books);
        }
        case NULL -> null;
        case FOREIGN -> lastBalance;
      };
    }

    @Override
    public Books onClose(ActorRef<LedgerMsg> self, Books books) {
      self.stop("closed");
      return books;
    }
  }

  private static final class Auditor implements AuditorMsgHandler<Void, Void> {
    @Override
    public Void preStart(ActorRef<AuditorMsg> self, Void args) {
      return null;
    }

    @Override
    public Answered<Void> onReport(
        ActorRef<AuditorMsg> self, long total, Reply<String, Void> reply, Void state) {
      return reply.answer("audited " + total, state);
    }
  }

  private Node node;
  private LedgerMsgRef ledger;

  @BeforeEach
  void start() {
    node = Node.create("handlers");
    AuditorMsgRef auditor = AuditorMsgRef.of(node.spawn(new Auditor(), null));
    ledger = LedgerMsgRef.of(node.spawn(new Ledger(), auditor));
  }

  @AfterEach
  void stop() {
    node.close();
  }

  @Test
  void eachVariantReachesItsMethodAndACallIsAnsweredWithWhatItReturns() {
    ledger.credit("a", 150);
    ledger.credit("b", -50);
    assertEquals(100L, ledger.balance("a", WAIT));
  }

  @Test
  void aHandedOnPortIsAnsweredByTheActorThatReceivedIt() {
    ledger.credit("a", 7);
    assertEquals("audited 7", ledger.audit(WAIT));
    assertEquals(7L, ledger.balance("a", WAIT), "the ledger moved on after handing the port on");
  }

  @Test
  void answeringTwiceFailsTheActorAndTheCallerSeesCallFailed() {
    assertThrows(CallFailedException.class, () -> ledger.misuse(Kind.TWICE, WAIT));
  }

  @Test
  void returningNullFailsTheActorAndTheCallerSeesCallFailed() {
    assertThrows(CallFailedException.class, () -> ledger.misuse(Kind.NULL, WAIT));
  }

  @Test
  void returningTheAnswerOfAnotherCallFailsTheActorAndTheCallerSeesCallFailed() {
    assertEquals(0L, ledger.balance("a", WAIT));
    assertThrows(CallFailedException.class, () -> ledger.misuse(Kind.FOREIGN, WAIT));
  }

  @Test
  void enumConstantsReachTheirMethod() {
    ledger.close();
    assertTrue(ledger.ref().awaitExit(WAIT), "onClose stopped the ledger");
  }
}
