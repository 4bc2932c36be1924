package io.qualityloop.ingestion.generator;

/** A home in a project, located as repair systems do, with its keyed pseudonym. */
record Household(String projectId, String building, String unit, String room, String pseudonym) {}
