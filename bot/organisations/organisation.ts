import { z } from 'zod';
import { contentId, localizedText } from '../../curriculum/schema';

/** An organisation's id: the slug in its file name, its embed code (`data-org`) and its URLs. */
export const organisationId = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be lower-case letters, digits and single hyphens (for example "coompanion-jonkoping")');

const httpsUrl = z.url({ protocol: /^https$/, error: 'must be an https URL' });

/** Scheme, host and port of a website, as browsers send it in `Origin`; http only for the machine itself. */
const origin = z.string().refine((value) => {
  try {
    const url = new URL(value);
    const local = url.hostname === 'localhost' || /^127\.\d+\.\d+\.\d+$/.test(url.hostname);
    return url.origin === value && (url.protocol === 'https:' || (url.protocol === 'http:' && local));
  } catch {
    return false;
  }
}, 'must be an origin such as https://coompanion.se (https, no path or trailing slash; http only for localhost and 127.x)');

const contact = z
  .strictObject({
    /** Who answers: a person or a team. */
    name: z.string().trim().min(1).max(120),
    email: z.email({ error: 'must be an email address' }).optional(),
    phone: z
      .string()
      .regex(/^\+?[0-9 ()-]{6,20}$/, 'must be a phone number such as +46 36 12 34 56')
      .optional(),
    url: httpsUrl.optional(),
    /** Shown with the contact: opening hours, or that nobody answers (a demo). */
    note: localizedText.optional(),
  })
  .refine((value) => value.email ?? value.phone ?? value.url ?? value.note, { error: 'needs an email, a phone, a url or a note' });

/** One organisation file (organisations/<id>.yaml). Unknown keys are errors. */
export const organisationSchema = z.strictObject({
  id: organisationId,
  name: localizedText,
  /** Websites that may embed the chat; every other origin gets no chat. */
  allowedOrigins: z.array(origin).default([]),
  /** The language of the greeting until the learner chooses. */
  defaultLanguage: z.enum(['sv', 'en']),
  theme: z.strictObject({
    accentColor: z.string().regex(/^#[0-9a-fA-F]{6}$/, 'must be a colour such as #1f6f5c'),
    /** The bot's name in the chat header and the launcher. */
    botName: z.string().trim().min(1).max(40),
    /** Picture in the chat beside the bot's messages. */
    avatarUrl: httpsUrl.optional(),
    /** Logo in the chat header. */
    logoUrl: httpsUrl.optional(),
  }),
  /** Modules offered to this organisation's learners, in menu order; `all` offers every module. */
  modules: z.union([z.literal('all'), z.array(contentId).min(1)]).default('all'),
  /** How a learner reaches a human advisor: shown when they ask for one. */
  contact,
  /** Entra tenants whose Teams users belong to this organisation. */
  teamsTenantIds: z.array(z.uuid({ error: 'must be an Entra tenant id (a GUID)' })).default([]),
  ai: z.strictObject({ enabled: z.boolean().default(false) }).default({ enabled: false }),
  /** The organisation's own privacy notice; the bot's /privacy otherwise. */
  privacyUrl: httpsUrl.optional(),
});

export type Organisation = z.infer<typeof organisationSchema>;
