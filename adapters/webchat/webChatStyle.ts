import type { Organisation } from '../../bot/organisations/organisation';
import { readableOnWhite, textColourOn } from './colourContrast';

const FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif";

/**
 * Web Chat's style options in an organisation's colours (see botframework-webchat's defaultStyleOptions). Text in the
 * accent colour and the avatar's white initials use a darker shade of a light accent, so every text keeps 4.5:1.
 */
export function webChatStyleOptions(theme: Organisation['theme']): Record<string, unknown> {
  const accent = readableOnWhite(theme.accentColor);
  return {
    accent,
    primaryFont: FONT,
    backgroundColor: '#ffffff',
    bubbleBackground: '#eef3f1',
    bubbleBorderWidth: 0,
    bubbleBorderRadius: 12,
    bubbleFromUserBackground: theme.accentColor,
    bubbleFromUserTextColor: textColourOn(theme.accentColor),
    bubbleFromUserBorderWidth: 0,
    bubbleFromUserBorderRadius: 12,
    // The default minimum of 250 px leaves no room beside the avatar on a 320 px phone.
    bubbleMinWidth: 120,
    bubbleMaxWidth: 560,
    botAvatarInitials: initials(theme.botName),
    botAvatarBackgroundColor: accent,
    ...(theme.avatarUrl ? { botAvatarImage: theme.avatarUrl } : {}),
    hideUploadButton: true,
    sendBoxBorderTop: 'solid 1px #dde5e2',
    suggestedActionLayout: 'flow',
    suggestedActionBorderRadius: 16,
    suggestedActionBorderColor: accent,
    suggestedActionTextColor: accent,
  };
}

function initials(name: string): string {
  const letters = name
    .split(/\s+/)
    .filter(Boolean)
    .map((word) => word[0]?.toUpperCase() ?? '')
    .join('');
  return letters.slice(0, 2) || 'B';
}
