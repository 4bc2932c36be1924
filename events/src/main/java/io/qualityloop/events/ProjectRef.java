package io.qualityloop.events;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.LocalDate;

/** One row of {@code reference/projects.csv}: a community (楼盘) the company serves. */
@JsonPropertyOrder({
  "project_id",
  "name_zh",
  "city",
  "product_type",
  "households",
  "occupied_households",
  "delivery_date",
  "service_office"
})
public record ProjectRef(
    String projectId,
    String nameZh,
    String city,
    String productType,
    int households,
    int occupiedHouseholds,
    LocalDate deliveryDate,
    String serviceOffice) {}
