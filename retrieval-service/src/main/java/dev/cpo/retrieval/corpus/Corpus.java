package dev.cpo.retrieval.corpus;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * An immutable, thread-safe set of corpus documents, with the documents servable at any instant and content hashes.
 *
 * <h2>Versions</h2>
 * <ul>
 * <li>{@link #version()}: a hash of every document (drafts and expired ones included): changes whenever any file's
 * content changes. It identifies the corpus as loaded.</li>
 * <li>{@link #versionAt(Instant)}: a hash of the documents servable at that instant: changes when a served document
 * changes, and when a document starts or stops being servable (approval takes effect, expiry). It identifies what a
 * search can return at that instant, so a cache keyed by it never serves a document past its expiry.</li>
 * </ul>
 * Both are the first 16 hexadecimal digits of a SHA-256 over the documents in id order, each written field by field
 * (id, title, category, sorted audience, paragraphs, approval); formatting of the JSON files does not count.
 */
public final class Corpus {

    private static final int VERSION_HEX_DIGITS = 16;

    private final List<CorpusDocument> documents;
    private final Map<String, CorpusDocument> byId;
    private final String version;
    /** The sorted, distinct instants at which the servable set may change. */
    private final Instant[] changePoints;
    /** versionAt per interval between change points, computed on first use. */
    private final ConcurrentMap<Integer, String> versionsByInterval = new ConcurrentHashMap<>();

    private Corpus(List<CorpusDocument> documents) {
        this.documents = List.copyOf(documents);
        Map<String, CorpusDocument> ids = new LinkedHashMap<>();
        for (CorpusDocument document : documents) {
            if (ids.put(document.id(), document) != null) {
                throw new IllegalArgumentException("duplicate document id: " + document.id());
            }
        }
        this.byId = Map.copyOf(ids);
        this.version = hash(documents);
        TreeSet<Instant> points = new TreeSet<>();
        for (CorpusDocument document : documents) {
            Approval approval = document.approval();
            if (approval.status() == ApprovalStatus.APPROVED) {
                points.add(approval.approvedAt());
                points.add(approval.expiresAt());
            }
        }
        this.changePoints = points.toArray(Instant[]::new);
    }

    /**
     * @param documents documents with distinct ids, already checked (as {@link CorpusLoader} does)
     * @return the corpus
     * @throws IllegalArgumentException when two documents share an id
     */
    public static Corpus of(List<CorpusDocument> documents) {
        return new Corpus(documents);
    }

    /** @return every document, servable or not, in index order */
    public List<CorpusDocument> documents() {
        return documents;
    }

    /**
     * @param id a document id
     * @return the document, servable or not
     */
    public Optional<CorpusDocument> document(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /**
     * @param instant a point in time
     * @return the documents that may be served at {@code instant}: approved, approval in effect, not expired
     */
    public List<CorpusDocument> servableAt(Instant instant) {
        List<CorpusDocument> servable = new ArrayList<>();
        for (CorpusDocument document : documents) {
            if (document.approval().servableAt(instant)) {
                servable.add(document);
            }
        }
        return List.copyOf(servable);
    }

    /** @return the hash of all documents' content */
    public String version() {
        return version;
    }

    /**
     * @param instant a point in time
     * @return the hash of the content of the documents servable at {@code instant}
     */
    public String versionAt(Instant instant) {
        int interval = interval(instant);
        return versionsByInterval.computeIfAbsent(interval, i -> hash(servableAt(instant)));
    }

    /**
     * @param instant a point in time
     * @return the first instant after {@code instant} at which a document starts or stops being servable, if any: the
     *         servable set and {@link #versionAt} cannot change before it
     */
    public Optional<Instant> nextChangeAfter(Instant instant) {
        int next = interval(instant);
        return next < changePoints.length ? Optional.of(changePoints[next]) : Optional.empty();
    }

    /** @return the number of documents, servable or not */
    public int size() {
        return documents.size();
    }

    /** The number of change points at or before {@code instant}: equal for instants with the same servable set. */
    private int interval(Instant instant) {
        int position = Arrays.binarySearch(changePoints, instant);
        return position >= 0 ? position + 1 : -position - 1;
    }

    private static String hash(Collection<CorpusDocument> documents) {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
        List<CorpusDocument> sorted = new ArrayList<>(documents);
        sorted.sort(Comparator.comparing(CorpusDocument::id));
        for (CorpusDocument document : sorted) {
            field(digest, "id", document.id());
            field(digest, "title", document.title());
            field(digest, "category", document.category());
            for (String tag : new TreeSet<>(document.audience())) {
                field(digest, "audience", tag);
            }
            for (String paragraph : document.paragraphs()) {
                field(digest, "paragraph", paragraph);
            }
            Approval approval = document.approval();
            field(digest, "status", approval.status().wireName());
            field(digest, "approvedBy", String.valueOf(approval.approvedBy()));
            field(digest, "approvedAt", String.valueOf(approval.approvedAt()));
            field(digest, "expiresAt", approval.expiresAt().toString());
        }
        return HexFormat.of().formatHex(digest.digest()).substring(0, VERSION_HEX_DIGITS);
    }

    /** Writes name, length and value, so that no two different documents write the same bytes. */
    private static void field(MessageDigest digest, String name, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        digest.update(name.getBytes(StandardCharsets.US_ASCII));
        digest.update((byte) ':');
        digest.update(Integer.toString(bytes.length).getBytes(StandardCharsets.US_ASCII));
        digest.update((byte) ':');
        digest.update(bytes);
    }
}
