// A persona tile for lists. Kind and visibility badges only appear in the owner's view (the API
// omits them for everyone else).
import { Link } from 'react-router-dom';
import type { Persona } from '../api/types';
import { Avatar } from '../ui/Avatar';

export function PersonaCard({ persona }: { persona: Persona }) {
  return (
    <li className="card persona-card">
      <Link to={`/personas/${persona.id}`} className="persona-card__link">
        <Avatar name={persona.name} url={persona.avatarUrl} size={48} />
        <div className="persona-card__text">
          <div className="persona-card__title">
            <span className="persona-card__name">{persona.name}</span>
            {persona.kind && (
              <span className={`badge badge--${persona.kind}`}>{persona.kind === 'ai' ? 'AI' : 'Human'}</span>
            )}
            {persona.visibility === 'private' && <span className="badge badge--muted">Private</span>}
          </div>
          <p className="persona-card__description">{persona.description || 'No description yet.'}</p>
          <div className="persona-card__tags">
            {persona.communicationStyle && (
              <span className="tag tag--style">{persona.communicationStyle}</span>
            )}
            {persona.knowledge.slice(0, 3).map((item) => (
              <span key={item} className="tag">
                {item}
              </span>
            ))}
            {persona.knowledge.length > 3 && (
              <span className="tag tag--more">+{persona.knowledge.length - 3}</span>
            )}
          </div>
        </div>
      </Link>
    </li>
  );
}
