import type { ProductStockRow } from "@/lib/analytics/inventory";

export function StockTable({ rows }: { rows: ProductStockRow[] }) {
  return (
    <table className="mt-4 w-full text-left text-sm" data-testid="stock-table">
      <caption className="sr-only">Stock, sales velocity, days of cover and reorder point per product</caption>
      <thead className="border-b border-slate-200 text-slate-600">
        <tr>
          <th scope="col" className="py-1 pr-3">Product</th>
          <th scope="col" className="py-1 pr-3 text-right">In stock</th>
          <th scope="col" className="py-1 pr-3 text-right">Sold / day</th>
          <th scope="col" className="py-1 pr-3 text-right">Days of cover</th>
          <th scope="col" className="py-1 pr-3">Stock-out</th>
          <th scope="col" className="py-1 pr-3 text-right">Reorder at</th>
          <th scope="col" className="py-1">Status</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.product} className="border-b border-slate-100">
            <th scope="row" className="py-1 pr-3 font-normal">{r.product}</th>
            <td className="py-1 pr-3 text-right">{r.inStock}</td>
            <td className="py-1 pr-3 text-right">{r.velocityPerDay.toFixed(2)}</td>
            <td className="py-1 pr-3 text-right">{r.daysOfCover === null ? "—" : r.daysOfCover.toFixed(1)}</td>
            <td className="py-1 pr-3">{r.stockOutDate ?? "—"}</td>
            <td className="py-1 pr-3 text-right">{r.reorderPoint}</td>
            <td className="py-1">{r.lowStock ? <span className="font-medium text-red-800">Reorder</span> : "OK"}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
