import type { WorkspaceKind } from "./workspaces";

/** Fictional organisations and people of the demo. Any resemblance is accidental. */
export const DEMO_WORKSPACES: Array<{ slug: string; name: string; kind: WorkspaceKind; siren?: string; rna?: string }> =
  [
    { slug: "jardins-du-lien", name: "Les Jardins du Lien", kind: "association", rna: "W262001234" },
    { slug: "boulangeries-du-val", name: "Boulangeries Coopératives du Val", kind: "entreprise", siren: "732829320" },
    { slug: "departement-val-clair", name: "Département de Val-Clair", kind: "collectivite", siren: "812345676" },
  ];

export const DEMO_PERSONAS = [
  {
    key: "association",
    email: "camille.martin@demo.maillage.test",
    name: "Camille Martin",
    workspace: "jardins-du-lien",
  },
  {
    key: "company",
    email: "julien.bernard@demo.maillage.test",
    name: "Julien Bernard",
    workspace: "boulangeries-du-val",
  },
  {
    key: "territory",
    email: "amina.diallo@demo.maillage.test",
    name: "Amina Diallo",
    workspace: "departement-val-clair",
  },
] as const;
export type DemoPersonaKey = (typeof DEMO_PERSONAS)[number]["key"];

/** The demo persona who acts as a platform operator while demo sign-in is on. */
export const DEMO_OPERATOR_EMAIL = DEMO_PERSONAS.find((p) => p.key === "territory")!.email;
