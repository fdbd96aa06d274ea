import java.lang.reflect.Field;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import software.amazon.dynamodb.services.local.main.ServerRunner;
import software.amazon.dynamodb.services.local.server.DynamoDBProxyServer;

/**
 * Starts AWS's DynamoDB Local listening on 127.0.0.1 only: its own launcher listens on every
 * interface, with no authentication, and has no option to change that. It takes DynamoDB Local's
 * own arguments. It also stops when its standard input closes, which happens when the process that
 * started it is gone, even one killed with SIGKILL: no DynamoDB Local outlives npm start.
 */
public final class LoopbackDynamoDbLocal {
  public static void main(String[] args) throws Exception {
    DynamoDBProxyServer proxy = ServerRunner.createServerFromCommandLineArgs(args);
    // DynamoDB Local keeps its Jetty server in a private field; its connectors bind when it starts.
    Field field = DynamoDBProxyServer.class.getDeclaredField("server");
    field.setAccessible(true);
    for (Connector connector : ((Server) field.get(proxy)).getConnectors()) {
      ((ServerConnector) connector).setHost("127.0.0.1");
    }
    proxy.start();
    while (System.in.read() != -1) {
      // Nothing is ever sent: the read returns -1 once the parent's end of the pipe is closed.
    }
    proxy.stop();
    System.exit(0);
  }
}
