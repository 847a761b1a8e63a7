import type { AppConfig } from "@/lib/config";

export interface VapidKeys {
  publicKey: string;
  privateKey: string;
  subject: string;
}

/** The VAPID keys when push is on (config has refused a half-configured WEB_PUSH=1), else null. */
export function vapidFromConfig(cfg: AppConfig): VapidKeys | null {
  if (cfg.WEB_PUSH !== "1" || !cfg.VAPID_PUBLIC_KEY || !cfg.VAPID_PRIVATE_KEY) return null;
  return { publicKey: cfg.VAPID_PUBLIC_KEY, privateKey: cfg.VAPID_PRIVATE_KEY, subject: cfg.VAPID_SUBJECT ?? `mailto:${cfg.ADMIN_EMAIL}` };
}
