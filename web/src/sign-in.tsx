/** The sign-in form; the server sets the session cookie, the page never sees the token. */
import type { JSX } from "react";
import { type FormEvent, useState } from "react";
import { api, type ConsoleUserView } from "./api.js";
import { t } from "./strings.js";

export function SignIn({ onSignedIn }: { onSignedIn(user: ConsoleUserView): void }): JSX.Element {
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [failed, setFailed] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      onSignedIn((await api.signIn(email, password)).user);
    } catch {
      setFailed(true);
    }
  };
  return (
    <form className="sign-in" onSubmit={submit}>
      <h1>{t.appName}</h1>
      <label>
        {t.email}
        <input
          name="email"
          type="email"
          autoComplete="username"
          value={email}
          onChange={(e) => setEmail(e.target.value)}
        />
      </label>
      <label>
        {t.password}
        <input
          name="password"
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
      </label>
      {failed && <p className="error">{t.signInFailed}</p>}
      <button type="submit">{t.signIn}</button>
    </form>
  );
}
