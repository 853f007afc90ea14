package dev.cpo.generation.prompt;

/**
 * A prompt ready to send: the system message (rules, tone) and the user message (the snippets).
 *
 * @param system the system message
 * @param user the user message
 * @param version the prompt version it was rendered from
 */
public record RenderedPrompt(String system, String user, String version) {
}
