/**
 * Wellness preferences: how the 32 px previews look for this user (blur,
 * grayscale), each either their own choice or the organisation's default.
 * Stored on the server, which draws the previews; full images still need the
 * audited reveal whatever is chosen here.
 */
import type { JSX } from "react";
import { useEffect, useState } from "react";
import { type PreferencesView, reviewApi } from "./review-api.js";
import { t, t2 } from "./strings.js";

type Choice = "org" | "on" | "off";
const toChoice = (v: boolean | null): Choice => (v === null ? "org" : v ? "on" : "off");
const fromChoice = (c: string): boolean | null => (c === "org" ? null : c === "on");

export function WellnessPage({ onBack }: { onBack(): void }): JSX.Element {
  const [prefs, setPrefs] = useState<PreferencesView | null>(null);
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    reviewApi.preferences().then(setPrefs);
  }, []);
  if (!prefs) return <p>{t.loading}</p>;
  const row = (name: "blur" | "grayscale", label: string) => (
    <label>
      {label}{" "}
      <select
        name={name}
        value={toChoice(prefs.own[name])}
        onChange={(e) =>
          reviewApi.setPreferences({ [name]: fromChoice(e.target.value) }).then((p) => {
            setPrefs(p);
            setSaved(true);
          })
        }
      >
        <option value="org">{t2.followOrganisation(prefs.organisation[name])}</option>
        <option value="on">{t2.on}</option>
        <option value="off">{t2.off}</option>
      </select>
    </label>
  );
  return (
    <main className="wellness">
      <header>
        <h1>{t2.wellness}</h1>
        <button type="button" onClick={onBack}>
          {t.back}
        </button>
      </header>
      {row("blur", t2.blurPreviews)}
      {row("grayscale", t2.grayscalePreviews)}
      {saved && <p className="notice">{t2.saved}</p>}
    </main>
  );
}
