import { requireUser } from "@/lib/auth/session";
import { apiRoute, json } from "@/lib/http/api-route";
import { parseId, readJson } from "@/lib/http/request";
import { updateProductSchema } from "@/lib/products/schemas";
import { deleteProduct, getProduct, updateProduct } from "@/lib/products/service";

type Params = { id: string };

export const GET = apiRoute<Params>(async (req, { params }) => {
  const user = await requireUser(req, "catalog:read");
  const id = parseId((await params).id, "Product");
  return json(await getProduct(user, id));
});

/** Name, description, specifications and published; type and model name the product. */
export const PATCH = apiRoute<Params>(async (req, { params }) => {
  const user = await requireUser(req, "product:write");
  const id = parseId((await params).id, "Product");
  const input = await readJson(req, updateProductSchema);
  return json(await updateProduct(user, id, input));
});

/** Only a product without units; one with units answers 409 saying so. */
export const DELETE = apiRoute<Params>(async (req, { params }) => {
  const user = await requireUser(req, "product:write");
  const id = parseId((await params).id, "Product");
  await deleteProduct(user, id);
  return new Response(null, { status: 204 });
});
