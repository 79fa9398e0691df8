package test.account;

import io.troupe.annotation.ActorMessage;
import io.troupe.rpc.RpcReplyPort;

/** Variants grouped in sealed sub-interfaces: the facade flattens them. */
@ActorMessage
public sealed interface Account permits Account.Query, Account.Command, Account.Audit {

  sealed interface Query extends Account {
    record Balance(RpcReplyPort<Long> reply) implements Query {}
  }

  sealed interface Command extends Account {
    record Deposit(long amount) implements Command {}

    sealed interface Risky extends Command {
      record Withdraw(long amount, RpcReplyPort<Boolean> done) implements Risky {}
    }
  }

  /** Reachable through Query and directly: one method only. */
  record Audit() implements Account, Query {}
}
