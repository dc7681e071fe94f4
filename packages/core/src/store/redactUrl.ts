/*
 * Store URLs in messages. Every URL that reaches a message, a log or a report passes through
 * {@link redactUrl}, so a password never does, whatever is wrong with the URL: its user
 * information's password and any `password` query parameter become `***`; the rest stays, so a
 * person still sees the typo. Everything up to the last `@` is taken as user information, so a
 * password holding `@`, `:`, `/`, `?` or `%40` is hidden whole.
 */

const PASSWORD_PARAMETER = /([?&;]password=)[^&#;]*/gi;

/** The URL with its password replaced by `***`: `esbd://admin:***@localhost:2113`, `postgres://u:***@db/x?password=***`. */
export const redactUrl = (url: string): string => {
  const scheme = url.indexOf("://");
  const at = url.lastIndexOf("@");
  const start = scheme < 0 ? 0 : scheme + 3;
  let shown = url;
  if (at >= start) {
    const userInfo = url.slice(start, at);
    const colon = userInfo.indexOf(":");
    shown = colon < 0 ? url : `${url.slice(0, start)}${userInfo.slice(0, colon)}:***${url.slice(at)}`;
  }
  const query = shown.indexOf("?", Math.max(shown.lastIndexOf("@"), 0));
  return query < 0 ? shown : shown.slice(0, query) + shown.slice(query).replace(PASSWORD_PARAMETER, "$1***");
};

/** The passwords a URL holds (its user information's and `password` query parameters'), plain and percent-decoded: what to blank out of driver messages. */
export const urlSecrets = (url: string): ReadonlyArray<string> => {
  const secrets: string[] = [];
  const scheme = url.indexOf("://");
  const at = url.lastIndexOf("@");
  const start = scheme < 0 ? 0 : scheme + 3;
  if (at >= start) {
    const userInfo = url.slice(start, at);
    const colon = userInfo.indexOf(":");
    if (colon >= 0) secrets.push(userInfo.slice(colon + 1));
  }
  for (const match of url.slice(Math.max(at, 0)).matchAll(PASSWORD_PARAMETER)) {
    const end = match.index + match[0].length;
    secrets.push(url.slice(Math.max(at, 0)).slice(match.index + (match[1]?.length ?? 0), end));
  }
  const decoded = secrets.map((s) => {
    try {
      return decodeURIComponent(s.replace(/\+/g, " "));
    } catch {
      return s;
    }
  });
  return [...new Set([...secrets, ...decoded])].filter((s) => s.length > 0);
};

/** A function that replaces every one of `secrets` in a text, plain or percent-encoded, by `***` (the longest first): for driver messages that may quote them. */
export const redactSecrets = (secrets: ReadonlyArray<string>): ((text: string) => string) => {
  const all = [...new Set(secrets.filter((s) => s.length > 0).flatMap((s) => [s, encodeURIComponent(s)]))].sort((a, b) => b.length - a.length);
  return (text) => all.reduce((t, secret) => t.split(secret).join("***"), text);
};
