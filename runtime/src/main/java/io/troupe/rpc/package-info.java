/**
 * Calls: the reply port a call variant carries ({@link io.troupe.rpc.RpcReplyPort}), the outcome of
 * a call ({@link io.troupe.rpc.CallResult}), {@link io.troupe.rpc.Rpc} helpers and the call errors.
 *
 * <p>API.
 */
package io.troupe.rpc;
