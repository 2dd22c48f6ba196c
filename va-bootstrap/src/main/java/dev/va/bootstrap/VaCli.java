package dev.va.bootstrap;

import com.google.inject.ConfigurationException;
import com.google.inject.CreationException;
import com.google.inject.Module;
import com.google.inject.ProvisionException;
import com.google.inject.spi.Message;
import dev.va.adapter.web.BuildInfo;
import dev.va.bootstrap.bench.BenchCommand;
import dev.va.bootstrap.config.ConfigException;
import dev.va.bootstrap.triage.ClassifierCommand;
import dev.va.bootstrap.triage.TriageCommand;
import java.time.Clock;
import java.util.Collection;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The {@code va} command line. Configuration comes from the environment (see README). */
@Command(
    name = "va",
    mixinStandardHelpOptions = true,
    versionProvider = VaCli.Version.class,
    description = "Engine for a virtual assistant: email triage, background jobs, data analysis.",
    subcommands = CommandLine.HelpCommand.class)
public final class VaCli implements Runnable {
  /** Exit code of a configuration error (and of any other usage error). */
  public static final int USAGE_ERROR = 2;
  /** The CLI's logging setup; a classpath resource not named logback.xml, so embedders keep their own. */
  static final String LOGBACK_CONFIGURATION = "dev/va/bootstrap/logback.xml";

  @Spec
  private CommandSpec spec;

  public static void main(String[] args) {
    // before the first logger exists; an explicit -Dlogback.configurationFile wins
    if (System.getProperty("logback.configurationFile") == null) {
      System.setProperty("logback.configurationFile", LOGBACK_CONFIGURATION);
    }
    SLF4JBridgeHandler.removeHandlersForRootLogger();
    SLF4JBridgeHandler.install();
    System.exit(commandLine(System.getenv(), UnaryOperator.identity()).execute(args));
  }

  /**
   * The command line over an environment.
   *
   * @param customize applied to each command's combined modules, e.g. to {@code Modules.override} a binding
   */
  public static CommandLine commandLine(Map<String, String> env, UnaryOperator<Module> customize) {
    CommandLine cli = new CommandLine(new VaCli())
        .addSubcommand(new ServerCommand(env, customize))
        .addSubcommand(new WorkerCommand(env, customize))
        .addSubcommand(new MigrateCommand(env, customize))
        .addSubcommand(new CommandLine(new KeysCommand()).addSubcommand(new KeysCommand.Rotate(env, customize)))
        .addSubcommand(BenchCommand.create(env))
        .addSubcommand(ClassifierCommand.commandLine(Clock.systemUTC()))
        .addSubcommand(new TriageCommand(Clock.systemUTC()));
    cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
      if (e instanceof ConfigException) {
        commandLine.getErr().println("va: " + e.getMessage());
        return USAGE_ERROR;
      }
      LoggerFactory.getLogger(VaCli.class).debug("{} failed", commandLine.getCommandName(), e);
      commandLine.getErr().println("va: " + firstLine(e));
      return 1;
    });
    return cli;
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "a command is required");
  }

  private static String firstLine(Exception e) {
    String message = guiceMessage(e);
    if (message == null || message.isBlank()) return e.getClass().getSimpleName();
    return message.strip().lines().findFirst().orElse(message);
  }

  /** Guice's own message is a multi-line report; its first error says what is wrong. */
  private static String guiceMessage(Exception e) {
    Collection<Message> errors;
    if (e instanceof ConfigurationException c) errors = c.getErrorMessages();
    else if (e instanceof CreationException c) errors = c.getErrorMessages();
    else if (e instanceof ProvisionException p) errors = p.getErrorMessages();
    else return e.getMessage();
    return errors.isEmpty() ? e.getMessage() : errors.iterator().next().getMessage();
  }

  /** {@code va --version}. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"va " + BuildInfo.version()};
    }
  }
}
