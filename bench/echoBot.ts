// Microsoft's echo bot (the Bot Framework samples' "02.echo-bot"), on the project's own botbuilder and restify: the
// baseline a full programme turn is compared with. `node dist/bench/echoBot.js` listens on PORT (0: any free port)
// and prints its address.
import { ActivityHandler, CloudAdapter, ConfigurationBotFrameworkAuthentication, MessageFactory } from 'botbuilder';
import restify from 'restify';

class EchoBot extends ActivityHandler {
  constructor() {
    super();
    this.onMessage(async (context, next) => {
      const replyText = `Echo: ${context.activity.text}`;
      await context.sendActivity(MessageFactory.text(replyText, replyText));
      await next();
    });
  }
}

const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
adapter.onTurnError = async (context, error) => {
  process.stderr.write(`echo bot turn failed: ${String(error)}\n`);
  await context.sendActivity('The bot encountered an error or bug.');
};
const bot = new EchoBot();

const server = restify.createServer();
server.use(restify.plugins.bodyParser());
server.post('/api/messages', async (req, res) => {
  await adapter.process(req, res, (context) => bot.run(context));
});
server.get('/healthz', async (_req, res) => {
  res.send(200, { status: 'ok' });
});
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  const address = server.address();
  process.stdout.write(`listening on http://127.0.0.1:${address.port}\n`);
});
