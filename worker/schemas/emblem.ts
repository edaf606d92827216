import * as v from "valibot";
import { JPEG, PNG, WEBP } from "../content/magic";

/**
 * The image types an emblem may be: those every browser shows as an icon
 * and link previews take as an image.
 */
export const EMBLEM_TYPES = [PNG, JPEG, WEBP] as const;

const KEY = new RegExp(`^[0-9a-f]{32}\\.(?:${EMBLEM_TYPES.map((type) => type.extension).join("|")})$`);

/** The emblem to show: an image uploaded through `POST /api/v1/media`, by the key it answered. */
export const EmblemInput = v.strictObject(
  {
    key: v.pipe(
      v.string(),
      v.regex(
        KEY,
        `must be the key of an uploaded ${EMBLEM_TYPES.map((type) => type.name).join(", ")} image, such as 0123…cdef.png`,
      ),
      v.description("The `key` `POST /api/v1/media` answered for a PNG, JPEG or WebP image"),
    ),
  },
  "is not a field of the emblem",
);
export type EmblemInput = v.InferOutput<typeof EmblemInput>;

/** The emblem as saved: its key and where it is served. */
export const Emblem = v.object({
  key: v.string(),
  url: v.pipe(v.string(), v.description("Where the image is served; the public site answers it as `emblem`")),
});
