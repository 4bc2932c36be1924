package io.qualityloop.jobs.complaints.sla;

/** What rule conditions can look at: the complaint's classification as known at a moment. */
public record ComplaintAttributes(
    String category, String subCategory, String severity, String workOrderType, int tradeCount) {}
