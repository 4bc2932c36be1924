package io.qualityloop.events;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** One row of {@code reference/staff.csv}: a member of the service organisation. */
@JsonPropertyOrder({"staff_id", "display_name", "role", "team", "service_office"})
public record StaffRef(
    String staffId, String displayName, String role, String team, String serviceOffice) {}
