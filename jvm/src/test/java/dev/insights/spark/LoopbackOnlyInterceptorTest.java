package dev.insights.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import org.junit.jupiter.api.Test;
import org.sparkproject.connect.grpc.Attributes;
import org.sparkproject.connect.grpc.Grpc;
import org.sparkproject.connect.grpc.Metadata;
import org.sparkproject.connect.grpc.MethodDescriptor;
import org.sparkproject.connect.grpc.ServerCall;
import org.sparkproject.connect.grpc.ServerCallHandler;
import org.sparkproject.connect.grpc.Status;

class LoopbackOnlyInterceptorTest {
  /** A call from a given peer that records how it was closed. */
  private static final class RecordingCall extends ServerCall<Object, Object> {
    private final Attributes attributes;
    Status closedWith;

    RecordingCall(SocketAddress peer) {
      this.attributes = Attributes.newBuilder().set(Grpc.TRANSPORT_ATTR_REMOTE_ADDR, peer).build();
    }

    @Override public Attributes getAttributes() { return attributes; }
    @Override public void close(Status status, Metadata trailers) { closedWith = status; }
    @Override public void request(int numMessages) {}
    @Override public void sendHeaders(Metadata headers) {}
    @Override public void sendMessage(Object message) {}
    @Override public boolean isCancelled() { return false; }
    @Override public MethodDescriptor<Object, Object> getMethodDescriptor() { return null; }
  }

  private static boolean admitted(String host) throws Exception {
    RecordingCall call = new RecordingCall(new InetSocketAddress(java.net.InetAddress.getByName(host), 40000));
    boolean[] started = {false};
    ServerCallHandler<Object, Object> next = (c, headers) -> {
      started[0] = true;
      return new ServerCall.Listener<Object>() {};
    };
    new LoopbackOnlyInterceptor().interceptCall(call, new Metadata(), next);
    if (started[0]) {
      assertNull(call.closedWith, "an admitted call is not closed");
    } else {
      assertEquals(Status.Code.PERMISSION_DENIED, call.closedWith.getCode());
    }
    return started[0];
  }

  @Test
  void admitsLoopbackPeers() throws Exception {
    assertTrue(admitted("127.0.0.1"));
    assertTrue(admitted("127.8.9.10"));
    assertTrue(admitted("::1"));
  }

  @Test
  void refusesEveryOtherPeer() throws Exception {
    assertFalse(admitted("10.1.2.3"));
    assertFalse(admitted("192.168.0.7"));
    assertFalse(admitted("203.0.113.5"));
    assertFalse(admitted("fe80::1"));
  }
}
