/**
 * Keyboard-first: each page declares its shortcuts once; this hook binds
 * them and renders the `?` overlay from the same list, so the overlay can
 * never disagree with what the keys do. Keys typed into a field are the
 * field's, except Escape, which leaves it.
 */
import type { JSX } from "react";
import { useEffect, useState } from "react";
import { t } from "./strings.js";

export interface Shortcut {
  key: string;
  label: string;
  run(): void;
}

function typing(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLInputElement ||
    target instanceof HTMLTextAreaElement ||
    target instanceof HTMLSelectElement
  );
}

export function useShortcuts(shortcuts: Shortcut[]): JSX.Element | null {
  const [open, setOpen] = useState(false);
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === "Escape") {
        if (typing(event.target)) (event.target as HTMLElement).blur();
        setOpen(false);
        return;
      }
      if (typing(event.target) || event.ctrlKey || event.metaKey || event.altKey) return;
      if (event.key === "?") {
        setOpen((o) => !o);
        event.preventDefault();
        return;
      }
      // Enter on a focused link or button is that control's own.
      if (
        event.key === "Enter" &&
        (event.target instanceof HTMLAnchorElement || event.target instanceof HTMLButtonElement)
      )
        return;
      const found = shortcuts.find((s) => s.key === event.key);
      if (found) {
        event.preventDefault();
        found.run();
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [shortcuts]);
  if (!open) return null;
  return (
    <div className="overlay" role="dialog" aria-label={t.shortcuts}>
      <div className="overlay-box">
        <h2>{t.shortcuts}</h2>
        <table>
          <tbody>
            {[...shortcuts, { key: "?", label: t.shortcuts }, { key: "Esc", label: t.close }].map((s) => (
              <tr key={s.key}>
                <td>
                  <kbd>{s.key}</kbd>
                </td>
                <td>{s.label}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <button type="button" onClick={() => setOpen(false)}>
          {t.close}
        </button>
      </div>
    </div>
  );
}
