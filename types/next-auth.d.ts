import type { Role } from "@/lib/auth/permissions";

declare module "next-auth" {
  interface Session {
    user: { id: number; email: string; name: string; role: Role };
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    uid?: number;
    role?: Role;
    /** The user's token version when this session was issued (see lib/auth/current-user.ts). */
    tv?: number;
    /** Set once the version no longer matches: the session is treated as signed out. */
    revoked?: boolean;
  }
}
