import { computeStatistics, decodeEvent, type CampaignEvent } from "@tenfold/core";
import * as E from "fp-ts/lib/Either.js";
import * as O from "fp-ts/lib/Option.js";
import { describe, expect, it } from "vitest";
import { renderStatistics } from "./statisticsTable.js";
import { displayWidth, pad, renderTable } from "./table.js";
import { MINI_HISTORY } from "./testing-support/harness.js";

describe("renderTable", () => {
  it("aligns columns left or right, with a header row", () => {
    expect(renderTable([{ header: "Kind" }, { header: "n", align: "right" }], [["village", "8"], ["community", "12"]])).toEqual([
      "Kind        n",
      "village     8",
      "community  12",
    ]);
  });

  it("indents, fills missing cells and trims trailing spaces", () => {
    expect(renderTable([{}, {}, {}], [["a", "b"], ["ccc", "", "d"]], { indent: "  " })).toEqual(["  a    b", "  ccc     d"]);
  });

  it("counts wide characters as two columns", () => {
    expect(displayWidth("西宁")).toBe(4);
    expect(displayWidth("e\u0301")).toBe(1);
    expect(pad("西", 4)).toBe("西  ");
    expect(renderTable([{}, {}], [["西宁市", "1"], ["Xining", "2"]])).toEqual(["西宁市  1", "Xining  2"]);
  });
});

describe("renderStatistics", () => {
  const events = MINI_HISTORY.map((text) => {
    const decoded = decodeEvent(JSON.parse(text));
    if (E.isLeft(decoded)) throw new Error(text);
    return decoded.right;
  });
  const stats = (upTo: number): Parameters<typeof renderStatistics>[0] => {
    const computed = computeStatistics(events.slice(0, upTo) as ReadonlyArray<CampaignEvent>);
    if (O.isNone(computed)) throw new Error("no statistics");
    return computed.value;
  };

  it("renders the campaign, headline numbers, funds in yuan and the checklist", () => {
    const text = renderStatistics(stats(events.length));
    expect(text.split("\n").slice(0, 4)).toEqual(["Mini campaign", "Campaign c1: launched 2013-03-01, closed 2013-12-31", "", "Headline"]);
    expect(text).toContain("  Groups                     2\n");
    expect(text).toContain("  Funds (yuan)      370,000.00  in 2 activities\n");
    expect(text).toContain("  condolence       10,000.00           1\n");
    expect(text).toContain("  g1     Group one  ✓  ·  ✓  ·  ·  ·  ·  ✓  ✓  ✓   5/10\n");
    expect(text).toContain("\n  1  village                             6  community\n");
    expect(text.endsWith("10  research-report\n")).toBe(true);
  });

  it("renders a campaign with no group yet", () => {
    const text = renderStatistics(stats(1), "as of 2013-03-01");
    expect(text).toContain("As of 2013-03-01\n");
    expect(text).toContain("Ten-ones checklist: 0 of 0 groups complete\n  (no group formed)\n");
  });
});
