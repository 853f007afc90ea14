package dev.cpo.retrieval.search;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cpo.events.Segment;
import dev.cpo.events.SegmentFeatures;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The labeled relevance file {@code src/test/resources/relevance.json}: per segment, illustrative features and the
 * documents judged relevant, at one instant.
 *
 * @param evaluatedAt the instant the judgments hold at
 * @param k the rank cut-off of the precision asserted
 * @param cases one per segment (a segment may appear twice with different features)
 */
public record RelevanceJudgments(Instant evaluatedAt, int k, List<Case> cases) {

    /**
     * @param segment the segment
     * @param features illustrative features of a customer in it
     * @param relevant the ids of the relevant documents
     */
    public record Case(Segment segment, SegmentFeatures features, Set<String> relevant) {

        /** @return the segment id, with "(never purchased)" when the case has no order */
        public String name() {
            return segment.id() + (features.frequency() == 0 ? " (never purchased)" : "");
        }
    }

    /** @return the judgments in the test resources */
    public static RelevanceJudgments load() {
        try (InputStream in = RelevanceJudgments.class.getClassLoader().getResourceAsStream("relevance.json")) {
            JsonNode root = new ObjectMapper().readTree(in);
            List<Case> cases = new ArrayList<>();
            for (JsonNode c : root.get("cases")) {
                JsonNode s = c.get("segment");
                JsonNode f = c.get("features");
                Segment segment = new Segment(s.get("id").asText(), s.get("label").asText(), s.get("strategy").asText(),
                        s.get("modelVersion").asText());
                SegmentFeatures features = new SegmentFeatures(integer(f, "recencyDays"), f.get("frequency").asInt(),
                        new BigDecimal(f.get("monetary").asText()), integer(f, "daysSinceLastActivity"),
                        integer(f, "accountAgeDays"), f.hasNonNull("tier") ? f.get("tier").asText() : null, true);
                Set<String> relevant = new LinkedHashSet<>();
                c.get("relevant").forEach(id -> relevant.add(id.asText()));
                cases.add(new Case(segment, features, relevant));
            }
            return new RelevanceJudgments(Instant.parse(root.get("evaluatedAt").asText()), root.get("k").asInt(),
                    List.copyOf(cases));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Integer integer(JsonNode node, String field) {
        return node.hasNonNull(field) ? node.get(field).asInt() : null;
    }
}
