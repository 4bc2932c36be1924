package io.qualityloop.ingestion.generator;

import java.util.List;
import java.util.Map;

/**
 * What a complaint is about, by building component: where it shows (functional area, part), the
 * problem type, whether it is a public area, and how customers describe it (scrubbed, no personal
 * data).
 */
final class DefectCatalogue {
  record Defect(
      String component,
      List<String> areas,
      List<String> parts,
      List<String> problems,
      boolean publicArea,
      List<String> descriptions) {}

  static final List<String> PRODUCT_COMPONENTS =
      List.of(
          "waterproofing",
          "walls_cracks",
          "doors_windows",
          "plumbing",
          "electrical",
          "flooring",
          "elevators",
          "facade");
  static final double[] PRODUCT_WEIGHTS = {18, 20, 15, 17, 12, 10, 3, 5};

  private static final Map<String, Defect> DEFECTS =
      Map.ofEntries(
          entry(
              "waterproofing",
              List.of("bathroom", "balcony", "kitchen", "bedroom"),
              List.of("ceiling", "wall", "floor", "window_sill"),
              List.of("leak", "seepage", "damp"),
              false,
              List.of(
                  "卫生间顶棚渗水，墙面有水渍",
                  "阳台下雨后渗水，地面积水",
                  "厨房墙角返潮发霉",
                  "卧室窗台下方渗水，墙皮起鼓",
                  "楼上卫生间防水层破损，本户顶棚滴水")),
          entry(
              "walls_cracks",
              List.of("living_room", "bedroom", "kitchen"),
              List.of("wall", "ceiling"),
              List.of("crack", "hollow", "peeling"),
              false,
              List.of("客厅墙面出现多条裂缝", "卧室墙面空鼓，敲击有空响", "厨房墙砖空鼓脱落", "墙皮大面积脱落")),
          entry(
              "doors_windows",
              List.of("living_room", "bedroom", "balcony"),
              List.of("window", "door", "frame"),
              List.of("air_leak", "hard_to_close", "broken_glass"),
              false,
              List.of("窗户关不严，漏风", "入户门变形关不上", "阳台推拉门卡滞", "窗框密封胶开裂")),
          entry(
              "plumbing",
              List.of("bathroom", "kitchen"),
              List.of("pipe", "drain", "tap"),
              List.of("blocked", "leak", "low_pressure"),
              false,
              List.of("卫生间地漏堵塞返味", "厨房下水管漏水", "热水水压不足", "马桶下水不畅")),
          entry(
              "electrical",
              List.of("living_room", "kitchen", "bedroom"),
              List.of("socket", "switch", "circuit"),
              List.of("no_power", "tripping"),
              false,
              List.of("厨房插座不通电", "空调回路频繁跳闸", "卧室开关失灵")),
          entry(
              "flooring",
              List.of("living_room", "bedroom"),
              List.of("floor"),
              List.of("hollow", "uneven", "crack"),
              false,
              List.of("客厅地砖空鼓", "卧室木地板起拱", "地面不平整")),
          entry(
              "elevators",
              List.of("public_area"),
              List.of("elevator"),
              List.of("breakdown", "trapped", "noise"),
              true,
              List.of("电梯频繁故障停运", "电梯困人，等待救援时间长", "电梯运行噪音大")),
          entry(
              "facade",
              List.of("public_area"),
              List.of("exterior_wall"),
              List.of("crack", "peeling", "seepage"),
              true,
              List.of("外墙涂料脱落", "外墙裂缝导致室内渗水", "外立面瓷砖松动有坠落风险")),
          entry(
              "public_areas",
              List.of("public_area"),
              List.of("corridor", "lobby", "stairs"),
              List.of("dirty", "damaged", "lighting"),
              true,
              List.of("楼道照明损坏无人维修", "大堂卫生差", "消防通道堆放杂物")),
          entry(
              "landscaping",
              List.of("public_area"),
              List.of("garden"),
              List.of("dead_plants", "damaged"),
              true,
              List.of("小区绿化枯死无人补种", "景观水池发臭")),
          entry(
              "parking",
              List.of("public_area"),
              List.of("garage"),
              List.of("space_dispute", "leak", "lighting"),
              true,
              List.of("地下车库渗水", "停车位被占用", "车库照明不足")),
          entry(
              "none",
              List.of("public_area"),
              List.of("none"),
              List.of("service"),
              false,
              List.of(
                  "客服态度冷淡，答复推诿", "多次来电无人回复", "物业费收费标准不清楚", "合同约定的配套未兑现", "夜间施工噪音扰民", "垃圾清运不及时")));

  /** Planted pattern 4: elevator entrapments (电梯困人), told in many ways, all naming the term. */
  static final Defect ENTRAPMENT =
      new Defect(
          "elevators",
          List.of("public_area"),
          List.of("elevator"),
          List.of("trapped"),
          true,
          List.of(
              "电梯困人，等了二十多分钟才有人来",
              "今天早上又发生电梯困人，老人被关在里面",
              "电梯困人，按紧急按钮没人应答",
              "3号楼电梯困人，孩子吓哭了",
              "本周第二次电梯困人，物业说在等配件",
              "晚上电梯困人，救援很慢"));

  /**
   * Planted pattern 5: a leak filed as "other" with no component; only the text says what it is.
   */
  static Defect leakFiledAsOther() {
    Defect none = of("none");
    return new Defect(
        "none",
        none.areas(),
        none.parts(),
        none.problems(),
        false,
        of("waterproofing").descriptions());
  }

  private static Map.Entry<String, Defect> entry(
      String component,
      List<String> areas,
      List<String> parts,
      List<String> problems,
      boolean publicArea,
      List<String> descriptions) {
    return Map.entry(
        component, new Defect(component, areas, parts, problems, publicArea, descriptions));
  }

  static Defect of(String component) {
    Defect defect = DEFECTS.get(component);
    if (defect == null) {
      throw new IllegalArgumentException("no defect description for component " + component);
    }
    return defect;
  }

  private DefectCatalogue() {}
}
