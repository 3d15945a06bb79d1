package dev.insights.spark;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import org.sparkproject.connect.grpc.Grpc;
import org.sparkproject.connect.grpc.Metadata;
import org.sparkproject.connect.grpc.ServerCall;
import org.sparkproject.connect.grpc.ServerCallHandler;
import org.sparkproject.connect.grpc.ServerInterceptor;
import org.sparkproject.connect.grpc.Status;

/**
 * Refuses Spark Connect calls from peers that are not on this machine.
 *
 * <p>Spark 3.5's Connect server has no bind-address setting: its gRPC port listens on every
 * interface, and Spark Connect has no authentication of its own. Anyone who can reach the port
 * could run code as the server's user. Until the listener itself can be bound to loopback, this
 * interceptor (installed through {@code spark.connect.grpc.interceptor.classes}) closes every call
 * whose remote address is not a loopback address, before the call reaches Spark.
 *
 * <p>Serving other machines is an explicit choice: set {@code INSIGHTS_CONNECT_ALLOW_REMOTE=true}
 * in the server's environment, and put authentication in front of it (a TLS proxy with tokens).
 */
public final class LoopbackOnlyInterceptor implements ServerInterceptor {
  private final boolean allowRemote = "true".equalsIgnoreCase(System.getenv("INSIGHTS_CONNECT_ALLOW_REMOTE"));

  @Override
  public <ReqT, RespT> ServerCall.Listener<ReqT> interceptCall(
      ServerCall<ReqT, RespT> call, Metadata headers, ServerCallHandler<ReqT, RespT> next) {
    SocketAddress remote = call.getAttributes().get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR);
    if (allowRemote || isLoopback(remote)) {
      return next.startCall(call, headers);
    }
    call.close(
        Status.PERMISSION_DENIED.withDescription(
            "This Spark Connect server accepts clients on its own machine only (peer " + remote + ")"),
        new Metadata());
    return new ServerCall.Listener<ReqT>() {};
  }

  static boolean isLoopback(SocketAddress address) {
    return address instanceof InetSocketAddress
        && ((InetSocketAddress) address).getAddress() != null
        && ((InetSocketAddress) address).getAddress().isLoopbackAddress();
  }
}
