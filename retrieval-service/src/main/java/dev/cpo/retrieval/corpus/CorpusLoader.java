package dev.cpo.retrieval.corpus;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Loads a corpus: an index file {@code index.json}, {@code {"documents": ["a.json", "b.json", ...]}}, and one JSON
 * file per document next to it (an index, because a directory inside a jar cannot be listed). Every document is
 * checked against the rules of {@code corpus/document.schema.json}; any violation fails the whole load with an
 * {@link InvalidCorpusException} that lists every problem with its file and field. Thread-safe (stateless).
 */
public final class CorpusLoader {

    /** The classpath location of the corpus shipped with the service. */
    public static final String DEFAULT_INDEX = "corpus/index.json";

    private static final Pattern FILE_NAME = Pattern.compile(DocumentReader.ID.pattern() + "\\.json");

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private CorpusLoader() {
    }

    /**
     * @return the corpus shipped with the service ({@value #DEFAULT_INDEX} on the classpath)
     * @throws InvalidCorpusException when a document breaks the rules or a listed file is missing
     */
    public static Corpus fromClasspath() {
        return fromClasspath(DEFAULT_INDEX);
    }

    /**
     * Reads through the thread's context class loader (where an application server puts the application's resources),
     * or this class's loader when there is none.
     *
     * @param indexResource the classpath resource of the index file, e.g. {@code corpus/index.json}; documents are
     *        resolved next to it
     * @return the corpus
     * @throws InvalidCorpusException when a document breaks the rules or a listed file is missing
     */
    public static Corpus fromClasspath(String indexResource) {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        ClassLoader loader = context != null ? context : CorpusLoader.class.getClassLoader();
        int slash = indexResource.lastIndexOf('/');
        String base = slash < 0 ? "" : indexResource.substring(0, slash + 1);
        return load(indexResource, base, name -> {
            try (InputStream in = loader.getResourceAsStream(name)) {
                return in == null ? null : in.readAllBytes();
            }
        });
    }

    /**
     * @param directory a directory holding {@code index.json} and the document files (e.g. a mounted volume)
     * @return the corpus; snippet sources read {@code <directory name>/<file>}
     * @throws InvalidCorpusException when a document breaks the rules or a listed file is missing
     */
    public static Corpus fromDirectory(Path directory) {
        Path name = directory.toAbsolutePath().normalize().getFileName();
        String base = name == null ? "" : name + "/";
        return load(base + "index.json", base, resource -> {
            try {
                return Files.readAllBytes(directory.resolve(resource.substring(base.length())));
            } catch (NoSuchFileException e) {
                return null;
            }
        });
    }

    /**
     * Parses and checks one document file.
     *
     * @param source the name used in messages and carried on snippets, e.g. {@code corpus/x.json}
     * @param json the file's bytes (UTF-8)
     * @return the document
     * @throws InvalidCorpusException listing every problem of the document
     */
    public static CorpusDocument parseDocument(String source, byte[] json) {
        List<String> problems = new ArrayList<>();
        CorpusDocument document = parse(source, json, problems);
        if (!problems.isEmpty()) {
            throw new InvalidCorpusException(problems);
        }
        return document;
    }

    private static CorpusDocument parse(String source, byte[] json, List<String> problems) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            problems.add(source + ": not valid JSON: " + e.getOriginalMessage());
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (root == null || root.isMissingNode()) {
            problems.add(source + ": the file is empty");
            return null;
        }
        return DocumentReader.read(source, root, problems);
    }

    private static Corpus load(String indexName, String base, Reader reader) {
        List<String> files = index(indexName, read(reader, indexName));
        List<String> problems = new ArrayList<>();
        List<CorpusDocument> documents = new ArrayList<>();
        for (String file : files) {
            String source = base + file;
            byte[] bytes = read(reader, source);
            if (bytes == null) {
                problems.add(indexName + ": lists '" + file + "', which does not exist");
                continue;
            }
            CorpusDocument document = parse(source, bytes, problems);
            if (document != null) {
                String expected = file.substring(0, file.length() - ".json".length());
                if (!document.id().equals(expected)) {
                    problems.add(source + ": field 'id' must equal the file name without .json, '" + expected + "'");
                } else {
                    documents.add(document);
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidCorpusException(problems);
        }
        return Corpus.of(documents);
    }

    private static List<String> index(String indexName, byte[] bytes) {
        if (bytes == null) {
            throw new InvalidCorpusException(List.of(indexName + ": the index file does not exist"));
        }
        JsonNode root;
        try {
            root = JSON.readTree(bytes);
        } catch (IOException e) {
            throw new InvalidCorpusException(indexName + ": not valid JSON", e);
        }
        JsonNode list = root == null ? null : root.get("documents");
        if (list == null || !list.isArray() || list.isEmpty()) {
            throw new InvalidCorpusException(List.of(indexName
                    + ": must be an object with a non-empty array 'documents' of file names"));
        }
        List<String> problems = new ArrayList<>();
        List<String> files = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode item = list.get(i);
            if (!item.isTextual() || !FILE_NAME.matcher(item.textValue()).matches()) {
                problems.add(indexName + ": field 'documents[" + i
                        + "]' must be a file name like 'we-miss-you-20.json' (lower-case words joined by hyphens)");
            } else if (!seen.add(item.textValue())) {
                problems.add(indexName + ": field 'documents[" + i + "]' lists '" + item.textValue() + "' twice");
            } else {
                files.add(item.textValue());
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidCorpusException(problems);
        }
        return files;
    }

    private static byte[] read(Reader reader, String name) {
        try {
            return reader.read(name);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + name, e);
        }
    }

    @FunctionalInterface
    private interface Reader {
        /** @return the resource's bytes, or null when it does not exist */
        byte[] read(String name) throws IOException;
    }
}
