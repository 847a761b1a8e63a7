import { getRequestUser, requireUser } from "@/lib/auth/session";
import { apiRoute, json } from "@/lib/http/api-route";
import { parseId, readBytes } from "@/lib/http/request";
import { assertPictureContentType, getProductPicture, MAX_PICTURE_BYTES, putProductPicture } from "@/lib/products/picture";

type Params = { id: string };

/**
 * The picture's bytes. A published product's picture needs no sign-in; asked for by its
 * versioned URL (?v=<etag>) it is cached for a year, since new bytes get a new URL.
 */
export const GET = apiRoute<Params>(
  async (req, { params }) => {
    const id = parseId((await params).id, "Picture");
    const picture = await getProductPicture(await getRequestUser(req), id);
    const etag = `"${picture.etag}"`;
    const versioned = req.nextUrl.searchParams.get("v") === picture.etag;
    const headers = {
      ETag: etag,
      "Cache-Control": !picture.published ? "private, no-cache" : versioned ? "public, max-age=31536000, immutable" : "public, no-cache",
      "X-Content-Type-Options": "nosniff",
    };
    if (req.headers.get("if-none-match") === etag) return new Response(null, { status: 304, headers });
    return new Response(Buffer.from(picture.data), { headers: { ...headers, "Content-Type": picture.contentType } });
  },
  { cacheable: true },
);

/** The raw image as the body (Content-Type image/png, image/jpeg or image/webp), at most 1 MB. */
export const PUT = apiRoute<Params>(async (req, { params }) => {
  const user = await requireUser(req, "product:write");
  const id = parseId((await params).id, "Product");
  assertPictureContentType(req.headers.get("content-type"));
  const bytes = await readBytes(req, MAX_PICTURE_BYTES);
  return json(await putProductPicture(user, id, bytes));
});
