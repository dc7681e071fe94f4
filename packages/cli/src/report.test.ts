import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { runXiningDemo } from "@tenfold/example-xining-2013";
import { createMemoryEventStore } from "@tenfold/store-memory";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { memoryOpener, runCli, runCliWith, sealedFile, xiningExport } from "./testing-support/audit.js";
import { chromium, skipWithoutChromium } from "./testing-support/chromium.js";
import { MINI_HISTORY, ndjson, tempDir } from "./testing-support/harness.js";

let dir: Awaited<ReturnType<typeof tempDir>>;
let xining: string;
let heads: string;
beforeAll(async () => {
  dir = await tempDir();
  xining = await xiningExport(dir);
  heads = `${dir.path}/heads.ndjson`;
  await runCli("heads", "--input", xining, "--out", heads);
});
afterAll(async () => {
  await dir.remove();
});

const report = async (name: string, ...argv: ReadonlyArray<string>): Promise<{ code: number; stdout: string; stderr: string; html: string; out: string }> => {
  const out = `${dir.path}/${name}.html`;
  const ran = await runCli("report", ...argv, "--out", out);
  return { ...ran, out, html: ran.code === 2 ? "" : await readFile(out, "utf8") };
};

describe("tenfold report", () => {
  it("writes one self-contained page: statistics, checklist, chart, funds, chains with heads", async () => {
    const { code, stdout, html, out } = await report("xining", "--input", xining, "--heads", heads);
    expect(stdout).toBe(`Wrote the audit report of campaign "xining-2013" to ${out}: hash chains intact\n`);
    expect(code).toBe(0);
    expect(html).toMatch(/^<!DOCTYPE html>/);
    for (const text of ["Ten ones: close ties with the masses", "8 of 8 groups complete", "381,000.00", "culture-stage-ban-zhong-ying", "Intact. Every one of the 403 sealed events in 1 stream", "checked against 1 published head"]) {
      expect(html).toContain(text);
    }
    const { hash } = JSON.parse(await readFile(heads, "utf8")) as { hash: string };
    expect(html.replace(/ /g, "")).toContain(hash);
    expect(html).toContain(createHash("sha256").update(await readFile(xining)).digest("hex"));
    expect(html.match(/<rect class="bar visits"/g)?.length).toBeGreaterThan(10);
    // Nothing is loaded from anywhere: no sources, links, imports or URLs.
    expect(html).not.toMatch(/\b(src|href)\s*=|@import|url\(|https?:/i);
  });

  it("reports as of a day", async () => {
    const { html } = await report("mid-year", "--input", xining, "--as-of", "2013-06-30");
    expect(html).toContain("as of 2013-06-30");
    expect(html).toMatch(/<div class="label">Visits<\/div><div class="value">37<\/div>/);
  });

  it("lists the chain problems of a tampered file, and exits 1", async () => {
    const lines = (await readFile(xining, "utf8")).trimEnd().split("\n");
    const at = lines.findIndex((l) => l.startsWith('{"type":"VisitConducted"'));
    const tampered = await dir.write("tampered.ndjson", ndjson(lines.map((l, i) => (i === at ? l.replace(/"peopleMet":(\d+)/, '"peopleMet":9$1') : l))));
    const { code, stdout, html } = await report("tampered", "--input", tampered);
    expect(code).toBe(1);
    expect(stdout).toContain(": 1 hash-chain problem (listed in the report)\n");
    expect(html).toContain("1 problem found in the hash chains");
    expect(html).toContain(`${tampered}:${at + 1}: tampered: stream &quot;tenfold-campaign-xining-2013&quot; revision ${at}: its content does not match its hash`);
  });

  it("says when the input has no seals, and shows the heads as sealed on reading", async () => {
    const raw = await dir.write("raw.ndjson", ndjson(MINI_HISTORY));
    const { code, html } = await report("raw", "--input", raw);
    expect(code).toBe(0);
    expect(html).toContain("The input carries no seals");
    expect(html).toContain("Heads as sealed on reading");
    const { lines } = await sealedFile(dir, "mini", MINI_HISTORY);
    expect(html).toContain((JSON.parse(lines[18]!) as { hash: string }).hash.slice(0, 16));
  });

  it("escapes what the history says", async () => {
    const odd = MINI_HISTORY.map((l, i) => (i === 0 ? l.replace('"Mini campaign"', '"Tom & Jerry <b>united</b>"') : l));
    const { html } = await report("escaped", "--input", await dir.write("odd.ndjson", ndjson(odd)));
    expect(html).toContain("<h1>Tom &amp; Jerry &lt;b&gt;united&lt;/b&gt;</h1>");
  });

  it("reads a store's campaign", async () => {
    const store = createMemoryEventStore();
    await runXiningDemo(store)();
    const { openStore } = memoryOpener({ office: store });
    const out = `${dir.path}/store.html`;
    const ran = await runCliWith({ openStore }, "report", "--store", "esdb://office", "--out", out);
    expect(ran.stdout).toContain("hash chains intact");
    expect(await readFile(out, "utf8")).toContain("<dt>Event store</dt><dd>esdb://office</dd>");
  });

  it("needs --out", async () => {
    expect(await runCli("report", "--input", xining)).toEqual({ code: 2, stdout: "", stderr: 'tenfold report: missing --out FILE\nRun "tenfold report --help" for usage.\n' });
  });
});

describe.skipIf(skipWithoutChromium)("the report in headless Chromium", () => {
  it("renders its text and draws the chart", async () => {
    const { out, html } = await report("rendered", "--input", xining, "--heads", heads);
    const { status, stdout } = chromium(out, "--dump-dom");
    expect(status).toBe(0);
    const text = stdout.replace(/<[^>]+>/g, " ").replace(/\s+/g, " ");
    for (const expected of ["Tenfold audit report", "Headline statistics", "Ten-ones checklist 8 of 8 groups complete", "Visits and diaries per week", "Funds by kind and activity", "Hash-chain verification", "Total 17 381,000.00"]) {
      expect(text).toContain(expected);
    }
    const bars = html.match(/<rect class="bar /g)?.length ?? 0;
    expect(bars).toBeGreaterThan(20);
    // The page's own script counts the bars the browser laid out with a size.
    expect(stdout).toContain(`data-drawn-bars="${bars}"`);
  });
});
