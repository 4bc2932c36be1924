package io.qualityloop.events;

/** How a follow-up was closed. */
public enum FollowUpOutcome {
  /** The problem was solved (已解决). */
  RESOLVED,
  /** Explained to the customer, who accepted it (已解释，客户接受). */
  EXPLAINED,
  /** A major problem referred to the company's management (已上报公司, 002 §3.7.5.7). */
  REFERRED,
  /** Nothing to do (无需处理). */
  NO_ACTION,
  /** The customer could not be reached (联系不上). */
  UNREACHABLE
}
