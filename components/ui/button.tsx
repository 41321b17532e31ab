import type { ComponentProps } from "react";

/** The variants' classes (`.btn-*` in app/globals.css): short, as a page repeats its buttons. */
const variants = {
  primary: "btn-primary",
  secondary: "btn-secondary",
  danger: "btn-danger",
  link: "btn-link",
} as const;

export function Button({
  variant = "primary",
  className = "",
  ...props
}: ComponentProps<"button"> & { variant?: keyof typeof variants }) {
  return <button className={`btn ${variants[variant]}${className ? ` ${className}` : ""}`} {...props} />;
}
