package dev.cpo.testing;

import java.lang.reflect.Method;
import java.util.List;

import org.jboss.logging.Logger;

/**
 * The pipeline's topics and their dead-letter topics, as {@code dev.cpo.events.Topics.allWithDeadLetters()} defines
 * them.
 *
 * <p>
 * Looked up reflectively so that cpo-testing does not depend on cpo-events (which may itself want cpo-testing for its
 * tests): every service has cpo-events on its classpath, so the canonical list is used. The fallback below is for
 * this module's own tests and LocalInfra run without cpo-events.
 */
final class PipelineTopics {

    private static final Logger LOG = Logger.getLogger(PipelineTopics.class);

    // TODO keep in step with dev.cpo.events.Topics (or depend on cpo-events directly if no cycle arises).
    private static final List<String> FALLBACK = List.of("customers", "segments", "content", "variants", "screened",
            "assignments", "engagement", "customers-dlq", "segments-dlq", "content-dlq", "variants-dlq",
            "screened-dlq", "assignments-dlq", "engagement-dlq", "safety-audit", "assignment-skips",
            "experiment-metrics");

    private PipelineTopics() {
    }

    /**
     * The pipeline topics followed by their dead-letter topics.
     *
     * @return topic names
     */
    static List<String> all() {
        for (ClassLoader loader : new ClassLoader[]{Thread.currentThread().getContextClassLoader(),
                PipelineTopics.class.getClassLoader()}) {
            if (loader == null) {
                continue;
            }
            try {
                Method method = Class.forName("dev.cpo.events.Topics", true, loader).getMethod("allTopics");
                @SuppressWarnings("unchecked")
                List<String> topics = (List<String>) method.invoke(null);
                return List.copyOf(topics);
            } catch (ClassNotFoundException e) {
                // try the next loader, then the fallback
            } catch (ReflectiveOperationException | RuntimeException e) {
                LOG.warnf("dev.cpo.events.Topics.allTopics() failed (%s); using the built-in topic list", e);
                break;
            }
        }
        return FALLBACK;
    }
}
