-- One database per service that stores state; retrieval-service and engagement-simulator have none.
-- Run once by the postgres image on an empty data volume (docker-entrypoint-initdb.d), as the POSTGRES_USER,
-- who then owns all four. Each service's Flyway migrations create its schema at start-up.
CREATE DATABASE segmentation;
CREATE DATABASE generation;
CREATE DATABASE safety;
CREATE DATABASE experiment;
