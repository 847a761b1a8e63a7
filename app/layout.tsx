import type { Metadata } from "next";
import { headers } from "next/headers";
import { connection } from "next/server";
import { THEME_BOOT_SCRIPT } from "@/lib/client/theme";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Device Store Console", template: "%s · Device Store" },
  description: "Sell IoT devices and watch them work",
};

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // Every page renders per request so Next can put the CSP nonce (proxy.ts) on its scripts.
  await connection();
  const nonce = (await headers()).get("x-nonce") ?? undefined;
  return (
    // The boot script sets data-theme before hydration, hence the suppressed warning on <html> only.
    <html lang="en" suppressHydrationWarning>
      <head>
        <script nonce={nonce} dangerouslySetInnerHTML={{ __html: THEME_BOOT_SCRIPT }} />
      </head>
      <body className="min-h-screen font-sans">{children}</body>
    </html>
  );
}
