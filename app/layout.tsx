import type { Metadata } from "next";
import { NextIntlClientProvider } from "next-intl";
import { getLocale } from "next-intl/server";
import { getTranslations } from "@/server/i18n/server-translations";
import type { ReactNode } from "react";
import { AppHeader } from "@/components/layout/app-header";
import { TrpcProvider } from "@/components/providers/trpc";
import type { Locale } from "@/messages/locales";
import { clientMessages } from "@/server/i18n/client-messages";
import "./globals.css";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("app");
  return { title: { default: t("name"), template: `%s · ${t("name")}` }, description: t("tagline") };
}

export default async function RootLayout({ children }: { children: ReactNode }) {
  const locale = await getLocale();
  const t = await getTranslations("app");
  return (
    <html lang={locale}>
      <body className="min-h-screen">
        <a href="#main" className="skip-link">
          {t("skipToContent")}
        </a>
        <NextIntlClientProvider messages={clientMessages(locale as Locale)}>
          <TrpcProvider>
            <AppHeader />
            <main id="main" className="mx-auto max-w-5xl px-4 py-8">
              {children}
            </main>
          </TrpcProvider>
        </NextIntlClientProvider>
      </body>
    </html>
  );
}
