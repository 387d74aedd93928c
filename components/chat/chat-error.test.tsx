// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ChatApiError, classifyChatError } from './api';
import { ChatError } from './chat-error';
import { dictionaryFor } from './i18n';

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

const t = dictionaryFor('en').widget;

function renderError(error: unknown, onRetry = vi.fn()) {
  render(<ChatError error={classifyChatError(error)} t={t} onRetry={onRetry} />);
  return onRetry;
}

const message = () => screen.getByTestId('chat-error-message').textContent;

describe('ChatError', () => {
  it('429: counts down from Retry-After and enables Retry at zero', () => {
    vi.useFakeTimers();
    const onRetry = renderError(new ChatApiError(429, 'rate_limited', 'slow down', 3));
    const retry = screen.getByTestId('retry-button');
    expect(message()).toBe("You're sending messages quickly — try again in 3 s.");
    expect(retry.hasAttribute('disabled')).toBe(true);

    act(() => vi.advanceTimersByTime(1_000));
    expect(message()).toBe("You're sending messages quickly — try again in 2 s.");
    fireEvent.click(retry);
    expect(onRetry).not.toHaveBeenCalled();

    act(() => vi.advanceTimersByTime(2_000));
    expect(message()).toBe("You're sending messages quickly — you can try again now.");
    expect(retry.hasAttribute('disabled')).toBe(false);
    fireEvent.click(retry);
    expect(onRetry).toHaveBeenCalledOnce();
  });

  it('a network failure: check your connection, Retry at once', () => {
    const onRetry = renderError(new TypeError('Failed to fetch'));
    expect(message()).toBe("Can't reach us — check your connection.");
    fireEvent.click(screen.getByTestId('retry-button'));
    expect(onRetry).toHaveBeenCalledOnce();
  });

  it('401 unauthorized: refresh the page, and no Retry (it would fail the same way)', () => {
    renderError(new ChatApiError(401, 'unauthorized', 'token expired', null));
    expect(message()).toBe('Your sign-in has expired — refresh the page.');
    expect(screen.queryByTestId('retry-button')).toBeNull();
  });

  it('5xx: something went wrong on our side, with Retry', () => {
    renderError(new ChatApiError(503, 'unavailable', 'down', null));
    expect(message()).toBe('Something went wrong on our side.');
    expect(screen.getByTestId('retry-button').hasAttribute('disabled')).toBe(false);
  });

  it('speaks Chinese with a zh dictionary', () => {
    render(
      <ChatError
        error={classifyChatError(new ChatApiError(429, 'rate_limited', '', 9))}
        t={dictionaryFor('zh').widget}
        onRetry={() => {}}
      />,
    );
    expect(message()).toBe('您发送得太快了，请 9 秒后重试。');
  });
});
