// @vitest-environment jsdom
import { act, cleanup, renderHook } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, type MockInstance, vi } from 'vitest';
import { PROTOCOL, type WidgetSession } from '@/lib/embed/protocol';
import { useEmbedBridge } from './use-embed-bridge';

const STOREFRONT = 'https://shop.example.com';
const session: WidgetSession = {
  conversationId: 'c'.repeat(32),
  visitorSecret: 'v'.repeat(32),
  token: null,
};

let posted: MockInstance<Window['postMessage']>;

beforeEach(() => {
  // At the top level of jsdom the parent window is the window itself.
  posted = vi.spyOn(window.parent, 'postMessage').mockImplementation(() => {});
});

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
  localStorage.clear();
});

function fromHost(data: unknown, { origin = STOREFRONT, source = window.parent as Window | null } = {}) {
  act(() => {
    window.dispatchEvent(new MessageEvent('message', { data, origin, source }));
  });
}

describe('useEmbedBridge (framed)', () => {
  it('says ready to exactly the storefront origin, never "*"', () => {
    renderHook(() => useEmbedBridge(STOREFRONT));
    expect(posted).toHaveBeenCalledWith({ protocol: PROTOCOL, type: 'ready' }, STOREFRONT);
    expect(posted.mock.calls.map(([, target]) => target)).toEqual([STOREFRONT]);
  });

  it('takes the session and visibility from the storefront’s parent window', () => {
    const { result } = renderHook(() => useEmbedBridge(STOREFRONT));
    expect(result.current.session).toBeNull();
    fromHost({ protocol: PROTOCOL, type: 'session', session });
    expect(result.current.session).toEqual(session);
    fromHost({ protocol: PROTOCOL, type: 'visibility', open: false });
    expect(result.current.visible).toBe(false);
  });

  it('ignores messages from another origin, another window, or in another shape', () => {
    const { result } = renderHook(() => useEmbedBridge(STOREFRONT));
    const otherFrame = document.createElement('iframe');
    document.body.append(otherFrame);

    fromHost({ protocol: PROTOCOL, type: 'session', session }, { origin: 'https://evil.example' });
    fromHost({ protocol: PROTOCOL, type: 'session', session }, { source: otherFrame.contentWindow });
    fromHost({ protocol: PROTOCOL, type: 'session', session }, { source: null });
    fromHost({ protocol: 'other/1', type: 'session', session });
    fromHost({ protocol: PROTOCOL, type: 'session', session: { ...session, conversationId: 'short' } });
    fromHost({ protocol: PROTOCOL, type: 'visibility', open: 'no' });
    fromHost('{"type":"session"}');

    expect(result.current.session).toBeNull();
    expect(result.current.visible).toBe(true);
  });

  it('a new session from the loader replaces the old one; the same session again changes nothing', () => {
    const { result } = renderHook(() => useEmbedBridge(STOREFRONT));
    fromHost({ protocol: PROTOCOL, type: 'session', session });
    const first = result.current.session;
    fromHost({ protocol: PROTOCOL, type: 'session', session: { ...session } });
    expect(result.current.session).toBe(first);
    const signedIn = { ...session, conversationId: 'd'.repeat(32), token: 'header.payload.signature' };
    fromHost({ protocol: PROTOCOL, type: 'session', session: signedIn });
    expect(result.current.session).toEqual(signedIn);
  });

  it('tells the loader about close, unread and a new conversation, each to the storefront origin', () => {
    const { result } = renderHook(() => useEmbedBridge(STOREFRONT));
    fromHost({ protocol: PROTOCOL, type: 'session', session });
    posted.mockClear();

    act(() => result.current.notify({ type: 'close' }));
    act(() => result.current.notify({ type: 'unread', count: 2 }));
    act(() => result.current.startConversation('n'.repeat(32)));

    expect(posted.mock.calls).toEqual([
      [{ protocol: PROTOCOL, type: 'close' }, STOREFRONT],
      [{ protocol: PROTOCOL, type: 'unread', count: 2 }, STOREFRONT],
      [{ protocol: PROTOCOL, type: 'conversation', conversationId: 'n'.repeat(32) }, STOREFRONT],
    ]);
    expect(result.current.session).toEqual({ ...session, conversationId: 'n'.repeat(32) });
  });
});

describe('useEmbedBridge (standalone)', () => {
  it('keeps its own session in local storage and posts nothing', () => {
    const { result, unmount } = renderHook(() => useEmbedBridge(null));
    const created = result.current.session;
    expect(created?.token).toBeNull();
    expect(result.current.framed).toBe(false);
    unmount();

    const { result: reopened } = renderHook(() => useEmbedBridge(null));
    expect(reopened.current.session).toEqual(created);
    act(() => reopened.current.startConversation('n'.repeat(32)));

    const { result: again } = renderHook(() => useEmbedBridge(null));
    expect(again.current.session).toEqual({ ...created, conversationId: 'n'.repeat(32) });
    expect(posted).not.toHaveBeenCalled();
  });
});
