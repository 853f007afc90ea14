package dev.cpo.rest;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * The body of every error answer: the HTTP status and a message a person can act on.
 *
 * @param status the HTTP status code
 * @param error what went wrong
 */
public record ApiError(int status, String error) {

    /** @return an error answer with this status and message */
    public static Response response(Response.Status status, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ApiError(status.getStatusCode(), message)).build();
    }

    /** Turns JAX-RS errors (404, 400, 405, ...) into {@link ApiError} bodies. */
    @Provider
    public static class Mapper implements ExceptionMapper<WebApplicationException> {

        @Override
        public Response toResponse(WebApplicationException e) {
            Response original = e.getResponse();
            String message = e.getMessage() == null ? original.getStatusInfo().getReasonPhrase() : e.getMessage();
            return Response.fromResponse(original).type(MediaType.APPLICATION_JSON_TYPE)
                    .entity(new ApiError(original.getStatus(), message)).build();
        }
    }
}
