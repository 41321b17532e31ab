export * from "./users";
export * from "./workspaces";
export * from "./audit";
export * from "./organisations";
export * from "./alliances";
export * from "./evaluation";
export * from "./reports";
export * from "./territories";
