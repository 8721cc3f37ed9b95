// A horizontal gauge. The number next to it carries the meaning; the bar is decoration.
export function Bar({ share, tone = 'accent' }: { share: number; tone?: 'accent' | 'warning' | 'danger' }) {
  const percent = Math.max(0, Math.min(1, share)) * 100;
  return (
    <span className={`bar bar--${tone}`} aria-hidden="true">
      <span className="bar__fill" style={{ width: `${percent}%` }} />
    </span>
  );
}
