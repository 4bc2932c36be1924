package io.qualityloop.events;

/**
 * How a survey attempt (a callback call, a WeChat questionnaire, a revisit) came out. Only an
 * ANSWERED survey carries scores; the others count as sent and not answered (response rate).
 */
public enum SurveyResponse {
  /** The customer answered (the default: a survey without a response field was answered). */
  ANSWERED,
  /** Nobody answered the call or the questionnaire. */
  NO_ANSWER,
  /** The customer declined to take part (拒访). */
  REFUSED,
  /** Wrong or disconnected number, no one at home (空号 / 联系不上). */
  UNREACHABLE
}
