package dev.cpo.rest;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Guards {@link AdminOnly} endpoints with a shared bearer token, {@code CPO_ADMIN_TOKEN} (from a Kubernetes Secret in
 * production). Without a configured token the admin endpoints are closed (403); a missing or wrong token is 401.
 * The comparison takes constant time.
 */
@Provider
@AdminOnly
@Priority(Priorities.AUTHENTICATION)
public class AdminTokenFilter implements ContainerRequestFilter {

    private static final String BEARER = "Bearer ";

    private final Optional<String> token;

    AdminTokenFilter(@ConfigProperty(name = "cpo.admin-token") Optional<String> token) {
        this.token = token.filter(t -> !t.isBlank());
    }

    @Override
    public void filter(ContainerRequestContext request) {
        if (token.isEmpty()) {
            request.abortWith(ApiError.response(Response.Status.FORBIDDEN,
                    "admin endpoints are disabled: set CPO_ADMIN_TOKEN to enable them"));
            return;
        }
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        String given = header != null && header.startsWith(BEARER) ? header.substring(BEARER.length()).trim() : "";
        if (!MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8),
                token.get().getBytes(StandardCharsets.UTF_8))) {
            request.abortWith(Response.fromResponse(ApiError.response(Response.Status.UNAUTHORIZED,
                    "a valid admin token is required: Authorization: Bearer <CPO_ADMIN_TOKEN>"))
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").build());
        }
    }
}
