package dev.cpo.generation.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cpo.events.Segment;
import dev.cpo.events.Snippet;
import dev.cpo.events.Tone;
import dev.cpo.generation.generate.GenerationOutcome;
import dev.cpo.generation.generate.GenerationRequest;
import dev.cpo.generation.local.LocalGroundedGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Average time of one {@link LocalGroundedGenerator#generate} call for a four-snippet request, one thread. Each
 * operation writes one variant of a different request, cycling through 256 of them: every paragraph of the real
 * approved corpus in turn as the best snippet followed by the next three paragraphs, for the segments of the three
 * segmentation strategies, in every tone. Target: well under 1 ms per variant.
 *
 * <p>Run: {@code ./mvnw -q -pl generation-service -Pbench test-compile exec:exec@jmh} (one fork, 2 warm-up and 3
 * measured iterations of 1 s; other JMH options in {@code -Dbench.args}). The corpus is read from
 * {@code retrieval-service/src/main/resources/corpus}, found by walking up from the working directory; elsewhere name
 * it with {@code -jvmArgsAppend -Dcpo.corpus.path=/path/to/corpus} in {@code -Dbench.args}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
@Threads(1)
@State(Scope.Thread)
public class LocalGeneratorBenchmark {

    private static final int MASK = (1 << 8) - 1;
    private static final List<Segment> SEGMENTS = List.of(
            new Segment("rfm-champions", "Champions", "rfm", "rfm-bench"),
            new Segment("rfm-at-risk", "At Risk", "rfm", "rfm-bench"),
            new Segment("kmeans-lapsed-occasional-low-spend", "Lapsed Occasional Low-Spend", "kmeans", "kmeans-bench"),
            new Segment("lifecycle-new", "New", "lifecycle", "lifecycle-bench"));

    private LocalGroundedGenerator generator;
    private GenerationRequest[] requests;
    private int next;

    /** Loads the corpus and builds the requests once per fork. */
    @Setup
    public void setUp() {
        List<Snippet> paragraphs = corpusParagraphs();
        requests = new GenerationRequest[MASK + 1];
        Tone[] tones = Tone.values();
        for (int i = 0; i < requests.length; i++) {
            List<Snippet> snippets = new ArrayList<>(4);
            for (int j = 0; j < 4; j++) {
                Snippet p = paragraphs.get((i + j) % paragraphs.size());
                snippets.add(new Snippet(p.documentId(), p.title(), p.paragraphIndex(), p.text(), 0.9 - 0.1 * j,
                        p.source()));
            }
            requests[i] = GenerationRequest.first(SEGMENTS.get(i % SEGMENTS.size()), snippets, tones[i % tones.length]);
        }
        generator = new LocalGroundedGenerator();
    }

    /** @return one four-snippet variant */
    @Benchmark
    public GenerationOutcome generateFourSnippets() {
        return generator.generate(requests[next++ & MASK]);
    }

    private static List<Snippet> corpusParagraphs() {
        Path folder = corpusFolder();
        ObjectMapper json = new ObjectMapper();
        List<Snippet> paragraphs = new ArrayList<>();
        try {
            for (JsonNode file : json.readTree(folder.resolve("index.json").toFile()).get("documents")) {
                JsonNode document = json.readTree(Files.readString(folder.resolve(file.asText())));
                JsonNode texts = document.get("paragraphs");
                for (int p = 0; p < texts.size(); p++) {
                    paragraphs.add(new Snippet(document.get("id").asText(), document.get("title").asText(), p,
                            texts.get(p).asText(), 1.0, file.asText()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return paragraphs;
    }

    private static Path corpusFolder() {
        String configured = System.getProperty("cpo.corpus.path");
        if (configured != null) {
            return Path.of(configured);
        }
        Path relative = Path.of("retrieval-service", "src", "main", "resources", "corpus");
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve(relative).resolve("index.json"))) {
                return dir.resolve(relative);
            }
        }
        throw new IllegalStateException("corpus not found above " + Path.of("").toAbsolutePath()
                + "; set -Dcpo.corpus.path");
    }
}
