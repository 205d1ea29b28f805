import { z } from "@hono/zod-openapi";
import { PageQuery, pageOf } from "./common.ts";

/** A study definition; its schema belongs to the study engine, which validates it (errors name each field). */
export const StudySpec = z.record(z.string(), z.unknown()).openapi("StudySpec", {
  description: "Study definition (losses × seeds × dataset …), validated by the study engine.",
});

export const StudySchema = z
  .object({ id: z.string(), status: z.string() })
  .catchall(z.unknown())
  .openapi("Study", { description: "A study and its per-run state, as the study engine reports it." });

export const ReportQuery = z.object({
  format: z
    .enum(["html", "markdown"])
    .default("html")
    .openapi({ param: { name: "format", in: "query" } }),
});

export const StudyPage = pageOf(StudySchema, "StudyPage");
export const ListStudiesQuery = PageQuery;
