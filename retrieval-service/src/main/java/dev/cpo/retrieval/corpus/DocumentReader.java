package dev.cpo.retrieval.corpus;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Turns one parsed JSON document into a {@link CorpusDocument}, checking the rules of
 * {@code corpus/document.schema.json} and collecting every problem with its file and field.
 */
final class DocumentReader {

    static final Pattern ID = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

    private static final Set<String> FIELDS = Set.of("id", "title", "category", "audience", "paragraphs",
            "approval");
    private static final Set<String> APPROVAL_FIELDS = Set.of("status", "approvedBy", "approvedAt", "expiresAt");

    private final String source;
    private final List<String> problems;

    private DocumentReader(String source, List<String> problems) {
        this.source = source;
        this.problems = problems;
    }

    /**
     * @param source the file name used in messages and carried on snippets, e.g. {@code corpus/x.json}
     * @param root the parsed JSON
     * @param problems where problems are added
     * @return the document, or null when there were problems
     */
    static CorpusDocument read(String source, JsonNode root, List<String> problems) {
        return new DocumentReader(source, problems).read(root);
    }

    private CorpusDocument read(JsonNode root) {
        int before = problems.size();
        if (!root.isObject()) {
            problem("the document must be a JSON object");
            return null;
        }
        unknownFields(root, FIELDS, "");
        String id = text(root, "id");
        if (id != null && (!ID.matcher(id).matches() || id.length() > CorpusVocabulary.MAX_ID_LENGTH)) {
            problem("field 'id' must be lower-case letters and digits in words joined by hyphens, at most "
                    + CorpusVocabulary.MAX_ID_LENGTH + " characters");
        }
        String title = text(root, "title");
        if (title != null && title.length() > CorpusVocabulary.MAX_TITLE_LENGTH) {
            problem("field 'title' must be at most " + CorpusVocabulary.MAX_TITLE_LENGTH + " characters");
        }
        String category = text(root, "category");
        if (category != null && !CorpusVocabulary.CATEGORIES.contains(category)) {
            problem("field 'category' must be one of " + new TreeSet<>(CorpusVocabulary.CATEGORIES) + " (got '"
                    + category + "')");
        }
        List<String> audience = audience(root);
        List<String> paragraphs = paragraphs(root);
        Approval approval = approval(root);
        if (problems.size() > before) {
            return null;
        }
        return new CorpusDocument(id, title, category, audience, paragraphs, approval, source);
    }

    private List<String> audience(JsonNode root) {
        JsonNode node = present(root, "audience");
        if (node == null) {
            return List.of();
        }
        if (!node.isArray() || node.isEmpty()) {
            problem("field 'audience' must be a non-empty array of audience tags");
            return List.of();
        }
        Set<String> tags = new LinkedHashSet<>();
        for (int i = 0; i < node.size(); i++) {
            String field = "audience[" + i + "]";
            JsonNode item = node.get(i);
            if (!item.isTextual() || !CorpusVocabulary.AUDIENCES.contains(item.textValue())) {
                problem("field '" + field + "' must be one of " + new TreeSet<>(CorpusVocabulary.AUDIENCES)
                        + (item.isTextual() ? " (got '" + item.textValue() + "')" : ""));
            } else if (!tags.add(item.textValue())) {
                problem("field '" + field + "' repeats '" + item.textValue() + "'");
            }
        }
        return List.copyOf(tags);
    }

    private List<String> paragraphs(JsonNode root) {
        JsonNode node = present(root, "paragraphs");
        if (node == null) {
            return List.of();
        }
        if (!node.isArray() || node.size() < CorpusVocabulary.MIN_PARAGRAPHS
                || node.size() > CorpusVocabulary.MAX_PARAGRAPHS) {
            problem("field 'paragraphs' must be an array of " + CorpusVocabulary.MIN_PARAGRAPHS + " to "
                    + CorpusVocabulary.MAX_PARAGRAPHS + " paragraphs");
            return List.of();
        }
        List<String> paragraphs = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            String field = "paragraphs[" + i + "]";
            JsonNode item = node.get(i);
            if (!item.isTextual() || item.textValue().isBlank()) {
                problem("field '" + field + "' must be a non-blank string");
                continue;
            }
            String paragraph = item.textValue().strip();
            int words = CorpusVocabulary.words(paragraph);
            if (words > CorpusVocabulary.MAX_PARAGRAPH_WORDS) {
                problem("field '" + field + "' has " + words + " words, at most "
                        + CorpusVocabulary.MAX_PARAGRAPH_WORDS + " are allowed");
            }
            paragraphs.add(paragraph);
        }
        return paragraphs;
    }

    private Approval approval(JsonNode root) {
        JsonNode node = present(root, "approval");
        if (node == null) {
            return null;
        }
        if (!node.isObject()) {
            problem("field 'approval' must be an object");
            return null;
        }
        unknownFields(node, APPROVAL_FIELDS, "approval.");
        int before = problems.size();
        ApprovalStatus status = null;
        String statusText = text(node, "approval.status", "status");
        if (statusText != null) {
            try {
                status = ApprovalStatus.valueOf(statusText.toUpperCase(Locale.ROOT));
                if (!status.wireName().equals(statusText)) {
                    throw new IllegalArgumentException(statusText);
                }
            } catch (IllegalArgumentException e) {
                problem("field 'approval.status' must be 'approved' or 'draft' (got '" + statusText + "')");
            }
        }
        boolean approved = status == ApprovalStatus.APPROVED;
        String approvedBy = approved
                ? text(node, "approval.approvedBy", "approvedBy")
                : optionalText(node, "approval.approvedBy", "approvedBy");
        Instant approvedAt = approved
                ? instant(node, "approval.approvedAt", "approvedAt", true)
                : instant(node, "approval.approvedAt", "approvedAt", false);
        Instant expiresAt = instant(node, "approval.expiresAt", "expiresAt", true);
        if (approvedAt != null && expiresAt != null && !approvedAt.isBefore(expiresAt)) {
            problem("field 'approval.expiresAt' must be after 'approval.approvedAt'");
        }
        if (problems.size() > before || status == null) {
            return null;
        }
        return new Approval(status, approvedBy, approvedAt, expiresAt);
    }

    private Instant instant(JsonNode parent, String path, String name, boolean required) {
        String value = required ? text(parent, path, name) : optionalText(parent, path, name);
        if (value == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            problem("field '" + path + "' must be an ISO-8601 timestamp with offset, e.g. 2026-10-05T09:00:00Z (got '"
                    + value + "')");
            return null;
        }
    }

    private String text(JsonNode parent, String name) {
        return text(parent, name, name);
    }

    /** A required non-blank string. */
    private String text(JsonNode parent, String path, String name) {
        JsonNode node = present(parent, path, name);
        if (node == null) {
            return null;
        }
        return string(node, path);
    }

    private String optionalText(JsonNode parent, String path, String name) {
        JsonNode node = parent.get(name);
        if (node == null || node.isNull()) {
            return null;
        }
        return string(node, path);
    }

    private String string(JsonNode node, String path) {
        if (!node.isTextual() || node.textValue().isBlank()) {
            problem("field '" + path + "' must be a non-blank string");
            return null;
        }
        return node.textValue().strip();
    }

    private JsonNode present(JsonNode parent, String name) {
        return present(parent, name, name);
    }

    /** Null counts as absent. */
    private JsonNode present(JsonNode parent, String path, String name) {
        JsonNode node = parent.get(name);
        if (node == null || node.isNull()) {
            problem("missing required field '" + path + "'");
            return null;
        }
        return node;
    }

    private void unknownFields(JsonNode object, Set<String> known, String prefix) {
        for (Iterator<String> names = object.fieldNames(); names.hasNext();) {
            String name = names.next();
            if (!known.contains(name)) {
                problem("unknown field '" + prefix + name + "' (allowed: " + new TreeSet<>(known) + ")");
            }
        }
    }

    private void problem(String message) {
        problems.add(source + ": " + message);
    }
}
