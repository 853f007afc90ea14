package dev.cpo.generation.generate;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Function;

/** A generator that answers from a script, and records every request it was given. */
final class ScriptedGenerator implements VariantGenerator {

    final List<GenerationRequest> requests = new ArrayList<>();
    private final Deque<Function<GenerationRequest, GenerationOutcome>> script = new ArrayDeque<>();
    private final Function<GenerationRequest, GenerationOutcome> otherwise;
    private final String model;

    ScriptedGenerator(Function<GenerationRequest, GenerationOutcome> otherwise) {
        this(otherwise, "scripted-1");
    }

    ScriptedGenerator(Function<GenerationRequest, GenerationOutcome> otherwise, String model) {
        this.otherwise = otherwise;
        this.model = model;
    }

    ScriptedGenerator then(Function<GenerationRequest, GenerationOutcome> answer) {
        script.add(answer);
        return this;
    }

    @Override
    public String provider() {
        return "scripted";
    }

    @Override
    public String model() {
        return model;
    }

    @Override
    public GenerationOutcome generate(GenerationRequest request) {
        requests.add(request);
        Function<GenerationRequest, GenerationOutcome> answer = script.isEmpty() ? otherwise : script.poll();
        return answer.apply(request);
    }

    /** A valid draft citing the first snippet: 160 words. */
    static GenerationOutcome valid(GenerationRequest request) {
        var snippet = request.snippets().get(0);
        String sentence = "Trail Club members get a birthday voucher every year [1]. ";
        String filler = "We would love to see you again soon in one of our stores or online. ";
        StringBuilder body = new StringBuilder(sentence);
        while (VariantValidator.wordCount(body.toString()) < 150) {
            body.append(filler);
        }
        return new GenerationOutcome.Draft(request.tone().wireName() + " news for you", body.toString().strip(),
                List.of(new DraftCitation(1, snippet.documentId(), snippet.paragraphIndex())), new Usage(400, 250),
                12);
    }

    /** A draft whose only citation points at a snippet that was not provided. */
    static GenerationOutcome citesUnknownSnippet(GenerationRequest request) {
        GenerationOutcome.Draft draft = (GenerationOutcome.Draft) valid(request);
        return new GenerationOutcome.Draft(draft.subject(), draft.body(),
                List.of(new DraftCitation(1, "invented-document", 0)), draft.usage(), draft.latencyMillis());
    }
}
