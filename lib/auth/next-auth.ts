import type { NextAuthOptions } from "next-auth";
import { decode, type JWT, type JWTDecodeParams } from "next-auth/jwt";
import CredentialsProvider from "next-auth/providers/credentials";
import { config } from "@/lib/config";
import { clientAddressFrom } from "@/lib/http/request";
import { AppError } from "@/lib/errors";
import { revokeTokens, userForToken } from "./current-user";
import type { Role } from "./permissions";
import { credentialsSchema } from "./schemas";
import { authenticate } from "./users";
import { tokenMemo, type TokenMemo } from "./verified-tokens";

// The session cookie is decrypted once per cookie value, not on every request
// (lib/auth/verified-tokens.ts); one memo per secret and salt.
const cookieMemos = new Map<string, TokenMemo<JWT>>();
export async function decodeSessionCookie(params: JWTDecodeParams): Promise<JWT | null> {
  if (!params.token) return null;
  const key = `${String(params.secret)}\0${params.salt ?? ""}`;
  let memo = cookieMemos.get(key);
  if (!memo) {
    memo = tokenMemo((token) => decode({ ...params, token }), (claims) => claims.exp);
    cookieMemos.set(key, memo);
  }
  const claims = await memo.verify(params.token);
  // A copy: next-auth sets iat/exp on the token it re-encodes, and the memo's entry must not change.
  return claims && { ...claims };
}

/** Browser sign-in: email + password, JWT sessions carrying the user's id and role. */
export function authOptions(): NextAuthOptions {
  return {
    secret: config().AUTH_SECRET,
    session: { strategy: "jwt", maxAge: 8 * 3600 },
    jwt: { decode: decodeSessionCookie },
    pages: { signIn: "/login" },
    providers: [
      CredentialsProvider({
        name: "Email and password",
        credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
        async authorize(raw, req) {
          const parsed = credentialsSchema.safeParse({ email: raw?.email, password: raw?.password });
          if (!parsed.success) return null;
          const headers = (req?.headers ?? {}) as Record<string, string | string[] | undefined>;
          const address = clientAddressFrom((name) => [headers[name]].flat()[0]);
          try {
            const user = await authenticate(parsed.data.email, parsed.data.password, address);
            return { id: String(user.id), email: user.email, name: user.name, role: user.role, tokenVersion: user.tokenVersion };
          } catch (error) {
            // next-auth turns a thrown Error's message into ?error=… for the sign-in page.
            if (error instanceof AppError && error.code === "rate_limited") throw new Error("RateLimited");
            return null;
          }
        },
      }),
    ],
    callbacks: {
      // Runs on every read of the session: the cookie only names the user and token version;
      // who they are and what role they have comes from the database each time.
      async jwt({ token, user }) {
        if (user) {
          token.uid = Number(user.id);
          token.tv = (user as { tokenVersion?: number }).tokenVersion ?? 0;
          token.role = (user as { role?: Role }).role ?? "CUSTOMER";
          return token;
        }
        const current = await userForToken(token.uid, token.tv);
        if (!current) return { revoked: true };
        return { ...token, role: current.role, email: current.email, name: current.name };
      },
      session({ session, token }) {
        if (session.user && !token.revoked && typeof token.uid === "number") {
          session.user.id = token.uid as number;
          session.user.role = token.role as Role;
          session.user.email = token.email as string;
          session.user.name = token.name as string;
        } else {
          delete (session as { user?: unknown }).user;
        }
        return session;
      },
    },
    events: {
      // Signing out revokes the session everywhere: a copied cookie stops working too.
      async signOut({ token }) {
        const uid = (token as { uid?: unknown } | null)?.uid;
        if (typeof uid === "number" && !(token as { revoked?: boolean }).revoked) await revokeTokens(uid);
      },
    },
  };
}
