package dev.cpo.experiment.assignment;

import dev.cpo.events.Decision;
import dev.cpo.events.GenerationMetadata;
import dev.cpo.events.ScreenedVariant;
import dev.cpo.events.Tone;
import dev.cpo.events.Variant;
import dev.cpo.events.Verdict;
import java.math.BigDecimal;
import java.util.List;

/** Test data. */
final class Fixtures {

    private Fixtures() {
    }

    static ScreenedVariant screened(String id, Tone tone, boolean valid, Decision decision) {
        GenerationMetadata generation = new GenerationMetadata("fake", "fake-model", "p1", 10, 20, BigDecimal.ZERO,
                5);
        Variant variant = new Variant(id, tone, valid ? "Subject " + id : "", valid ? "Body " + id : "", List.of(),
                generation, valid, valid ? null : "format");
        Verdict verdict = new Verdict(decision, null, null, "local-rules", "v1", null);
        return new ScreenedVariant(variant, verdict);
    }
}
