import { ConversationDriver } from '../support/conversationDriver';

/** Field names MongoDB (before 5.0) and compatible services refuse: containing a dot or starting with $. */
function unsafeFieldNames(value: unknown, path = ''): string[] {
  if (Array.isArray(value)) return value.flatMap((item, i) => unsafeFieldNames(item, `${path}[${i}]`));
  if (!value || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, child]) => [
    ...(key.includes('.') || key.startsWith('$') ? [`${path}.${key}`] : []),
    ...unsafeFieldNames(child, `${path}.${key}`),
  ]);
}

describe('the stored conversation', () => {
  it('has no field name that a document database refuses, and behaves the same after the round trip', () => {
    const driver = new ConversationDriver();
    driver.onboard('en');
    driver.choose(`module:${driver.index.modules[0]!.id}`);
    driver.choose('next');
    driver.text('language');
    expect(unsafeFieldNames(driver.document)).toEqual([]);

    // Going back from the language question relies on the stored history of where the learner was.
    const reply = driver.choose('sv');
    const step = driver.index.step(driver.context.position!)!;
    expect(reply).toContain(('text' in step ? step.text.sv : step.prompt.sv).slice(0, 30));
  });
});
