/**
 * The local grounded generator: the default {@link dev.cpo.generation.generate.VariantGenerator}, with no network and
 * no model. {@link dev.cpo.generation.local.LocalGroundedGenerator} composes each variant deterministically from the
 * approved snippets' own sentences, each cited with its marker, joined by tone-specific connective wording that states
 * no facts. Plain Java, no framework.
 */
package dev.cpo.generation.local;
