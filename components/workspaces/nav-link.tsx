"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import type { ReactNode } from "react";

/** A section link that tells assistive technologies which section is open. */
export function NavLink({ href, exact, children }: { href: string; exact?: boolean; children: ReactNode }) {
  const pathname = usePathname();
  const active = exact ? pathname === href : pathname === href || pathname.startsWith(`${href}/`);
  return (
    <Link
      href={href}
      aria-current={active ? "page" : undefined}
      className={`inline-block rounded-md px-3 py-1.5 text-sm font-medium ${active ? "bg-slate-900 text-white no-underline" : "text-blue-800 hover:bg-slate-100"}`}
    >
      {children}
    </Link>
  );
}
