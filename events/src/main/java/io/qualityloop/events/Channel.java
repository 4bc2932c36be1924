package io.qualityloop.events;

/** How the customer reached the company (来电 / 微信 / 来访 / 邮件 / App). */
public enum Channel {
  PHONE,
  WECHAT,
  VISIT,
  EMAIL,
  APP
}
