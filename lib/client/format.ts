/** Display formatting shared by server and client components. Amounts arrive as decimal strings. */
const formatters = new Map<string, Intl.NumberFormat>();

export function formatPrice(amount: string | number, currency: string): string {
  let f = formatters.get(currency);
  if (!f) {
    f = new Intl.NumberFormat("en-GB", { style: "currency", currency });
    formatters.set(currency, f);
  }
  // Display only: a two-decimal amount survives the trip through a double exactly enough to print.
  return f.format(Number(amount));
}

const dateFormat = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeZone: "UTC" });
const dateTimeFormat = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

export const formatDate = (iso: string | Date) => dateFormat.format(new Date(iso));
export const formatDateTime = (iso: string | Date) => dateTimeFormat.format(new Date(iso));

/** "in stock" for plenty, "only 3 left" when few remain. */
export const stockLabel = (available: number) => (available <= 0 ? "Out of stock" : available <= 5 ? `Only ${available} left` : "In stock");
