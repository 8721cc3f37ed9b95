// Persona picture, or initials on a colour derived from the name so each persona stays recognisable.
import { type CSSProperties, useState } from 'react';

function hueFor(text: string): number {
  let hash = 0;
  for (const char of text) hash = (hash * 31 + char.charCodeAt(0)) % 360;
  return hash;
}

export function initialsOf(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const letters = words.length > 1 ? [words[0]![0], words[words.length - 1]![0]] : [name.trim()[0] ?? '?'];
  return letters.join('').toUpperCase();
}

export function Avatar({ name, url, size = 40 }: { name: string; url?: string | null; size?: number }) {
  const [broken, setBroken] = useState(false);
  const style = { width: size, height: size, fontSize: Math.round(size * 0.4) };
  if (url && !broken) {
    return <img className="avatar" src={url} alt="" style={style} onError={() => setBroken(true)} />;
  }
  return (
    <span
      className="avatar avatar--initials"
      aria-hidden="true"
      style={{ ...style, '--avatar-hue': hueFor(name) } as CSSProperties}
    >
      {initialsOf(name)}
    </span>
  );
}
