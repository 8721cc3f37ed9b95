// Catches render errors and failed lazy chunk loads (e.g. after a deploy) so one screen cannot blank the app.
import { Component, type ReactNode } from 'react';
import { ErrorNotice } from '../ui/ErrorNotice';

export class RouteErrorBoundary extends Component<{ children: ReactNode }, { error: unknown }> {
  override state: { error: unknown } = { error: null };

  static getDerivedStateFromError(error: unknown) {
    return { error };
  }

  override render() {
    if (this.state.error) {
      return (
        <div className="page page--narrow">
          <ErrorNotice
            error={this.state.error}
            title="This screen failed to load"
            onRetry={() => window.location.reload()}
          />
        </div>
      );
    }
    return this.props.children;
  }
}
