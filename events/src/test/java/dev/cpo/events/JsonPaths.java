package dev.cpo.events;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Paths into a JSON tree and copies of the tree with one node removed or replaced. */
final class JsonPaths {

    private JsonPaths() {
    }

    /** A path of object field names (String) and array indexes (Integer). */
    record Path(List<Object> segments) {

        Path child(Object segment) {
            List<Object> s = new ArrayList<>(segments);
            s.add(segment);
            return new Path(List.copyOf(s));
        }

        Object last() {
            return segments.get(segments.size() - 1);
        }

        Path parent() {
            return new Path(segments.subList(0, segments.size() - 1));
        }

        /** The form reasons use: {@code variants[0].verdict.decision}. */
        @Override
        public String toString() {
            StringBuilder b = new StringBuilder();
            for (Object s : segments) {
                if (s instanceof Integer i) {
                    b.append('[').append(i).append(']');
                } else {
                    if (b.length() > 0) {
                        b.append('.');
                    }
                    b.append(s);
                }
            }
            return b.toString();
        }
    }

    static final Path ROOT = new Path(List.of());

    /** Every node below the root, parents before children. */
    static List<Path> all(JsonNode root) {
        List<Path> paths = new ArrayList<>();
        collect(root, ROOT, paths);
        return paths;
    }

    private static void collect(JsonNode node, Path at, List<Path> out) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                Path child = at.child(e.getKey());
                out.add(child);
                collect(e.getValue(), child, out);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                Path child = at.child(i);
                out.add(child);
                collect(node.get(i), child, out);
            }
        }
    }

    static JsonNode get(JsonNode root, Path path) {
        JsonNode n = root;
        for (Object s : path.segments()) {
            n = s instanceof Integer i ? n.get(i) : n.get((String) s);
        }
        return n;
    }

    static JsonNode without(JsonNode root, Path path) {
        JsonNode copy = root.deepCopy();
        JsonNode parent = get(copy, path.parent());
        if (path.last() instanceof Integer i) {
            ((ArrayNode) parent).remove(i);
        } else {
            ((ObjectNode) parent).remove((String) path.last());
        }
        return copy;
    }

    static JsonNode replaced(JsonNode root, Path path, JsonNode value) {
        JsonNode copy = root.deepCopy();
        JsonNode parent = get(copy, path.parent());
        if (path.last() instanceof Integer i) {
            ((ArrayNode) parent).set(i, value);
        } else {
            ((ObjectNode) parent).set((String) path.last(), value);
        }
        return copy;
    }
}
