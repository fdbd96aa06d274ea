import java.lang.reflect.Field;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import software.amazon.dynamodb.services.local.main.ServerRunner;
import software.amazon.dynamodb.services.local.server.DynamoDBProxyServer;

/**
 * Starts AWS's DynamoDB Local listening on 127.0.0.1 only: its own launcher listens on every
 * interface, with no authentication, and has no option to change that. It answers only the local
 * stack's own clients: a request must name this port on a loopback Host (a page that rebinds its
 * DNS name to this machine sends its own name) and sign with the access key id this process was
 * given in DYNAMODB_LOCAL_ACCESS_KEY (random per start, never on the command line, which every
 * user can read); anything else gets 403 before DynamoDB Local sees it. It takes DynamoDB Local's
 * own arguments. It also stops when its standard input closes, which happens when the process that
 * started it is gone, even one killed with SIGKILL: no DynamoDB Local outlives npm start.
 */
public final class LoopbackDynamoDbLocal {
  public static void main(String[] args) throws Exception {
    String accessKey = System.getenv("DYNAMODB_LOCAL_ACCESS_KEY");
    if (accessKey == null || accessKey.length() < 16) throw new IllegalStateException("DYNAMODB_LOCAL_ACCESS_KEY is not set");
    DynamoDBProxyServer proxy = ServerRunner.createServerFromCommandLineArgs(args);
    // DynamoDB Local keeps its Jetty server in a private field; its connectors bind when it starts.
    Field field = DynamoDBProxyServer.class.getDeclaredField("server");
    field.setAccessible(true);
    Server server = (Server) field.get(proxy);
    int port = -1;
    for (Connector connector : server.getConnectors()) {
      ((ServerConnector) connector).setHost("127.0.0.1");
      port = ((ServerConnector) connector).getPort();
    }
    String[] hosts = {"127.0.0.1:" + port, "localhost:" + port};
    String credential = "Credential=" + accessKey + "/";
    server.setHandler(new Handler.Wrapper(server.getHandler()) {
      @Override
      public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String host = request.getHeaders().get("Host");
        String authorization = request.getHeaders().get("Authorization");
        boolean ownHost = host != null && (host.equals(hosts[0]) || host.equals(hosts[1]));
        boolean ownKey = authorization != null && authorization.contains(credential);
        if (!ownHost || !ownKey) {
          Response.writeError(request, response, callback, 403);
          return true;
        }
        return super.handle(request, response, callback);
      }
    });
    proxy.start();
    while (System.in.read() != -1) {
      // Nothing is ever sent: the read returns -1 once the parent's end of the pipe is closed.
    }
    proxy.stop();
    System.exit(0);
  }
}
