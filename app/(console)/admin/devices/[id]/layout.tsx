import { requirePageUser } from "@/lib/auth/session";
import { loadDevice } from "./load-device";

/**
 * Answers an unknown device with HTTP 404 before the loading skeleton below streams (a 404
 * thrown after streaming began would go out as 200).
 */
export default async function DeviceLayout({ children, params }: { children: React.ReactNode; params: Promise<{ id: string }> }) {
  const user = await requirePageUser("device:read");
  await loadDevice(user, (await params).id);
  return children;
}
