package dev.cpo.generation.prompt;

import dev.cpo.events.Snippet;
import dev.cpo.events.Tone;
import dev.cpo.generation.generate.GenerationRequest;
import dev.cpo.generation.generate.VariantLimits;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The prompt templates, kept as files: {@code system.txt} (rules and output format), {@code user.txt} (the snippets)
 * and one {@code tone-<tone>.txt} per tone, with {@code prompt.properties} declaring their version. Variables are
 * written {@code {{name}}}; an unknown variable fails loading, so a typo never reaches a model. PROMPTS.md lists them.
 */
public final class PromptTemplates {

    /** The variables a template may use. */
    public static final Set<String> VARIABLES = Set.of("segment_id", "segment_label", "tone", "tone_instructions",
            "snippets", "citation_format", "subject_max_chars", "body_min_words", "body_max_words", "feedback");

    private static final Pattern VARIABLE = Pattern.compile("\\{\\{([a-z_]+)}}");
    private static final String CLASSPATH_ROOT = "prompts/";

    private final String system;
    private final String user;
    private final Map<Tone, String> toneInstructions;
    private final String version;

    private PromptTemplates(Function<String, String> files) {
        Properties manifest = new Properties();
        try {
            manifest.load(new StringReader(files.apply("prompt.properties")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String declared = manifest.getProperty("version", "").trim();
        if (declared.isEmpty()) {
            throw new IllegalStateException("prompt.properties must declare a version");
        }
        Map<String, String> texts = new LinkedHashMap<>();
        texts.put("system.txt", files.apply("system.txt"));
        texts.put("user.txt", files.apply("user.txt"));
        this.toneInstructions = new EnumMap<>(Tone.class);
        for (Tone tone : Tone.values()) {
            String name = "tone-" + tone.wireName() + ".txt";
            texts.put(name, files.apply(name));
            toneInstructions.put(tone, texts.get(name).strip());
        }
        texts.forEach(PromptTemplates::checkVariables);
        this.system = texts.get("system.txt");
        this.user = texts.get("user.txt");
        this.version = "v" + declared + "-" + digest(texts);
    }

    /** @return the templates shipped in the jar */
    public static PromptTemplates fromClasspath() {
        return new PromptTemplates(name -> {
            try (InputStream in = PromptTemplates.class.getClassLoader().getResourceAsStream(CLASSPATH_ROOT + name)) {
                if (in == null) {
                    throw new IllegalStateException("missing prompt template " + CLASSPATH_ROOT + name);
                }
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /**
     * @param directory a directory holding the same files as the jar's {@code prompts/}
     * @return its templates
     */
    public static PromptTemplates fromDirectory(Path directory) {
        return new PromptTemplates(name -> {
            try {
                return Files.readString(directory.resolve(name), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new IllegalStateException("cannot read prompt template " + directory.resolve(name), e);
            }
        });
    }

    /** @return "v&lt;declared&gt;-&lt;8 hex of the templates' SHA-256&gt;" */
    public String version() {
        return version;
    }

    /**
     * @param request what to write
     * @return the system and user messages for it
     */
    public RenderedPrompt render(GenerationRequest request) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("segment_id", request.segment().id());
        values.put("segment_label", request.segment().label());
        values.put("tone", request.tone().wireName());
        values.put("tone_instructions", toneInstructions.get(request.tone()));
        values.put("snippets", snippetBlock(request));
        values.put("citation_format", "[n], where n is the snippet's number");
        values.put("subject_max_chars", Integer.toString(VariantLimits.SUBJECT_MAX_CHARS));
        values.put("body_min_words", Integer.toString(VariantLimits.BODY_MIN_WORDS));
        values.put("body_max_words", Integer.toString(VariantLimits.BODY_MAX_WORDS));
        values.put("feedback", request.feedback()
                .map(reason -> "\nYour previous answer was rejected: " + reason
                        + ". Write a new answer that follows every rule.")
                .orElse(""));
        return new RenderedPrompt(substitute(system, values), substitute(user, values), version);
    }

    private static String snippetBlock(GenerationRequest request) {
        StringBuilder block = new StringBuilder();
        int number = 1;
        for (Snippet snippet : request.snippets()) {
            block.append('[').append(number++).append("] ").append(snippet.title()).append(" (documentId ")
                    .append(snippet.documentId()).append(", paragraphIndex ").append(snippet.paragraphIndex())
                    .append(")\n").append(snippet.text().strip()).append("\n\n");
        }
        return block.toString().stripTrailing();
    }

    private static String substitute(String template, Map<String, String> values) {
        Matcher matcher = VARIABLE.matcher(template);
        StringBuilder out = new StringBuilder(template.length() + 1024);
        while (matcher.find()) {
            matcher.appendReplacement(out, Matcher.quoteReplacement(values.get(matcher.group(1))));
        }
        matcher.appendTail(out);
        return out.toString().strip();
    }

    private static void checkVariables(String name, String text) {
        Set<String> unknown = new TreeSet<>();
        Matcher matcher = VARIABLE.matcher(text);
        while (matcher.find()) {
            if (!VARIABLES.contains(matcher.group(1))) {
                unknown.add(matcher.group(1));
            }
        }
        if (!unknown.isEmpty()) {
            throw new IllegalStateException("prompt template " + name + " uses unknown variables " + unknown
                    + "; known: " + new TreeSet<>(VARIABLES));
        }
    }

    private static String digest(Map<String, String> texts) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            texts.forEach((name, text) -> {
                sha.update(name.getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
                sha.update(text.getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
            });
            return HexFormat.of().formatHex(sha.digest()).substring(0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
