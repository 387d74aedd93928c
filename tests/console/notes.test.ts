import { describe, expect, it } from 'vitest';
import { handleHistoryRequest } from '@/lib/chat/history';
import type { ConversationEvent } from '@/lib/chat/live';
import { handleAddNote, handleListNotes, handleSetLabels } from '@/lib/console/notes';
import type { ConsoleRuntime } from '@/lib/console/route';
import type { ConsoleNote } from '@/lib/console/transcript-schema';
import { newConversationId, useChatHarness } from '../support/chat-harness';
import { testDatabaseKinds } from '../support/test-database';
import {
  answeredConversation,
  consoleRequest,
  consoleRuntimeFor,
  json,
  type SignedInStaff,
  signedInStaff,
} from './takeover-harness';

const VISITOR = 'notesVisitorAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';

type ErrorBody = { error: { code: string; message: string } };

describe.each(testDatabaseKinds())('staff notes and labels (%s)', (kind) => {
  const chat = useChatHarness(kind, { provider: false });
  let console_: ConsoleRuntime | undefined;
  const runtime = () => {
    console_ ??= consoleRuntimeFor(chat());
    return console_;
  };

  const addNote = (id: string, staff: SignedInStaff, body: unknown) =>
    handleAddNote(consoleRequest(`/${id}/notes`, { session: staff.session, body }), runtime(), id);
  const listNotes = (id: string, staff: SignedInStaff) =>
    handleListNotes(consoleRequest(`/${id}/notes`, { method: 'GET', session: staff.session }), runtime(), id);
  const setLabels = (id: string, staff: SignedInStaff, body: unknown) =>
    handleSetLabels(consoleRequest(`/${id}/labels`, { method: 'PUT', session: staff.session, body }), runtime(), id);

  it('adds notes (trimmed, 1–2,000 characters) and lists them newest first with their author and time', async () => {
    const id = await answeredConversation(chat(), VISITOR);
    const first = await signedInStaff(runtime(), { name: 'Li Na' });
    const second = await signedInStaff(runtime(), { name: 'Wang Fang' });

    const events: ConversationEvent[] = [];
    const unsubscribe = runtime().live.subscribe((event) => events.push(event));
    const created = await addNote(id, first, { body: '  Wants a refund for order 5001.  ' });
    unsubscribe();
    expect(created.status).toBe(201);
    expect((await json<{ note: ConsoleNote }>(created)).note).toMatchObject({
      body: 'Wants a refund for order 5001.',
      author: { id: first.user.id, name: 'Li Na' },
      createdAt: runtime().now().toISOString(),
    });
    expect(events).toMatchObject([{ conversationId: id, kind: 'note' }]);
    // Notes share the clock of the test runtime: the later note gets a later time so the order is certain.
    await chat().db.conversationNote.create({
      data: {
        conversationId: id,
        staffUserId: second.user.id,
        body: 'Refund approved.',
        createdAt: new Date(runtime().now().getTime() + 1000),
      },
    });

    const listed = await listNotes(id, second);
    expect(listed.status).toBe(200);
    const { notes } = await json<{ notes: ConsoleNote[] }>(listed);
    expect(notes.map((note) => [note.body, note.author.name])).toEqual([
      ['Refund approved.', 'Wang Fang'],
      ['Wants a refund for order 5001.', 'Li Na'],
    ]);

    for (const bad of [{ body: '   ' }, { body: 'x'.repeat(2001) }, {}, { body: 5 }]) {
      const refused = await addNote(id, first, bad);
      expect(refused.status).toBe(400);
      expect((await json<ErrorBody>(refused)).error.code).toBe('bad_request');
    }
    expect((await addNote(id, first, { body: 'x'.repeat(2000) })).status).toBe(201);
    expect(await chat().db.conversationNote.count({ where: { conversationId: id } })).toBe(3);
    expect((await addNote(newConversationId(), first, { body: 'lost' })).status).toBe(404);
    expect((await listNotes(newConversationId(), first)).status).toBe(404);
  });

  it('keeps notes out of what the shopper can load', async () => {
    const id = await answeredConversation(chat(), VISITOR);
    const agent = await signedInStaff(runtime());
    await addNote(id, agent, { body: 'Private: difficult customer' });
    const history = await fetchHistory(id);
    expect(history).not.toContain('difficult customer');
  });

  async function fetchHistory(id: string): Promise<string> {
    const request = new Request(`http://127.0.0.1:3000/api/conversations/${id}`, {
      headers: { cookie: `shopchat_visitor=${VISITOR}`, 'x-forwarded-for': '203.0.113.9' },
    });
    const response = await handleHistoryRequest(request, chat().runtime, id);
    expect(response.status).toBe(200);
    return response.text();
  }

  it('sets labels trimmed, lower-cased and de-duplicated; refuses too many, empty or too long ones', async () => {
    const id = await answeredConversation(chat(), VISITOR);
    const agent = await signedInStaff(runtime());

    const set = await setLabels(id, agent, { labels: [' Refund ', 'VIP', 'refund', 'vip ', 'late-delivery'] });
    expect(set.status).toBe(200);
    expect(await json<{ labels: string[] }>(set)).toEqual({ labels: ['refund', 'vip', 'late-delivery'] });
    expect((await chat().db.conversation.findUniqueOrThrow({ where: { id } })).labels).toEqual([
      'refund',
      'vip',
      'late-delivery',
    ]);

    const tooMany = Array.from({ length: 21 }, (_, index) => `label-${index}`);
    for (const bad of [{ labels: tooMany }, { labels: ['  '] }, { labels: ['x'.repeat(33)] }, { labels: 'vip' }, {}]) {
      expect((await setLabels(id, agent, bad)).status).toBe(400);
    }
    expect((await chat().db.conversation.findUniqueOrThrow({ where: { id } })).labels).toEqual([
      'refund',
      'vip',
      'late-delivery',
    ]);
    expect((await setLabels(id, agent, { labels: Array.from({ length: 20 }, (_, i) => `l${i}`) })).status).toBe(200);
    expect((await setLabels(id, agent, { labels: [] })).status).toBe(200);
    expect((await chat().db.conversation.findUniqueOrThrow({ where: { id } })).labels).toEqual([]);
    expect((await setLabels(newConversationId(), agent, { labels: ['vip'] })).status).toBe(404);
  });
});
