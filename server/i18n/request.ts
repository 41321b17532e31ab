import { getRequestConfig } from "next-intl/server";
import { cookies, headers } from "next/headers";
import { localeFromAcceptLanguage, LOCALE_COOKIE, toLocale } from "../../messages/locales";
import { MESSAGES } from "./translate";

/** The UI language: the cookie set by the language switch, else the browser's, else French. */
export default getRequestConfig(async () => {
  const cookie = (await cookies()).get(LOCALE_COOKIE)?.value;
  const locale = cookie ? toLocale(cookie) : localeFromAcceptLanguage((await headers()).get("accept-language"));
  return { locale, messages: MESSAGES[locale], timeZone: "Europe/Paris" };
});
