// The text pdf.js (Firefox's PDF viewer) gives for each page of a PDF, as a JSON list on stdout.
// Usage: node extract.mjs FILE.pdf
// Items are joined as the viewer's text layer shows them: their strings in order, a line
// break after each item pdf.js ends a line with (hasEOL). disableNormalization: the text
// layer and copy use the PDF's own characters (pdf.js would otherwise apply NFKC).
import { readFile } from "node:fs/promises";
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";

const data = new Uint8Array(await readFile(process.argv[2]));
const pdf = await getDocument({ data, useSystemFonts: false, verbosity: 0 }).promise;
const pages = [];
for (let number = 1; number <= pdf.numPages; number++) {
  const page = await pdf.getPage(number);
  const content = await page.getTextContent({ disableNormalization: true });
  pages.push(content.items.map((item) => item.str + (item.hasEOL ? "\n" : "")).join(""));
}
process.stdout.write(JSON.stringify(pages));
