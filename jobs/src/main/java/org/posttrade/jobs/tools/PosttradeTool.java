package org.posttrade.jobs.tools;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.posttrade.jobs.config.JobConfig;

/**
 * The jobs' tooling, run with the job jar on a plain JVM (no Flink needed):
 * <pre>
 *   java -cp posttrade-jobs.jar org.posttrade.jobs.tools.PosttradeTool setup [--key value ...]
 *   ... PosttradeTool topics | schemas | migrate | config-reference
 * </pre>
 * Takes the same settings as the jobs (see README), so it points wherever the jobs point.
 */
public final class PosttradeTool {
    private PosttradeTool() {}

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            System.err.println("usage: PosttradeTool setup|topics|schemas|migrate|config-reference [--key value ...]");
            System.exit(2);
        }
        String command = args[0];
        JobConfig config = JobConfig.fromArgs(Arrays.copyOfRange(args, 1, args.length));
        switch (command) {
            case "setup" -> {
                topics(config);
                schemas(config);
                migrate(config);
            }
            case "topics" -> topics(config);
            case "schemas" -> schemas(config);
            case "migrate" -> migrate(config);
            case "config-reference" -> System.out.print(ConfigReference.markdown());
            default -> {
                System.err.println("unknown command " + command);
                System.exit(2);
            }
        }
    }

    private static void topics(JobConfig config) throws Exception {
        List<String> created = TopicSetup.createMissing(config,
                config.get(org.posttrade.jobs.config.PipelineOptions.KAFKA_REPLICATION_FACTOR).shortValue());
        System.out.println("topics: created " + (created.isEmpty() ? "none (all exist)" : created));
    }

    private static void schemas(JobConfig config) {
        Map<String, Integer> ids = SchemaSetup.registerAll(config);
        System.out.println("schemas: registered " + ids);
    }

    private static void migrate(JobConfig config) throws Exception {
        List<String> applied = MigrationSetup.apply(config);
        System.out.println("clickhouse migrations: applied " + (applied.isEmpty() ? "none (up to date)" : applied));
    }
}
