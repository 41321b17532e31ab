import { getRequestConfig } from "next-intl/server";
import { headers } from "next/headers";
import { localeFromHeaders } from "../../messages/locales";
import { MESSAGES, TIME_ZONE } from "./translate";

/** The UI language: the cookie set by the language switch, else the browser's, else French. */
export default getRequestConfig(async () => {
  const locale = localeFromHeaders(await headers());
  return { locale, messages: MESSAGES[locale], timeZone: TIME_ZONE };
});
