import { describe, expect, it } from "vitest";
import { can, canAssignRole, PERMISSIONS, ROLES } from "../../domain/roles";
import { isValidSlug, slugify } from "../../domain/workspaces";
import { resolveAppUrl, resolveDemoSignIn } from "../../env";

describe("slugs", () => {
  it("are made from names without accents or punctuation", () => {
    expect(slugify("Les Jardins du Lien")).toBe("les-jardins-du-lien");
    expect(slugify("  Département de l'Hérault ! ")).toBe("departement-de-l-herault");
  });
  it("refuse reserved words, capitals, double hyphens and short values", () => {
    expect(isValidSlug("les-jardins")).toBe(true);
    expect(isValidSlug("api")).toBe(false);
    expect(isValidSlug("Les-Jardins")).toBe(false);
    expect(isValidSlug("les--jardins")).toBe(false);
    expect(isValidSlug("ab")).toBe(false);
  });
});

describe("roles", () => {
  it("give owners every permission and viewers only reading ones", () => {
    for (const permission of Object.keys(PERMISSIONS) as Array<keyof typeof PERMISSIONS>) {
      expect(can("owner", permission)).toBe(true);
    }
    expect(can("viewer", "members.invite")).toBe(false);
    expect(can("viewer", "members.read")).toBe(true);
    expect(can("editor", "audit.read")).toBe(false);
    expect(can("admin", "audit.read")).toBe(true);
  });
  it("let only owners give or take the owner role", () => {
    expect(canAssignRole("admin", "editor", "viewer")).toBe(true);
    expect(canAssignRole("admin", "editor", "owner")).toBe(false);
    expect(canAssignRole("admin", "owner", "editor")).toBe(false);
    expect(canAssignRole("owner", "owner", "editor")).toBe(true);
    for (const r of ROLES) expect(canAssignRole("editor", "viewer", r)).toBe(false);
  });
});

describe("demo sign-in", () => {
  it("is on for a local demo with neither database URL nor secret", () => {
    expect(resolveDemoSignIn({})).toBe(true);
  });
  it("is off for a configured deployment unless DEMO_SIGN_IN=true", () => {
    expect(resolveDemoSignIn({ DATABASE_URL: "postgres://x/y", AUTH_SECRET: "s".repeat(40) })).toBe(false);
    expect(resolveDemoSignIn({ DATABASE_URL: "postgres://x/y" })).toBe(false);
    expect(resolveDemoSignIn({ AUTH_SECRET: "s".repeat(40) })).toBe(false);
    expect(
      resolveDemoSignIn({ DATABASE_URL: "postgres://x/y", AUTH_SECRET: "s".repeat(40), DEMO_SIGN_IN: "true" }),
    ).toBe(true);
    expect(resolveDemoSignIn({ DEMO_SIGN_IN: "false" })).toBe(false);
  });
});

describe("the app's address", () => {
  it("follows the port when APP_URL is not set", () => {
    expect(resolveAppUrl({ PORT: 4010 })).toBe("http://localhost:4010");
    expect(resolveAppUrl({ PORT: 3000 })).toBe("http://localhost:3000");
  });
  it("is APP_URL when it is set, whatever the port", () => {
    expect(resolveAppUrl({ APP_URL: "https://maillage.example.org", PORT: 4010 })).toBe("https://maillage.example.org");
  });
});
