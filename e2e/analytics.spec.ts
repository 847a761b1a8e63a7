import { expect, test } from "@playwright/test";
import { ADMIN, adminApi, signIn, unique } from "./helpers";

test("the admin sees sales, fulfilment and inventory charts, downloads a chart as CSV, and a low-stock warning", async ({ page, request }) => {
  // A product of its own: two units, both sold today by a customer order → none left on the shelf.
  const model = unique("AN");
  const api = await adminApi(request);
  await api.createDevice({ model, name: "Analytics Probe", price: "20.05" });
  await api.createDevice({ model, name: "Analytics Probe", price: "20.05" });
  const email = `${unique("buyer").toLowerCase()}@example.com`;
  expect((await request.post("/api/auth/register", { data: { email, password: "customer-password-1", name: "Buyer" } })).status()).toBe(201);
  const { token } = await (await request.post("/api/auth/token", { data: { email, password: "customer-password-1" } })).json();
  const order = await request.post("/api/orders", {
    headers: { authorization: `Bearer ${token}` },
    data: { items: [{ type: "sensor", model, quantity: 2 }], shippingAddress: "1 Chart Street, Plotville" },
  });
  expect(order.status()).toBe(201);

  await signIn(page, ADMIN.email, ADMIN.password);
  await expect(page).toHaveURL(/\/admin\/devices$/);
  await expect(page.getByTestId("low-stock-alert")).toContainText(`sensor ${model}: 0 in stock`);

  await page.getByRole("link", { name: "Analytics", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Analytics", level: 1 })).toBeVisible();
  // Recharts draws each chart as an SVG surface once it is mounted.
  for (const id of ["revenue", "orders", "aov", "stock"]) {
    await expect(page.getByTestId(`chart-${id}`).locator("svg.recharts-surface").first()).toBeVisible();
  }
  await expect(page.getByTestId("stock-table").getByRole("row", { name: new RegExp(`sensor ${model}`) })).toContainText("Reorder");

  const href = await page.getByTestId("chart-revenue").getByRole("link", { name: /Download CSV/ }).getAttribute("href");
  const csv = await page.request.get(href!);
  expect(csv.status()).toBe(200);
  const text = await csv.text();
  expect(text.split("\r\n")[0]).toBe("period,product,type,model,orders,units,revenue");
  expect(text).toContain(`sensor ${model},sensor,${model},1,2,40.10`);
});
