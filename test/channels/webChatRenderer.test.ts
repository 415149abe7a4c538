import MarkdownIt from 'markdown-it';
import { WebChatRenderer } from '../../adapters/channels/webChatRenderer';

/** Web Chat renders bot Markdown with markdown-it, HTML on. */
const webChatMarkdown = new MarkdownIt({ html: true, linkify: true });
const HOSTILE = '<img src=x onerror=alert(1)> **Anna** [x](javascript:alert(1))';

describe('rendering for the Web Chat widget', () => {
  const renderer = new WebChatRenderer();

  it('keeps the conversation’s line breaks as Markdown hard breaks, and paragraphs as paragraphs', () => {
    const [activity] = renderer.render([{ kind: 'text', text: 'one\ntwo\n\nthree' }]);
    expect(activity).toMatchObject({ type: 'message', textFormat: 'markdown', text: 'one  \ntwo\n\nthree' });
  });

  it('offers single choices as suggested actions that send the choice value and show the label', () => {
    const [activity] = renderer.render([
      {
        kind: 'choices',
        text: 'Pick',
        choices: [
          { label: 'Svenska', value: 'sv' },
          { label: 'English', value: 'en' },
        ],
      },
    ]);
    expect(activity!.suggestedActions!.actions).toEqual([
      { type: 'messageBack', title: 'Svenska', text: 'Svenska', displayText: 'Svenska', value: { choice: 'sv' } },
      { type: 'messageBack', title: 'English', text: 'English', displayText: 'English', value: { choice: 'en' } },
    ]);
  });

  it('offers several answers at once as an Adaptive Card with a multi-select list', () => {
    const [activity] = renderer.render([
      {
        kind: 'choices',
        text: 'Pick any',
        multiple: true,
        choices: [
          { label: 'A', value: 'a' },
          { label: 'B', value: 'b' },
        ],
      },
    ]);
    const card = activity!.attachments![0]!.content as { version: string; body: { type: string; id?: string; isMultiSelect?: boolean }[] };
    expect(card.version).toBe('1.5');
    expect(card.body).toContainEqual(expect.objectContaining({ type: 'Input.ChoiceSet', id: 'choice', isMultiSelect: true }));
  });

  it('shows a calculation as a Markdown list of label, arithmetic and result in bold, notes in italics, and Next as a suggested action', () => {
    const [activity] = renderer.render([
      {
        kind: 'calculation',
        text: 'Så här ser det ut:',
        lines: [
          { label: 'Täckningsbidrag', working: '300 kr − 120 kr', result: '180 kr' },
          { label: 'Pris per år', working: '', result: '3 600 kr' },
        ],
        notes: ['Rader som inte går att räkna ut visar –.'],
        choices: [{ label: 'Vidare ▸', value: 'next' }],
      },
    ]);
    expect(activity).toMatchObject({
      type: 'message',
      textFormat: 'markdown',
      text: 'Så här ser det ut:\n\n- **Täckningsbidrag:** 300 kr − 120 kr = **180 kr**\n- **Pris per år:** **3 600 kr**\n\n_Rader som inte går att räkna ut visar –._',
    });
    expect(activity!.suggestedActions!.actions).toEqual([
      { type: 'messageBack', title: 'Vidare ▸', text: 'Vidare ▸', displayText: 'Vidare ▸', value: { choice: 'next' } },
    ]);
  });

  it('shows what the learner wrote in a summary and an artefact literally, never as HTML or Markdown', () => {
    const activities = renderer.render([
      {
        kind: 'summary',
        title: 'Summary',
        text: 'Well done.',
        answers: [{ label: 'Who?', answer: `${HOSTILE}\n# second line` }],
        progressLine: '1/5',
        choices: [],
      },
      { kind: 'artefact', title: 'Canvas', fields: [{ label: 'Beneficiaries', value: HOSTILE }] },
    ]);
    for (const activity of activities) {
      const html = webChatMarkdown.render(activity.text!);
      expect(html).not.toMatch(/<img|<strong>Anna|<a |<h1/);
      expect(html).toContain('&lt;img src=x onerror=alert(1)&gt; **Anna** [x](javascript:alert(1))');
    }
  });

  it('hands the export over as two files on short-lived links: the readable document and the data file', () => {
    const download = {
      token: 'ex1.abc.def',
      text: 'Here is everything I have stored about you.',
      documentLabel: 'Open the document',
      documentFile: 'my-data.html',
      dataLabel: 'Download the data file (JSON)',
      dataFile: 'my-data.json',
    };
    const [activity] = renderer.render([{ kind: 'export', json: '{}', inlineText: 'Here it is:', download }]);
    expect(activity).toMatchObject({ text: 'Here is everything I have stored about you.' });
    expect(activity!.attachments).toEqual([
      { contentType: 'text/html', name: 'my-data.html', contentUrl: '/exports/my-data.html?t=ex1.abc.def' },
      { contentType: 'application/json', name: 'my-data.json', contentUrl: '/exports/my-data.json?t=ex1.abc.def' },
    ]);
  });

  it('without links, hands exported data over as a JSON file in the message', () => {
    const [activity] = renderer.render([{ kind: 'export', json: '{"a":"å"}', inlineText: 'Here it is:' }]);
    const file = activity!.attachments![0]!;
    expect(file).toMatchObject({ contentType: 'application/json', name: 'my-data.json' });
    expect(Buffer.from(file.contentUrl!.split(',')[1]!, 'base64').toString('utf8')).toBe('{"a":"å"}');
  });
});
