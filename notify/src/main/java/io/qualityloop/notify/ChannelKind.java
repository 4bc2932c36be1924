package io.qualityloop.notify;

/** The delivery channels, by the name routes and {@code notify test --channel} use. */
public enum ChannelKind {
  WECOM("wecom"),
  DINGTALK("dingtalk"),
  EMAIL("email");

  private final String id;

  ChannelKind(String id) {
    this.id = id;
  }

  public String id() {
    return id;
  }

  public static ChannelKind parse(String id) {
    for (ChannelKind c : values()) {
      if (c.id.equals(id.trim())) {
        return c;
      }
    }
    throw new IllegalArgumentException("unknown channel '" + id + "' (wecom, dingtalk or email)");
  }
}
