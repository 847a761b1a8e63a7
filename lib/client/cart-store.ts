/** The shopping cart lives in the browser until checkout; the header badge and the shop share it. */
export interface CartLine {
  type: string;
  model: string;
  name: string;
  price: string;
  quantity: number;
}

const STORAGE_KEY = "device-store-cart";
const CHANGED = "device-store-cart-changed";

export function readCart(): CartLine[] {
  try {
    const saved = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? "[]");
    return Array.isArray(saved) ? (saved as CartLine[]) : [];
  } catch {
    return []; // a corrupt cart is simply dropped
  }
}

export function writeCart(lines: CartLine[]) {
  localStorage.setItem(STORAGE_KEY, JSON.stringify(lines));
  window.dispatchEvent(new Event(CHANGED));
}

/** Calls back whenever the cart changes, in this tab or another. */
export function onCartChange(callback: () => void): () => void {
  const onStorage = (e: StorageEvent) => e.key === STORAGE_KEY && callback();
  window.addEventListener(CHANGED, callback);
  window.addEventListener("storage", onStorage);
  return () => {
    window.removeEventListener(CHANGED, callback);
    window.removeEventListener("storage", onStorage);
  };
}

export const cartCount = (lines: CartLine[]) => lines.reduce((n, l) => n + l.quantity, 0);
