package io.qualityloop.events;

/**
 * Why a satisfaction survey (客户满意度调查表) was taken: callback after a repair or a complaint, the first
 * revisit of a new community, or the annual sample revisit.
 */
public enum SurveyType {
  REPAIR_CALLBACK,
  COMPLAINT_CALLBACK,
  FIRST_REVISIT,
  ANNUAL_REVISIT
}
