import type { Organisation } from '../../bot/organisations/organisation';

const FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif";

/** Web Chat's style options in an organisation's colours (see botframework-webchat's defaultStyleOptions). */
export function webChatStyleOptions(theme: Organisation['theme']): Record<string, unknown> {
  const accent = theme.accentColor;
  return {
    accent,
    primaryFont: FONT,
    backgroundColor: '#ffffff',
    bubbleBackground: '#eef3f1',
    bubbleBorderWidth: 0,
    bubbleBorderRadius: 12,
    bubbleFromUserBackground: accent,
    bubbleFromUserTextColor: '#ffffff',
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

/** Black or white, whichever reads better on `background` (#rrggbb), by WCAG's contrast ratio. */
export function textColourOn(background: string): '#ffffff' | '#1a1a1a' {
  const channel = (start: number) => {
    const value = parseInt(background.slice(start, start + 2), 16) / 255;
    return value <= 0.04045 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
  };
  const luminance = 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
  const contrastWithWhite = 1.05 / (luminance + 0.05);
  const contrastWithBlack = (luminance + 0.05) / (0.0103 + 0.05);
  return contrastWithWhite >= contrastWithBlack ? '#ffffff' : '#1a1a1a';
}
