import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { MeResponse } from '../../src/miniapp/api-contract.js';
import { ApiFailure, type Api } from './api.js';
import type { Strings } from './i18n.js';
import { botChatLink } from '../../src/platform/telegram/bot-link.js';
import { openTelegramLink } from './telegram.js';

export interface AppContext {
  api: Api;
  me: MeResponse;
  t: Strings;
}

export const Ctx = createContext<AppContext | null>(null);

export function useApp(): AppContext {
  const ctx = useContext(Ctx);
  if (!ctx) throw new Error('no app context');
  return ctx;
}

export function errorText(t: Strings, error: unknown): string {
  if (error instanceof ApiFailure) {
    if (error.code === 'no_launch') return t.app.errors.noLaunch;
    if (error.status === 401) return t.app.errors.unauthorized;
    if (error.status === 403) return t.app.errors.forbidden;
    if (error.status === 404) return t.app.errors.notFound;
  }
  return t.app.errors.failed;
}

export function ErrorBox(props: { t: Strings; error: unknown; retry?: () => void }) {
  // Not linked to a shop: the way in is the bot's chat (/start, or an invite), so a button to it first.
  const bot = props.error instanceof ApiFailure && props.error.status === 403 ? props.error.bot : undefined;
  const botChat = bot ? botChatLink(bot) : undefined;
  return (
    <div class="error" role="alert">
      <p>{errorText(props.t, props.error)}</p>
      <div class="error-actions">
        {botChat && (
          <a class="button" href={botChat} target="_blank" rel="noopener" data-open-bot onClick={(event) => openTelegramLink(botChat, event)}>
            {props.t.bot.miniApp.privateButton}
          </a>
        )}
        {props.retry && (
          <button class={botChat ? 'button secondary' : 'button'} onClick={props.retry}>
            {props.t.app.retry}
          </button>
        )}
      </div>
    </div>
  );
}
