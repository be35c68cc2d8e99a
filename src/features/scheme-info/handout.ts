// The hand-out: the same texts and figures as the cards, as a short Word document the
// secretariat and the employers' organisations can send to companies or take on a visit.
import type { Locale } from "../../kernel/actor.js";
import type { BotFile } from "../../kernel/feature.js";
import type { Translate } from "../../kernel/translate.js";
import { MIME_TYPES, type ReportDocument, renderDocx } from "../quarterly/index.js";
import { SCHEMES, type Scheme } from "./schemes.js";
import type { SchemeInfo } from "./show-scheme-info.js";
import { schemeReader } from "./views.js";

function handoutDocument(info: SchemeInfo, schemes: readonly Scheme[], t: Translate, locale: Locale): ReportDocument {
  const read = schemeReader(info, t, locale);
  const title = t("schemes:handout.title", { partnership: info.partnership.name });
  const blocks: ReportDocument["blocks"] = [
    { type: "title", text: title },
    { type: "paragraph", text: t("schemes:handout.intro") },
  ];
  for (const scheme of schemes) {
    const facts = read.figures.facts[scheme].map((f) => read.fact(f));
    blocks.push(
      { type: "heading", level: 2, text: read.name(scheme) },
      { type: "paragraph", text: [read.text(scheme, "what"), read.text(scheme, "who")].join(" ") },
      ...(facts.length > 0 ? [{ type: "paragraph" as const, text: facts.join(" · "), small: true }] : []),
      ...(schemes.length === 1
        ? (["duration", "money", "duties", "start"] as const).map((s) => ({
            type: "paragraph" as const,
            text: `${t(`schemes:sections.${s}`)}: ${read.text(scheme, s)}`,
          }))
        : [{ type: "paragraph" as const, text: read.text(scheme, "start"), small: true }]),
    );
  }
  const links = read.links();
  blocks.push({ type: "paragraph", text: links ?? t("schemes:handout.contact") }, { type: "paragraph", text: read.source(), small: true });
  return { title, blocks };
}

/** One scheme's hand-out, or all of them ("all"). */
export async function handoutFile(info: SchemeInfo, which: Scheme | "all", t: Translate, locale: Locale): Promise<BotFile> {
  const doc = handoutDocument(info, which === "all" ? SCHEMES : [which], t, locale);
  const name = `${locale === "en" ? "schemes" : "ordninger"}-${info.partnership.slug}${which === "all" ? "" : `-${which}`}.docx`;
  return { fileName: name, mimeType: MIME_TYPES.docx, data: await renderDocx(doc, locale), title: doc.title };
}
