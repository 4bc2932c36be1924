package io.qualityloop.jobs.complaints.sla;

/** How an SLA clock counts time. */
public enum ClockType {
  /** Every hour of the calendar, nights and holidays included. */
  CALENDAR_HOURS,
  /** Working hours of working days only (company calendar and working hours). */
  WORKING_HOURS,
  /** Working days, each worth the working hours of a day (7.5 h for 09:00-12:00 + 13:30-18:00). */
  WORKING_DAYS
}
