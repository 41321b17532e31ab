import { DEMO_OPERATOR_EMAIL } from "../../domain/demo";
import { env } from "../../env";

/** The platform operators: OPERATOR_EMAILS, plus the demo's territorial persona when demo sign-in is on. */
export function operatorEmails(): string[] {
  const config = env();
  const listed = config.OPERATOR_EMAILS.split(",")
    .map((e) => e.trim().toLowerCase())
    .filter(Boolean);
  return config.demoSignIn ? [...listed, DEMO_OPERATOR_EMAIL] : listed;
}

export function isOperator(email: string) {
  return operatorEmails().includes(email.toLowerCase());
}
