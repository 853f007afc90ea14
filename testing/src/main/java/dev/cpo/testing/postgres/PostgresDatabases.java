package dev.cpo.testing.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Objects;
import java.util.Properties;

/**
 * JDBC helpers for any PostgreSQL server: URLs, connections, idempotent database creation.
 */
public final class PostgresDatabases {

    private PostgresDatabases() {
    }

    /**
     * A JDBC URL.
     *
     * @param host the host
     * @param port the port
     * @param database the database
     * @return {@code jdbc:postgresql://host:port/database}
     */
    public static String jdbcUrl(String host, int port, String database) {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    /**
     * Opens a connection without going through {@code DriverManager} (which may not see the driver from a Quarkus
     * class loader).
     *
     * @param jdbcUrl the database's URL
     * @param username the user
     * @param password the password
     * @return a new connection
     * @throws SQLException if the connection fails
     */
    public static Connection connect(String jdbcUrl, String username, String password) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", username);
        properties.setProperty("password", password);
        Connection connection = new org.postgresql.Driver().connect(jdbcUrl, properties);
        if (connection == null) {
            throw new SQLException("Not a PostgreSQL JDBC URL: " + jdbcUrl);
        }
        return connection;
    }

    /**
     * Creates a database unless it exists.
     *
     * @param serverJdbcUrl the URL of a database that exists on the server, e.g. {@code .../postgres}
     * @param username a user allowed to create databases
     * @param password its password
     * @param name the database to create (any characters; it is quoted)
     * @throws IllegalStateException if it could not be created
     */
    public static void create(String serverJdbcUrl, String username, String password, String name) {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("database name must not be blank");
        }
        try (Connection connection = connect(serverJdbcUrl, username, password)) {
            try (PreparedStatement exists = connection.prepareStatement(
                    "SELECT 1 FROM pg_database WHERE datname = ?")) {
                exists.setString(1, name);
                try (ResultSet rows = exists.executeQuery()) {
                    if (rows.next()) {
                        return;
                    }
                }
            }
            try (Statement create = connection.createStatement()) {
                create.execute("CREATE DATABASE \"" + name.replace("\"", "\"\"") + "\"");
            } catch (SQLException e) {
                if (!"42P04".equals(e.getSQLState())) {
                    throw e;
                }
                // duplicate_database: created concurrently, fine.
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create database " + name + " via " + serverJdbcUrl + ": " + e,
                    e);
        }
    }
}
