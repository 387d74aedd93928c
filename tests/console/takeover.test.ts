import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ConversationEvent } from '@/lib/chat/live';
import { loadTranscript } from '@/lib/chat/transcript';
import { handleAddNote, handleListNotes, handleSetLabels } from '@/lib/console/notes';
import type { ConsoleRuntime } from '@/lib/console/route';
import { handleAgentMessage, handleOwnershipChange } from '@/lib/console/takeover';
import { handleConversationDetail } from '@/lib/console/transcript';
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

const VISITOR = 'takeoverVisitorAAAAAAAAAAAAAAAAAAAAAAAAAAA';

type Ownership = {
  conversation: { id: string; status: string; assignedStaff: { id: string; name: string } | null; closedAt: string | null };
};
type ErrorBody = { error: { code: string; message: string } };

describe.each(testDatabaseKinds())('taking a conversation over (%s)', (kind) => {
  const chat = useChatHarness(kind);
  let console_: ConsoleRuntime | undefined;
  const runtime = () => {
    console_ ??= consoleRuntimeFor(chat());
    return console_;
  };

  afterEach(() => {
    vi.restoreAllMocks();
  });

  const change = (action: 'take' | 'release' | 'close', id: string, staff: SignedInStaff | null, body?: unknown) =>
    handleOwnershipChange(consoleRequest(`/${id}/${action}`, { session: staff?.session ?? null, body }), runtime(), id, action);
  const reply = (id: string, staff: SignedInStaff | null, body: unknown) =>
    handleAgentMessage(consoleRequest(`/${id}/messages`, { session: staff?.session ?? null, body }), runtime(), id);
  const row = (id: string) => chat().db.conversation.findUniqueOrThrow({ where: { id } });

  /** Everything the live bus carries while `run` runs. */
  async function published(run: () => Promise<unknown>): Promise<ConversationEvent[]> {
    const events: ConversationEvent[] = [];
    const unsubscribe = runtime().live.subscribe((event) => events.push(event));
    try {
      await run();
    } finally {
      unsubscribe();
    }
    return events;
  }

  it('answers 401 to a browser without a staff session on every console conversation route', async () => {
    const id = await answeredConversation(chat(), VISITOR);
    const anonymous = { session: null };
    const responses = await Promise.all([
      handleConversationDetail(consoleRequest(`/${id}`, { ...anonymous, method: 'GET' }), runtime(), id),
      change('take', id, null),
      change('release', id, null),
      change('close', id, null),
      reply(id, null, { text: 'hi' }),
      handleListNotes(consoleRequest(`/${id}/notes`, { ...anonymous, method: 'GET' }), runtime(), id),
      handleAddNote(consoleRequest(`/${id}/notes`, { ...anonymous, body: { body: 'x' } }), runtime(), id),
      handleSetLabels(consoleRequest(`/${id}/labels`, { ...anonymous, method: 'PUT', body: { labels: ['vip'] } }), runtime(), id),
    ]);
    for (const response of responses) {
      expect(response.status).toBe(401);
      expect((await json<ErrorBody>(response)).error.code).toBe('unauthorized');
    }
    expect(await row(id)).toMatchObject({ status: 'bot', assignedStaffId: null, labels: [] });
    expect(await chat().db.conversationNote.count({ where: { conversationId: id } })).toBe(0);
  });

  it('takes a conversation: status human, assigned to the taker, a live status event; 404 for an unknown id', async () => {
    const id = await answeredConversation(chat(), VISITOR);
    const agent = await signedInStaff(runtime(), { name: 'Li Na' });
    let response: Response | undefined;
    const events = await published(async () => {
      response = await change('take', id, agent);
    });
    expect(response?.status).toBe(200);
    expect(await json<Ownership>(response as Response)).toEqual({
      conversation: { id, status: 'human', assignedStaff: { id: agent.user.id, name: 'Li Na' }, closedAt: null },
    });
    expect(await row(id)).toMatchObject({ status: 'human', assignedStaffId: agent.user.id });
    expect(events).toMatchObject([{ conversationId: id, kind: 'status', status: 'human' }]);

    // Taking it again is harmless.
    expect((await change('take', id, agent, {})).status).toBe(200);
    const unknown = await change('take', newConversationId(), agent);
    expect(unknown.status).toBe(404);
  });

  it('refuses to take someone else’s conversation (409 naming them) unless an admin forces it', async () => {
    const id = await answeredConversation(chat(), VISITOR);
    const holder = await signedInStaff(runtime(), { name: 'Wang Fang' });
    const colleague = await signedInStaff(runtime());
    const admin = await signedInStaff(runtime(), { role: 'admin' });
    expect((await change('take', id, holder)).status).toBe(200);

    const refused = await change('take', id, colleague, { force: true });
    expect(refused.status).toBe(409);
    expect((await json<ErrorBody>(refused)).error.message).toContain('Wang Fang has this conversation');
    const adminWithoutForce = await change('take', id, admin);
    expect(adminWithoutForce.status).toBe(409);
    expect((await json<ErrorBody>(adminWithoutForce)).error.message).toContain('force');
    expect((await row(id)).assignedStaffId).toBe(holder.user.id);

    const forced = await change('take', id, admin, { force: true });
    expect(forced.status).toBe(200);
    expect((await row(id)).assignedStaffId).toBe(admin.user.id);
    // Releasing and closing follow the same rule.
    expect((await change('release', id, holder)).status).toBe(409);
    expect((await change('close', id, colleague)).status).toBe(409);
    expect((await row(id)).status).toBe('human');
    expect((await change('take', id, holder, { force: 'yes' })).status).toBe(400);
  });

  it('lets only the member of staff holding the conversation reply; the shopper sees it as the shop’s, with their name', async () => {
    const id = await answeredConversation(chat(), VISITOR);
    const agent = await signedInStaff(runtime(), { name: 'Li Na' });
    const colleague = await signedInStaff(runtime());

    const beforeTaking = await reply(id, agent, { text: 'Hi there' });
    expect(beforeTaking.status).toBe(409);
    expect((await json<ErrorBody>(beforeTaking)).error.message).toMatch(/Take the conversation over/);
    await change('take', id, agent);
    expect((await reply(id, colleague, { text: 'Me too' })).status).toBe(409);
    expect((await reply(newConversationId(), agent, { text: 'Hi' })).status).toBe(404);
    expect((await reply(id, agent, { text: '   ' })).status).toBe(400);
    expect((await reply(id, agent, { text: 'x'.repeat(4001) })).status).toBe(400);
    expect((await row(id)).messageCount).toBe(2);

    let response: Response | undefined;
    const events = await published(async () => {
      response = await reply(id, agent, { text: '  Hi, Li Na here. Let me check.  ' });
    });
    expect(response?.status).toBe(201);
    const { message } = await json<{ message: { id: string; text: string; author: { name: string } } }>(response as Response);
    expect(message).toMatchObject({ text: 'Hi, Li Na here. Let me check.', author: { id: agent.user.id, name: 'Li Na' } });
    expect(events).toMatchObject([{ conversationId: id, kind: 'message', status: 'human' }]);

    const stored = await chat().db.chatMessage.findUniqueOrThrow({ where: { id: message.id } });
    expect(stored).toMatchObject({
      seq: 2,
      role: 'agent',
      staffUserId: agent.user.id,
      text: 'Hi, Li Na here. Let me check.',
      parts: [{ type: 'text', text: 'Hi, Li Na here. Let me check.' }],
    });
    expect((await row(id)).messageCount).toBe(3);
    expect((await loadTranscript(chat().db, id)).at(-1)).toMatchObject({ role: 'assistant', metadata: { agentName: 'Li Na' } });
  });

  it('hands a conversation back to the bot and closes it, publishing each change', async () => {
    const id = await answeredConversation(chat(), VISITOR);
    const agent = await signedInStaff(runtime());
    await change('take', id, agent);

    const released = await change('release', id, agent);
    expect(released.status).toBe(200);
    expect((await json<Ownership>(released)).conversation).toMatchObject({ status: 'bot', assignedStaff: null });
    expect(await row(id)).toMatchObject({ status: 'bot', assignedStaffId: null });
    expect((await reply(id, agent, { text: 'still me' })).status).toBe(409);

    await change('take', id, agent);
    let closed: Response | undefined;
    const events = await published(async () => {
      closed = await change('close', id, agent);
    });
    expect(closed?.status).toBe(200);
    const body = await json<Ownership>(closed as Response);
    expect(body.conversation).toMatchObject({ status: 'closed', assignedStaff: { id: agent.user.id } });
    expect((await row(id)).closedAt).toEqual(runtime().now());
    expect(events).toMatchObject([{ conversationId: id, kind: 'status', status: 'closed' }]);
    expect((await change('close', newConversationId(), agent)).status).toBe(404);
    expect((await change('release', newConversationId(), agent)).status).toBe(404);
  });

  it('keeps the bot silent once a person has the conversation: the shopper’s message gets only the status part', async () => {
    const id = await answeredConversation(chat(), VISITOR);
    const agent = await signedInStaff(runtime());
    await change('take', id, agent);
    const modelCalls = chat().fake?.requests.length;

    const answer = await chat().send({ conversationId: id, visitor: VISITOR, text: 'Are you a person?' });
    expect(answer.status).toBe(200);
    expect(answer.chunks.filter((chunk) => chunk.type.startsWith('data-') || chunk.type.startsWith('text'))).toEqual([
      { type: 'data-status', data: { status: 'human' }, transient: true },
    ]);
    expect(answer.text).toBe('');
    expect(chat().fake?.requests.length).toBe(modelCalls);
    const roles = await chat().db.chatMessage.findMany({ where: { conversationId: id }, orderBy: { seq: 'asc' } });
    expect(roles.map((message) => message.role)).toEqual(['user', 'assistant', 'user']);
  });

  it('does not post the bot’s answer when staff take the conversation while the answer is being written', async () => {
    const { fake, db } = chat();
    if (!fake) throw new Error('this test needs the fake provider');
    const id = await answeredConversation(chat(), VISITOR);
    const agent = await signedInStaff(runtime());
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});

    let modelAsked!: () => void;
    const asked = new Promise<void>((resolve) => {
      modelAsked = resolve;
    });
    let letModelAnswer!: () => void;
    const answerHeld = new Promise<void>((resolve) => {
      letModelAnswer = resolve;
    });
    fake.reply(async () => {
      modelAsked();
      await answerHeld;
      return { text: 'The bot would have said this.' };
    });
    const turn = chat().send({ conversationId: id, visitor: VISITOR, text: 'Where is my parcel?' });
    await asked;
    expect((await change('take', id, agent)).status).toBe(200);
    letModelAnswer();

    const answer = await turn;
    expect(answer.chunks).toContainEqual({ type: 'data-status', data: { status: 'human' }, transient: true });
    await vi.waitFor(() =>
      expect(warn).toHaveBeenCalledWith(expect.stringContaining('answer was not posted'), expect.anything()),
    );
    const messages = await db.chatMessage.findMany({ where: { conversationId: id }, orderBy: { seq: 'asc' } });
    expect(messages.map((message) => message.role)).toEqual(['user', 'assistant', 'user']);
    expect(messages.some((message) => message.text.includes('The bot would have said this.'))).toBe(false);
    expect(await row(id)).toMatchObject({ status: 'human', messageCount: 3 });
  });
});
