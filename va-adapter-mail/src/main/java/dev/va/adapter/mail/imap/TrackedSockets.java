package dev.va.adapter.mail.imap;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.SocketFactory;
import javax.net.ssl.SSLSocketFactory;

/**
 * Socket factories that remember the sockets they made, so that another thread can close them: the only way to end
 * a read blocked on a server that went silent (an IMAP IDLE) without waiting for the read timeout. After
 * {@link #closeAll} every new socket is closed at once.
 */
final class TrackedSockets {
  private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;

  /** Plain sockets (also the ones STARTTLS upgrades). */
  SocketFactory plain() {
    return new Plain(SocketFactory.getDefault());
  }

  /** TLS sockets made by {@code delegate}. */
  SSLSocketFactory tls(SSLSocketFactory delegate) {
    return new Tls(delegate);
  }

  void closeAll() {
    closed = true;
    for (Socket socket : sockets) close(socket);
    sockets.clear();
  }

  private <S extends Socket> S track(S socket) {
    sockets.add(socket);
    if (closed) close(socket); // closeAll ran meanwhile
    return socket;
  }

  private static void close(Socket socket) {
    try {
      socket.close();
    } catch (IOException e) {
      // closing is all that is asked; a socket that fails to close is gone too
    }
  }

  private final class Plain extends SocketFactory {
    private final SocketFactory delegate;

    Plain(SocketFactory delegate) {
      this.delegate = delegate;
    }

    @Override
    public Socket createSocket() throws IOException {
      return track(delegate.createSocket());
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
      return track(delegate.createSocket(host, port));
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
      return track(delegate.createSocket(host, port, localHost, localPort));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
      return track(delegate.createSocket(host, port));
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
        throws IOException {
      return track(delegate.createSocket(address, port, localAddress, localPort));
    }
  }

  private final class Tls extends SSLSocketFactory {
    private final SSLSocketFactory delegate;

    Tls(SSLSocketFactory delegate) {
      this.delegate = delegate;
    }

    @Override
    public String[] getDefaultCipherSuites() {
      return delegate.getDefaultCipherSuites();
    }

    @Override
    public String[] getSupportedCipherSuites() {
      return delegate.getSupportedCipherSuites();
    }

    @Override
    public Socket createSocket() throws IOException {
      return track(delegate.createSocket());
    }

    @Override
    public Socket createSocket(Socket socket, String host, int port, boolean autoClose) throws IOException {
      return track(delegate.createSocket(socket, host, port, autoClose));
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
      return track(delegate.createSocket(host, port));
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
      return track(delegate.createSocket(host, port, localHost, localPort));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
      return track(delegate.createSocket(host, port));
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
        throws IOException {
      return track(delegate.createSocket(address, port, localAddress, localPort));
    }
  }
}
