import type { NextRequest } from "next/server";
import { handlers } from "@/server/auth";
import { explainRefusal } from "@/server/auth/oidc";

// A refused OpenID sign-in lands on the sign-in page with the reason (wrong issuer, bad signature…).
export const GET = (request: NextRequest) => explainRefusal(() => handlers.GET(request));
export const POST = (request: NextRequest) => explainRefusal(() => handlers.POST(request));
