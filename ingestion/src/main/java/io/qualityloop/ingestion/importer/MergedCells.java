package io.qualityloop.ingestion.importer;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * The merged cells of one sheet of an .xlsx workbook ({@code <mergeCell ref="B3:B6"/>} in the
 * sheet's part), which fastexcel-reader does not expose. A form exported from a ticket system or
 * kept by hand often merges the cells of a complaint's number, project and room over the rows of
 * its steps: Excel keeps the value in the region's top-left cell only, and the cells below it are
 * empty.
 *
 * <p>Read with the JDK's StAX parser straight from the zip, the way fastexcel-reader finds a
 * sheet's part: the package's relationships name the workbook part, the workbook's relationships
 * map the sheet's relationship id to its part.
 */
final class MergedCells {
  /**
   * A merged region: sheet rows (1-based, as fastexcel-reader numbers them) and columns (0-based).
   */
  record Region(int firstRow, int lastRow, int firstColumn, int lastColumn) {
    boolean spansRows() {
      return lastRow > firstRow;
    }
  }

  private static final Pattern REF = Pattern.compile("([A-Z]+)(\\d+):([A-Z]+)(\\d+)");

  private MergedCells() {}

  /**
   * The merged regions of the sheet whose relationship id is {@code sheetId} ({@code
   * Sheet.getId()}), in the order the sheet lists them; none when the workbook has no such part.
   */
  static List<Region> of(Path file, String sheetId) throws IOException {
    try (ZipFile zip = new ZipFile(file.toFile())) {
      Optional<String> workbook =
          target(zip, "_rels/.rels", "", r -> r.type().endsWith("/officeDocument"));
      if (workbook.isEmpty()) {
        return List.of();
      }
      String folder = folderOf(workbook.get());
      Optional<String> sheet =
          target(
              zip,
              folder + "_rels/" + workbook.get().substring(folder.length()) + ".rels",
              folder,
              r -> sheetId.equals(r.id()));
      if (sheet.isEmpty()) {
        return List.of();
      }
      return regions(zip, sheet.get());
    } catch (XMLStreamException e) {
      throw new IOException(file + ": its sheet cannot be read: " + e.getMessage(), e);
    }
  }

  private record Relationship(String id, String type, String target) {}

  /**
   * The part the first relationship of {@code relsPart} that {@code wanted} accepts points to, as a
   * zip entry name: a relative target is relative to {@code folder}.
   */
  private static Optional<String> target(
      ZipFile zip, String relsPart, String folder, Predicate<Relationship> wanted)
      throws IOException, XMLStreamException {
    ZipEntry entry = entry(zip, relsPart);
    if (entry == null) {
      return Optional.empty();
    }
    try (InputStream in = zip.getInputStream(entry)) {
      XMLStreamReader xml = factory().createXMLStreamReader(in);
      while (xml.hasNext()) {
        if (xml.next() == XMLStreamConstants.START_ELEMENT
            && xml.getLocalName().equals("Relationship")) {
          Relationship r =
              new Relationship(
                  xml.getAttributeValue(null, "Id"),
                  String.valueOf(xml.getAttributeValue(null, "Type")),
                  xml.getAttributeValue(null, "Target"));
          if (r.target() != null && wanted.test(r)) {
            return Optional.of(
                r.target().startsWith("/") ? r.target().substring(1) : folder + r.target());
          }
        }
      }
    }
    return Optional.empty();
  }

  /**
   * The zip's entry of that name, or of that name in another case (as fastexcel-reader finds it).
   */
  private static ZipEntry entry(ZipFile zip, String name) {
    ZipEntry exact = zip.getEntry(name);
    if (exact != null) {
      return exact;
    }
    return zip.stream().filter(e -> e.getName().equalsIgnoreCase(name)).findFirst().orElse(null);
  }

  private static String folderOf(String part) {
    return part.substring(0, part.lastIndexOf('/') + 1);
  }

  private static List<Region> regions(ZipFile zip, String sheetPart)
      throws IOException, XMLStreamException {
    ZipEntry entry = entry(zip, sheetPart);
    if (entry == null) {
      return List.of();
    }
    List<Region> regions = new ArrayList<>();
    try (InputStream in = zip.getInputStream(entry)) {
      XMLStreamReader xml = factory().createXMLStreamReader(in);
      while (xml.hasNext()) {
        if (xml.next() == XMLStreamConstants.START_ELEMENT
            && xml.getLocalName().equals("mergeCell")) {
          Matcher m = REF.matcher(String.valueOf(xml.getAttributeValue(null, "ref")));
          if (m.matches()) {
            regions.add(
                new Region(
                    Integer.parseInt(m.group(2)),
                    Integer.parseInt(m.group(4)),
                    column(m.group(1)),
                    column(m.group(3))));
          }
        }
      }
    }
    return regions;
  }

  /** A column's letters as its 0-based index: A is 0, Z 25, AA 26. */
  static int column(String letters) {
    int n = 0;
    for (char c : letters.toCharArray()) {
      n = n * 26 + (c - 'A' + 1);
    }
    return n - 1;
  }

  /** A StAX factory that reads no DTD and resolves no external entity (a workbook is input). */
  private static XMLInputFactory factory() {
    XMLInputFactory f = XMLInputFactory.newFactory();
    f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    return f;
  }
}
