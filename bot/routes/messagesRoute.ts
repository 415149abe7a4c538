import type { CloudAdapter, TurnContext } from 'botbuilder';
import type { Request, Response, Server } from 'restify';
import { z } from 'zod';

/** The least an activity must carry for the bot to answer it. Everything else passes through untouched. */
const channelActivitySchema = z.looseObject({
  type: z.string().min(1).max(64),
  id: z.string().max(512).optional(),
  channelId: z.string().min(1).max(64),
  serviceUrl: z.url({ protocol: /^https?$/ }),
  from: z.looseObject({ id: z.string().min(1).max(512) }),
  conversation: z.looseObject({ id: z.string().min(1).max(1024) }),
  recipient: z.looseObject({ id: z.string().min(1).max(512) }),
  text: z.string().max(20_000).optional(),
});

function refuse(res: Response, status: number, code: string, message: string): void {
  res.json(status, { code, message });
}

/**
 * POST /api/messages: the Bot Framework endpoint (Teams and Azure Bot Service channels). The request is
 * checked before the adapter sees it, so a malformed activity gets 400 with what is missing instead of
 * an adapter error; authentication is the adapter's (on whenever an app id is configured).
 */
export function registerMessagesRoute(server: Server, adapter: CloudAdapter, logic: (context: TurnContext) => Promise<void>): void {
  server.post('/api/messages', async (req: Request, res: Response) => {
    if (!req.is('application/json')) {
      refuse(res, 415, 'UnsupportedMediaType', 'Content-Type must be application/json.');
      return;
    }
    const parsed = channelActivitySchema.safeParse(req.body);
    if (!parsed.success) {
      const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || 'body'}: ${issue.message}`).join('; ');
      refuse(res, 400, 'BadActivity', `Not a valid activity: ${problems}`);
      return;
    }
    await adapter.process(req, res, logic);
  });
}
