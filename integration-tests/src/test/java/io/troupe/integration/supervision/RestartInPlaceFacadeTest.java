package io.troupe.integration.supervision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.troupe.Actor;
import io.troupe.ActorRef;
import io.troupe.ActorStatus;
import io.troupe.MessagingException;
import io.troupe.Node;
import io.troupe.annotation.ActorMessage;
import io.troupe.rpc.RpcReplyPort;
import io.troupe.supervision.ChildSpec;
import io.troupe.supervision.RestartIntensity;
import io.troupe.supervision.Supervisor;
import io.troupe.supervision.SupervisorSpec;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Clients holding generated facades across restarts: in place they stay valid; the OTP way they do
 * not.
 */
class RestartInPlaceFacadeTest {
  static final Duration WAIT = Duration.ofSeconds(10);

  /**
   * An account whose crash loses its balance (a new incarnation starts from the opening balance).
   */
  @ActorMessage
  public sealed interface AccountMsg {
    record Deposit(int amount) implements AccountMsg {}

    record Balance(RpcReplyPort<Integer> reply) implements AccountMsg {}

    record Crash() implements AccountMsg {}
  }

  static final class Account implements Actor<AccountMsg, int[], Integer> {
    final AtomicInteger starts = new AtomicInteger();

    @Override
    public int[] preStart(ActorRef<AccountMsg> self, Integer opening) {
      starts.incrementAndGet();
      return new int[] {opening};
    }

    @Override
    public int[] handle(ActorRef<AccountMsg> self, AccountMsg m, int[] balance) {
      switch (m) {
        case AccountMsg.Deposit d -> balance[0] += d.amount();
        case AccountMsg.Balance b -> b.reply().send(balance[0]);
        case AccountMsg.Crash c -> throw new IllegalStateException("crash");
      }
      return balance;
    }
  }

  final Node node = Node.create("facades");

  @AfterEach
  void close() {
    node.close();
  }

  @SuppressWarnings("unchecked")
  static AccountMsgRef facade(Supervisor sup) {
    return AccountMsgRef.of((ActorRef<AccountMsg>) sup.child("account", WAIT).orElseThrow());
  }

  @Test
  void aFacadeHeldAcrossRestartsInPlaceKeepsWorking() {
    Account account = new Account();
    Supervisor sup =
        Supervisor.start(
            node,
            null,
            SupervisorSpec.builder()
                .intensity(RestartIntensity.of(1_000, Duration.ofSeconds(1)))
                .child(ChildSpec.of("account", account, 100).restartInPlace())
                .build());
    AccountMsgRef client = facade(sup);
    client.deposit(5);
    assertEquals(105, client.balance(WAIT));
    client.crash();
    client.deposit(1); // queued behind the crash: handled by the new incarnation
    assertEquals(101, client.balance(WAIT));
    assertEquals(2, account.starts.get());
    assertEquals(client.ref(), facade(sup).ref());
  }

  @Test
  void clientsCastingDuringManyRestartsInPlaceNeverMeetAClosedRef() throws Exception {
    Account account = new Account();
    Supervisor sup =
        Supervisor.start(
            node,
            null,
            SupervisorSpec.builder()
                .intensity(RestartIntensity.of(100_000, Duration.ofSeconds(1)))
                .child(ChildSpec.of("account", account, 0).restartInPlace())
                .build());
    AccountMsgRef client = facade(sup);
    AtomicReference<Throwable> trouble = new AtomicReference<>();
    CountDownLatch done = new CountDownLatch(2);
    for (int t = 0; t < 2; t++) {
      Thread.ofVirtual()
          .start(
              () -> {
                try {
                  for (int i = 0; i < 5_000; i++) {
                    client.deposit(1);
                  }
                } catch (Throwable e) {
                  trouble.compareAndSet(null, e);
                } finally {
                  done.countDown();
                }
              });
    }
    for (int i = 0; i < 200; i++) {
      client.crash();
    }
    done.await();
    assertEquals(null, trouble.get(), "a cast failed during a restart in place");
    client.balance(WAIT); // answered by the last incarnation
    assertEquals(201, account.starts.get());
    assertEquals(ActorStatus.RUNNING, client.ref().status());
  }

  @Test
  void theOtpWayGivesANewRefFoundByName() throws InterruptedException {
    Supervisor sup =
        Supervisor.start(
            node,
            null,
            SupervisorSpec.builder()
                .child(ChildSpec.of("account", new Account(), 100).withName("account"))
                .build());
    AccountMsgRef old = AccountMsgRef.from(node.registry().whereIs("account").orElseThrow());
    old.crash();
    old.ref().awaitExit(WAIT);
    assertThrows(MessagingException.class, () -> old.deposit(1));
    AtomicReference<AccountMsgRef> found = new AtomicReference<>();
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (found.get() == null && System.nanoTime() < deadline) {
      node.registry()
          .whereIs("account")
          .filter(r -> !r.equals(old.ref()))
          .ifPresent(r -> found.set(AccountMsgRef.from(r)));
      Thread.sleep(1);
    }
    assertNotEquals(old.ref(), found.get().ref());
    assertEquals(100, found.get().balance(WAIT));
    assertEquals(sup.child("account", WAIT).orElseThrow(), found.get().ref());
  }
}
