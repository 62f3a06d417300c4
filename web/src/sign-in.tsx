/** The sign-in form; the server sets the session cookie, the page never sees the token. */
import type { JSX } from "react";
import { type FormEvent, useState } from "react";
import { ApiFailure, api, type ConsoleUserView } from "./api.js";
import { failureMessage } from "./failure.js";
import { t } from "./strings.js";

export function SignIn({ onSignedIn }: { onSignedIn(user: ConsoleUserView): void }): JSX.Element {
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [failed, setFailed] = useState<string | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      onSignedIn((await api.signIn(email, password)).user);
    } catch (e) {
      // A wrong password is the one refusal worth its own sentence here; the rest say what happened.
      setFailed(e instanceof ApiFailure && e.code === "Unauthorized" ? t.signInFailed : failureMessage(e));
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
      {failed && (
        <p className="error" role="alert">
          {failed}
        </p>
      )}
      <button type="submit">{t.signIn}</button>
    </form>
  );
}
